"""The capture screen's data: read in tui/capture_data.py, answers written by models/answer_save.py
(both without the ORM, so that the meeting shows and saves before SQLAlchemy is loaded); and the
services panel's rows, in plain SQL as well (models/read_panels.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.capture_data import CaptureData, load_capture

if TYPE_CHECKING:
    from models.mentions import MentionRow
    from models.storage import Database

__all__ = ["CaptureData", "load_capture", "load_panel_mentions"]


def load_panel_mentions(db: Database, meeting_id: str, question_key: str) -> list[MentionRow]:
    """The services linked to the meeting's question, by name: the services panel reads them
    each time its question is shown."""
    from models.read import reading
    from models.read_panels import panel_mentions

    with reading(db.path) as connection:
        return panel_mentions(connection, meeting_id, question_key)
