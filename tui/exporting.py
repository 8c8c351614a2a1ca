"""The exports the app offers from the command palette: what each needs, and writing it."""

from __future__ import annotations

import importlib.util
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tui.text import tx

if TYPE_CHECKING:
    from models.progress import Progress
    from models.storage import Database
    from tui.app import InnsiktApp


@dataclass(frozen=True)
class ExportKind:
    key: str
    module: str
    file_name: str
    suffixes: tuple[str, ...]

    @property
    def title(self) -> str:
        return tx(f"cmd_{self.key}")

    @property
    def help(self) -> str:
        return tx(f"cmd_{self.key}_help")


KINDS = {
    kind.key: kind
    for kind in (
        ExportKind("minutes", "exports.minutes", "referat-{meeting}.docx", (".docx",)),
        ExportKind("report", "exports.report", "sammenstilling.docx", (".docx",)),
        ExportKind("services_export", "exports.services", "tjenester.xlsx", (".xlsx", ".csv")),
    )
}


def available() -> list[ExportKind]:
    """The exports whose module is installed (looked up without importing python-docx)."""
    return [kind for kind in KINDS.values() if importlib.util.find_spec(kind.module) is not None]


def suggested_path(kind: ExportKind, meeting_id: str | None) -> Path:
    return Path.cwd() / kind.file_name.format(meeting=(meeting_id or "")[:8])


def write_export(
    db: Database,
    kind: ExportKind,
    path: Path,
    meeting_id: str | None,
    journey_id: str | None,
    progress: Progress | None = None,
) -> None:
    """Write the export `kind` to `path` (the report tells `progress` how far it has come)."""
    if kind.key == "minutes":
        from exports.minutes import write_minutes

        write_minutes(db, str(meeting_id), path)
    elif kind.key == "report":
        from exports.report import write_report

        write_report(db, journey_id, path, progress=progress)
    else:
        from exports.services import write_services

        write_services(db, path)


# Progress reaches the screen at most this often: a report has tens of thousands of blocks.
PROGRESS_INTERVAL = 0.1


def start_export(
    app: InnsiktApp, kind: ExportKind, path: Path, meeting_id: str | None, journey_id: str | None
) -> None:
    """Write the export in a worker thread, with a progress line at the foot of the screen.

    The export only reads, so the writer thread stays free for the notes typed meanwhile (a
    large report takes many seconds). It starts once the writer has saved what was queued
    before it, so that the minutes hold what was typed a moment ago.
    """
    from tui.widgets.work_progress import WorkProgress

    db = app.db
    if db is None:
        return
    line = WorkProgress(tx(f"export_running_{kind.key}"))
    app.screen.mount(line)
    queued_before = threading.Event()
    app.writer.submit(
        lambda: None, on_done=lambda _: queued_before.set(), on_error=lambda _: queued_before.set()
    )
    shown = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if now - shown[0] >= PROGRESS_INTERVAL or done == total:
            shown[0] = now
            app.call_from_thread(line.advance_to, done, total)

    def work() -> None:
        queued_before.wait()
        try:
            write_export(db, kind, path, meeting_id, journey_id, progress)
        except Exception as error:  # said to the user in one line; the app runs on
            from tui.widgets.write_failure import failure_text

            app.call_from_thread(line.finish)
            app.post_message(app.Problem(failure_text(error)))
            return
        app.call_from_thread(line.finish)
        app.post_message(app.Done(tx("export_written", path=path)))

    app.run_worker(work, thread=True, group="export", exit_on_error=False)
