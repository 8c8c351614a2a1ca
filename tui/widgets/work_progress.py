"""A one-line progress bar at the foot of the screen while long work runs in a worker."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar


class WorkProgress(Horizontal):
    """«Skriver sammenstillingen ━━━━━╸━━━ 42%»: what runs, and how far it has come."""

    DEFAULT_CSS = """
    WorkProgress { dock: bottom; height: 1; background: $panel; padding: 0 1; }
    WorkProgress Label { width: auto; margin-right: 1; }
    WorkProgress ProgressBar { width: 1fr; }
    """

    def __init__(self, description: str) -> None:
        super().__init__()
        self.description = description

    def compose(self) -> ComposeResult:
        yield Label(self.description)
        yield ProgressBar(total=None, show_eta=False)

    def advance_to(self, done: int, total: int) -> None:
        """Show `done` of `total` steps; a total of 0 is work of a length not known yet.

        The screen it stood on may be gone by now (the user went back): then nothing shows.
        """
        for bar in self.query(ProgressBar):
            bar.update(total=total or None, progress=done)

    def finish(self) -> None:
        if self.is_attached:
            self.remove()
