"""Joining two records that are one (services, organisations, people recorded twice).

Joining moves every link of the absorbed record to the kept one and tombstones the absorbed
record, all as ordinary stamped edits, so a join merges to other laptops like any other change.
Finding the likely duplicates is models/duplicate_names.py (plain sqlite3); `likely_duplicates`
runs it on an open session's connection, so that it sees that session's writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from models import records
from models.duplicate_names import DuplicatePair, find_duplicates
from models.errors import InnsiktError, NotFoundError
from models.service_fields import SERVICE_LISTS
from models.storage import Database
from models.tables import (
    MeetingOrganisation,
    Organisation,
    OrganisationJoin,
    Participation,
    Person,
    PersonJoin,
    Service,
    ServiceJoin,
    ServiceMention,
    Synced,
)
from models.text import t

__all__ = ["DuplicatePair", "JoinResult", "join_records", "likely_duplicates"]


@dataclass(frozen=True)
class JoinResult:
    kind: str
    kept: str
    absorbed: str
    moved: int  # links moved to the kept record


def likely_duplicates(
    session: Session, among: Mapping[str, set[str]] | None = None
) -> list[DuplicatePair]:
    """Likely duplicate services, organisations and people, most likely first
    (`models.duplicate_names.find_duplicates` on the session's own connection)."""
    session.flush()  # what the session holds unwritten counts too, as in an ORM query
    return find_duplicates(session.connection().connection.driver_connection, among)


# --- joining ------------------------------------------------------------------------------------


def _fill_empty(db: Database, session: Session, kept: Synced, absorbed: Synced) -> None:
    """Fields the kept record lacks are taken from the absorbed one; lists are united."""
    changes: dict[str, Any] = {}
    for name in type(kept).content_fields:
        mine, theirs = getattr(kept, name), getattr(absorbed, name)
        if name in SERVICE_LISTS:
            united = list(dict.fromkeys([*mine, *theirs]))
            if united != mine:
                changes[name] = united
        elif mine in ("", None) and theirs not in ("", None):
            changes[name] = theirs
    records.update(db, session, kept, **changes)


def _links(session: Session, model: type[Synced], column: str, old: str) -> int:
    """The live links of `model` to the absorbed record: they follow the join when read."""
    return len(session.exec(records.live(model).where(getattr(model, column) == old)).all())


def _move_links(
    db: Database, session: Session, model: type[Synced], column: str, old: str, new: str
) -> int:
    """Point `column` of every live `model` record from `old` to `new` (not part of a key)."""
    moved = 0
    for item in session.exec(records.live(model).where(getattr(model, column) == old)).all():
        records.update(db, session, item, **{column: new})
        moved += 1
    return moved


# Association records (mentions, a meeting's organisations, participations) are not moved: the
# organisation, person or service they name is part of their key and so of their id
# (`models.identity`), and a reference to a joined record is resolved when read (`models.joins`).


def _join_services(db: Database, session: Session, kept: Service, absorbed: Service) -> int:
    records.create(db, session, ServiceJoin, service_id=absorbed.id, into_id=kept.id)
    return _links(session, ServiceMention, "service_id", absorbed.id)


def _join_organisations(
    db: Database, session: Session, kept: Organisation, absorbed: Organisation
) -> int:
    old, new = absorbed.id, kept.id
    # The join record makes links other laptops made to the absorbed one follow it when read.
    records.create(db, session, OrganisationJoin, organisation_id=old, into_id=new)
    return (
        _move_links(db, session, Person, "organisation_id", old, new)
        + _move_links(db, session, Service, "owner_id", old, new)
        + _links(session, MeetingOrganisation, "organisation_id", old)
    )


def _join_people(db: Database, session: Session, kept: Person, absorbed: Person) -> int:
    records.create(db, session, PersonJoin, person_id=absorbed.id, into_id=kept.id)
    return _links(session, Participation, "person_id", absorbed.id)


KINDS: dict[str, tuple[type[Synced], Any]] = {
    "service": (Service, _join_services),
    "organisation": (Organisation, _join_organisations),
    "person": (Person, _join_people),
}


def _find_pair(session: Session, keep_ref: str, absorb_ref: str) -> tuple[str, Synced, Synced]:
    for kind, (model, _) in KINDS.items():
        label = t(f"duplicates_kind_{kind}")
        try:
            kept = records.resolve(session, model, keep_ref, label)
        except NotFoundError as error:
            if error.message_key == "not_found":
                continue
            raise
        try:
            absorbed = records.resolve(session, model, absorb_ref, label)
        except NotFoundError as error:
            if error.message_key == "not_found":
                raise InnsiktError("duplicates_kinds") from error
            raise
        return kind, kept, absorbed
    raise NotFoundError("not_found", kind=t("duplicates_kind_any"), ref=keep_ref)


def join_records(db: Database, keep_ref: str, absorb_ref: str) -> JoinResult:
    """Join the record `absorb_ref` into `keep_ref` (two services, organisations or people)."""
    with db.transaction() as session:
        kind, kept, absorbed = _find_pair(session, keep_ref, absorb_ref)
        if kept.id == absorbed.id:
            raise InnsiktError("duplicates_same")
        _fill_empty(db, session, kept, absorbed)
        moved = KINDS[kind][1](db, session, kept, absorbed)
        records.delete(db, session, absorbed)
        result = JoinResult(kind, kept.name, absorbed.name, moved)  # type: ignore[attr-defined]
    return result
