"""An OptionList that keeps its lines through a Resize that leaves their width as it was.

Textual's OptionList throws its lines and rendered options away on every Resize, and repaints.
A widget's first Resize is sent by the layout that sized it, and handled after the frame that
layout painted, for which the list had already made its lines at that width: on home the
journeys were rendered a second time, in a paint of their own, right after the first frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import OptionList

if TYPE_CHECKING:
    from textual import events


class KeptLinesOptionList(OptionList):
    """`OptionList`, but a Resize to the content width its lines were made at changes nothing."""

    _lines_width = -1  # the content width the lines and rendered options were made at

    def _update_lines(self) -> None:
        super()._update_lines()
        if self._line_cache.lines and self._lines_width < 0:
            self._lines_width = self.scrollable_content_region.width

    def _clear_caches(self) -> None:
        self._lines_width = -1
        super()._clear_caches()

    def _on_resize(self, event: events.Resize) -> None:
        if self._lines_width == self.scrollable_content_region.width:
            event.prevent_default()  # OptionList's own handler, next, would clear and repaint
