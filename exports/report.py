"""The consolidated Word report (sammenstilling) across a journey."""

from __future__ import annotations

from pathlib import Path

from exports.docx_render import render_docx
from exports.people import Participants
from exports.report_content import report_document
from models.storage import Database


def write_report(
    db: Database,
    journey_id: str | None,
    path: Path,
    *,
    template: Path | None = None,
    participants: Participants = "alle",
) -> None:
    """Write the report of the journey `journey_id` (id or prefix; None = all) to `path`."""
    render_docx(report_document(db, journey_id, participants), Path(path), template)
