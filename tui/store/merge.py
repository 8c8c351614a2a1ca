"""What the conflicts and duplicates screens read after a merge."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.storage import Database
    from models.sync.conflicts import ConflictView
    from models.sync.duplicates import DuplicatePair


def load_conflicts(db: Database) -> list[ConflictView]:
    from models.sync.conflicts import list_conflicts

    with db.session() as session:
        return list_conflicts(session)


def load_duplicates(db: Database) -> list[DuplicatePair]:
    from models.sync.duplicates import likely_duplicates

    with db.session() as session:
        return likely_duplicates(session)
