"""The invitation («innkalling») to one meeting as a Word file, in the minutes' style."""

from __future__ import annotations

from pathlib import Path

from exports.agenda_content import build_agenda, load_invitation
from exports.docx_render import render_docx
from models.storage import Database


def write_agenda(
    db: Database, meeting_ref: str, path: Path, *, template: Path | None = None
) -> None:
    """Write the invitation to the meeting `meeting_ref` (id or unique prefix) to `path`."""
    render_docx(build_agenda(load_invitation(db, meeting_ref)), Path(path), template)
