"""The «Lagrer …» / «Lagret hh:mm:ss» line that tells the user their notes are on disk."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.widgets import Static

from tui.text import tx


class SaveIndicator(Static):
    """Shows whether the newest text is durable; the last save time comes from the app clock."""

    DEFAULT_CSS = """
    SaveIndicator { width: auto; color: $text-muted; }
    SaveIndicator.-saving { color: $warning; }
    SaveIndicator.-failed { color: $error; text-style: bold; }
    """

    problem = ""  # the failure shown, until a save succeeds

    def saving(self) -> None:
        if self.problem:  # the failure stays in sight until the text is safe
            return
        if self.has_class("-saving"):
            return  # called on every keystroke: the same text again would relayout the screen
        self.set_classes("-saving")
        self.update(tx("saving"))

    def saved(self, at: dt.datetime) -> None:
        self.problem = ""
        self.set_classes("")
        self.update(tx("saved_at", time=at.strftime("%H:%M:%S")))

    def failed(self, line: str) -> None:
        """One plain line (never markup: it must show whatever it holds)."""
        self.problem = line
        self.set_classes("-failed")
        self.update(Text(line))
