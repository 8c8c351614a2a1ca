"""Progress of long work on stderr: a rich bar on a terminal, nothing when piped or with --json."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from models.progress import Progress
from tui.cli.text import t


class _Bar:
    """A rich progress bar on stderr, started at the first report and erased when done."""

    def __init__(self, description: str) -> None:
        self.description = description
        self.bar: Any = None
        self.task: Any = None

    def report(self, done: int, total: int) -> None:
        if self.bar is None:
            # Started late on purpose: a passphrase asked for before the work begins is not
            # drawn over, and work too quick to report anything shows nothing.
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TaskProgressColumn, TimeElapsedColumn

            self.bar = Progress(
                "{task.description}",
                BarColumn(),
                TaskProgressColumn(),
                TimeElapsedColumn(),
                console=Console(file=sys.stderr),
                transient=True,
                # What the work prints meanwhile goes where it always goes, untouched.
                redirect_stdout=False,
                redirect_stderr=False,
            )
            self.bar.start()
            self.task = self.bar.add_task(self.description, total=total or None)
        self.bar.update(self.task, completed=done, total=total or None)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


@contextmanager
def progress_bar(description_key: str, *, quiet: bool = False) -> Iterator[Progress | None]:
    """A `progress(done, total)` callback that draws a bar on stderr while the block runs.

    None (the work then reports to no one) when stderr is not a terminal, or with `quiet`
    (--json): what a script reads, stdout and stderr alike, stays exactly as it was.
    """
    if quiet or not sys.stderr.isatty():
        yield None
        return
    bar = _Bar(t(description_key))
    try:
        yield bar.report
    finally:
        bar.stop()
