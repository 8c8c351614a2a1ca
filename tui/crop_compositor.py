"""A Textual compositor that renders, for a partial update, only the widgets the update touches.

For a partial update (a key in the notes editor repaints the editor), Textual's compositor
renders every widget whose *clip* (its container's visible area) meets the updated area, not
only those whose own area does: every child of the screen (the footer, the meeting clock, the
status line) and every widget beside the editor (the guide tree, the question, the labels) is
rendered again on each key, whole, and its lines thrown away outside the update. This one
renders only widgets whose visible area meets the updated regions, and of them only the lines
those cover. Textual's crop is the box around all the regions: the editor and the status line
updated in one frame would render every header part between them, for lines nobody draws. What
reaches the terminal is the same (tests/tui/test_crop_compositor.py compares the two).

It also sends every widget whose box a layout changed its Resize, which Textual's can miss
(`CropCompositor.reflow`; tests/tui/test_resize_after_lookup.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region, Size

if TYPE_CHECKING:
    from textual._compositor import CompositorMap, ReflowResult
    from textual.screen import Screen
    from textual.strip import Strip
    from textual.widget import Widget


class CropCompositor(Compositor):
    _updating: list[Region] | None = None  # the regions of the partial update being rendered
    _reflowed: CompositorMap | None = None  # every widget's box as the last layout made it

    def reflow(self, parent: Widget, size: Size) -> ReflowResult:
        # Textual sends Resize (and Show) to the widgets whose box this layout changed, found by
        # comparing with the map of all boxes. Between layouts it rebuilds that map on a look-up
        # once a new widget was updated or a scroll's layout ran: the rebuilt map already holds
        # the new boxes, the next layout found nothing changed, and a widget resized meanwhile
        # got no Resize. The choice list beside the transcript panel then drew its options at
        # its old width, cut off (a loaded machine). Compared with the last layout's map, each
        # layout tells every widget what changed since the one before.
        if self._reflowed is not None:
            self._full_map = self._reflowed
        result = super().reflow(parent, size)
        self._reflowed = getattr(self, "_full_map", None)  # (None: another Textual's, as is)
        return result

    def render_partial_update(self) -> ChopsUpdate | None:
        # Textual turns the regions into one crop box before asking for the renders.
        # (Another Textual without them: the crop box alone, as Textual's own renders it.)
        self._updating = list(getattr(self, "_dirty_regions", ())) or None
        try:
            return super().render_partial_update()
        finally:
            self._updating = None

    def _get_renders(
        self, crop: Region | None = None
    ) -> Iterable[tuple[Region, Region, list[Strip]]]:
        if crop is None:
            return super()._get_renders(crop)
        return self._renders_in(crop)

    def _renders_in(self, crop: Region) -> Iterable[tuple[Region, Region, list[Strip]]]:
        updating = self._updating or [crop]
        for widget, (region, clip) in self.visible_widgets.items():
            shown = region.intersection(clip)  # what Textual would render of it
            touched = [part for part in (shown.intersection(dirty) for dirty in updating) if part]
            if not touched:
                continue
            # Of those, only the lines the update covers: the others are not drawn (only the
            # cells inside the regions reach the terminal).
            y = min(part.y for part in touched)
            part = Region(shown.x, y, shown.width, max(part.bottom for part in touched) - y)
            # `part` as the clip: what the caller draws is the part of the region inside it.
            yield (
                region,
                part,
                widget.render_lines(
                    Region(part.x - region.x, part.y - region.y, part.width, part.height)
                ),
            )


def crop_updates(screen: Screen[object]) -> None:
    """Give `screen` the compositor above; called in its constructor, before it is laid out."""
    screen._compositor = CropCompositor()
