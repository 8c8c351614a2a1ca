"""What the findings screen reads: the journey shown and its findings, and how one is saved."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.storage import Database


@dataclass(frozen=True)
class FindingsData:
    journey_id: str | None  # None: there is no journey yet
    journey_name: str = ""
    texts: dict[str, str] = field(default_factory=dict)  # topic → text


def load_findings(db: Database, journey_id: str | None) -> FindingsData:
    """The chosen journey, or else the first one made, with its findings."""
    from sqlmodel import col

    from models.minutes import findings_of
    from models.records import live
    from models.tables import Journey

    with db.session() as session:
        found = session.get(Journey, journey_id) if journey_id is not None else None
        if found is None or found.deleted:
            found = session.exec(live(Journey).order_by(col(Journey.created_at))).first()
        if found is None:
            return FindingsData(None)
        chosen, name = found.id, found.name
    return FindingsData(chosen, name, findings_of(db, chosen))


def store_finding(db: Database, key: tuple[str, str, str], text: str) -> None:
    """The journey's finding on one topic (key: journey id, topic, ""); on the writer thread."""
    from models.minutes import save_finding

    journey_id, topic, _ = key
    save_finding(db, journey_id, topic, text)
