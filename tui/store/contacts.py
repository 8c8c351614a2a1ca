"""What the contacts panel of a `people` question reads."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.contacts import ContactRow, KnownContact
    from models.storage import Database


def load_contacts(
    db: Database, meeting_id: str, question_key: str
) -> tuple[list[ContactRow], list[KnownContact]]:
    """The question's contacts, and everyone the type-ahead offers (participants first), in
    plain SQL: the panel reads them each time its question is shown (the ORM made an object of
    every person for it)."""
    from models.read import reading
    from models.read_panels import panel_contacts

    with reading(db.path) as connection:
        return panel_contacts(connection, meeting_id, question_key)
