"""How long work reports how far it has come: a `progress(done, total)` callback, or None."""

from __future__ import annotations

from collections.abc import Callable

# Called with the steps done so far and the steps there are in all; the caller draws it (a bar
# on a terminal, a status line in the app). Work that is given None reports nothing.
Progress = Callable[[int, int], None]


def report(progress: Progress | None, done: int, total: int) -> None:
    """Tell `progress`, if there is one, that `done` of `total` steps are done."""
    if progress is not None:
        progress(done, total)


class Steps:
    """Counts steps of known number and reports each to `progress` (if there is one)."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total, self.done = progress, total, 0
        report(progress, 0, total)

    def advance(self, steps: int = 1) -> None:
        self.done += steps
        report(self.progress, self.done, self.total)
