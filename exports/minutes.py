"""Word minutes (referat) of one meeting."""

from __future__ import annotations

from pathlib import Path

from exports.docx_render import render_docx
from exports.minutes_content import minutes_document
from exports.people import Participants
from models.storage import Database


def write_minutes(
    db: Database,
    meeting_id: str,
    path: Path,
    *,
    template: Path | None = None,
    participants: Participants = "alle",
) -> None:
    """Write the minutes of the meeting `meeting_id` (id or unique prefix) to `path`."""
    render_docx(minutes_document(db, meeting_id, participants), Path(path), template)
