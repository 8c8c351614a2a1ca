"""The consolidated Word report (sammenstilling) across a journey."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from exports.docx_render import render_docx
from exports.people import Participants
from exports.report_reads import report_document
from models.progress import Progress, report

if TYPE_CHECKING:
    import sqlite3

    from models.storage import Database


def write_report(
    db: Database | sqlite3.Connection,
    journey_id: str | None,
    path: Path,
    *,
    template: Path | None = None,
    participants: Participants = "alle",
    progress: Progress | None = None,
) -> None:
    """Write the report of the journey `journey_id` (id or prefix; None = all) to `path`.

    `db`: an open database, or a plain sqlite3 connection to one (the command line's, which
    then imports no ORM at all); either way the report reads with plain sqlite3.

    `progress` hears (0, 0) while the records are gathered (how long is not known yet), then
    each block of the document as it is laid out.
    """
    report(progress, 0, 0)
    document = report_document(db, journey_id, participants)
    render_docx(document, Path(path), template, progress)
