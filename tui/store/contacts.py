"""What the contacts panel of a `people` question reads."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.contacts import ContactRow, KnownContact
    from models.storage import Database


def load_contacts(
    db: Database, meeting_id: str, question_key: str
) -> tuple[list[ContactRow], list[KnownContact]]:
    """The question's contacts, and everyone the type-ahead offers (participants first)."""
    from models.contacts import known_people, meeting_contacts

    with db.session() as session:
        return meeting_contacts(session, meeting_id, question_key), known_people(
            session, meeting_id
        )
