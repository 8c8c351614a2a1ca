"""What the follow-ups screen reads (the panel's rows: models/read_panels.py)."""

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
