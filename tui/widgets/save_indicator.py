"""The «Lagrer …» / «Lagret hh:mm:ss» line that tells the user their notes are on disk."""

from __future__ import annotations

import datetime as dt

from rich.cells import cell_len
from textual.content import Content
from textual.widgets import Static

from tui.text import tx


def usual_width() -> int:
    """Cells for the longer of «Lagrer …» and «Lagret hh:mm:ss» in the language in use."""
    return max(cell_len(tx("saving")), cell_len(tx("saved_at", time="00:00:00")))


class SaveIndicator(Static):
    """Shows whether the newest text is durable; the last save time comes from the app clock.

    Its width stays that of its usual lines, so that changing between them repaints one line
    instead of laying out the screen again (twice: Textual lays out anew when a widget's size
    changed in a layout). A failure's line, longer, widens it until a save succeeds. Its colour
    is in the line itself, not in a CSS class: a class changed matches the app's stylesheet
    against the widget again, twice for each save while one types.
    """

    DEFAULT_CSS = """
    SaveIndicator { width: auto; color: $text-muted; text-align: right; }
    """

    problem = ""  # the failure shown, until a save succeeds

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._width = usual_width()
        self.styles.width = self._width
        self._saying = False  # «Lagrer …» is shown

    def saving(self) -> None:
        if self.problem:  # the failure stays in sight until the text is safe
            return
        if self._saying:
            return  # called for each save while one types: the same line again is no news
        self._saying = True
        self.update(Content.styled(tx("saving"), "$warning"), layout=False)

    def saved(self, at: dt.datetime) -> None:
        widened = bool(self.problem)
        self.problem = ""
        self._saying = False
        if widened:
            self.styles.width = self._width  # a layout, once, after a failure
        self.update(tx("saved_at", time=at.strftime("%H:%M:%S")), layout=widened)

    def failed(self, line: str) -> None:
        """One plain line (never markup: it must show whatever it holds)."""
        self.problem = line
        self._saying = False
        self.styles.width = "auto"
        self.update(Content.styled(line, "bold $error"))
