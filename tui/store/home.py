"""Home's writes: the author remembered on this device, a new journey."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models import records
from models.devices import AUTHOR_KEY
from models.tables import (
    Journey,
    Meta,
)

if TYPE_CHECKING:
    from models.storage import Database


# --- author -------------------------------------------------------------------------------


def remembered_author(db: Database) -> str:
    with db.session() as session:
        row = session.get(Meta, AUTHOR_KEY)
        return row.value if row else ""


def remember_author(db: Database, author: str) -> None:
    """The last author on this device; `meta` is never merged, so it stays per laptop."""
    with db.transaction() as session:
        session.merge(Meta(key=AUTHOR_KEY, value=author))


# --- home ---------------------------------------------------------------------------------


def create_journey(db: Database, name: str, description: str = "") -> str:
    with db.transaction() as session:
        journey = records.create(db, session, Journey, name=name, description=description)
    return journey.id
