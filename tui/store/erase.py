"""What the erase-person screen reads: the people who may be erased."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.storage import Database


@dataclass(frozen=True)
class ErasablePerson:
    id: str
    name: str


def erasable_people(db: Database) -> tuple[ErasablePerson, ...]:
    """Everyone stored, by name, except those already erased (tombstones too: an erasure also
    clears a deleted person's name)."""
    from sqlmodel import col, select

    from models.erasure import ERASED
    from models.tables import Person

    with db.session() as session:
        people = session.exec(select(Person).order_by(col(Person.name))).all()
        return tuple(ErasablePerson(p.id, p.name) for p in people if p.name != ERASED)
