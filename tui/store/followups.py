"""What the follow-ups screen and the follow-ups panel read."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.followups import FollowUpRow
    from models.storage import Database


def load_open_followups(db: Database) -> list[FollowUpRow]:
    """Follow-ups not yet closed across all meetings, soonest due first."""
    from models.followups import open_followups

    with db.session() as session:
        return open_followups(session)


def load_meeting_followups(db: Database, meeting_id: str) -> list[FollowUpRow]:
    """The follow-ups of one meeting in the order they were agreed, in plain SQL: the panel
    reads them each time its question is shown (the ORM read every meeting for it)."""
    from models.read import reading
    from models.read_panels import panel_followups

    with reading(db.path) as connection:
        return panel_followups(connection, meeting_id)
