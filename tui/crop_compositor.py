"""A Textual compositor that renders, for a partial update, only the widgets the update touches.

For a partial update (a key in the notes editor repaints the editor), Textual's compositor
renders every widget whose *clip* (its container's visible area) meets the updated area, not
only those whose own area does: every child of the screen (the footer, the meeting clock, the
status line) and every widget beside the editor (the guide tree, the question, the labels) is
rendered again on each key, whole, and its lines thrown away outside the update. This one
renders only widgets whose visible area meets the update, and of them only the lines it covers;
what reaches the terminal is the same (tests/tui/test_crop_compositor.py compares the two).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual._compositor import Compositor
from textual.geometry import Region

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.strip import Strip


class CropCompositor(Compositor):
    def _get_renders(
        self, crop: Region | None = None
    ) -> Iterable[tuple[Region, Region, list[Strip]]]:
        if crop is None:
            return super()._get_renders(crop)
        return self._renders_in(crop)

    def _renders_in(self, crop: Region) -> Iterable[tuple[Region, Region, list[Strip]]]:
        top, bottom = crop.y, crop.bottom
        for widget, (region, clip) in self.visible_widgets.items():
            shown = region.intersection(clip)  # what Textual would render of it
            if not (shown and crop.overlaps(shown)):
                continue
            # Of those, only the lines the update covers: the others are not drawn.
            y = max(shown.y, top)
            part = Region(shown.x, y, shown.width, min(shown.bottom, bottom) - y)
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
