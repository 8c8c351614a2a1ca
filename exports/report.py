"""The consolidated Word report (sammenstilling) across a journey."""

from __future__ import annotations

from pathlib import Path

from exports.docx_render import render_docx
from exports.people import Participants
from exports.report_content import report_document
from models.progress import Progress, report
from models.storage import Database


def write_report(
    db: Database,
    journey_id: str | None,
    path: Path,
    *,
    template: Path | None = None,
    participants: Participants = "alle",
    progress: Progress | None = None,
) -> None:
    """Write the report of the journey `journey_id` (id or prefix; None = all) to `path`.

    `progress` hears (0, 0) while the records are gathered (how long is not known yet), then
    each block of the document as it is laid out.
    """
    report(progress, 0, 0)
    document = report_document(db, journey_id, participants)
    render_docx(document, Path(path), template, progress)
