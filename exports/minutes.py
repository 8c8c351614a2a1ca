"""Word minutes (referat) of one meeting."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from exports.docx_render import render_docx
from exports.minutes_content import minutes_document
from exports.people import Participants

if TYPE_CHECKING:
    import sqlite3

    from models.storage import Database


def write_minutes(
    db: Database | sqlite3.Connection,
    meeting_id: str,
    path: Path,
    *,
    template: Path | None = None,
    participants: Participants = "alle",
    with_skipped: bool = False,
) -> None:
    """Write the minutes of the meeting `meeting_id` (id or unique prefix) to `path`.

    Skipped and not-relevant questions are listed once at the end unless `with_skipped`.
    """
    document = minutes_document(db, meeting_id, participants, with_skipped=with_skipped)
    render_docx(document, Path(path), template)
