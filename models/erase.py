"""Erasing a person everywhere, for good: the erasure record, then the scrub of every row.

`erase_person(db, ref, apply=False)` works out what would change (inside a transaction that is
rolled back); with `apply=True` it commits. The erasure is a synced record, so every merge and
import applies it again (`models.erasure`); the database is then checkpointed with
`secure_delete`, so that the erased strings are not left in free pages or the -wal file.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from models import records
from models.erasure import ERASED, Key, Scrubber, make_hashes, scrub_database, words
from models.errors import InnsiktError, NotFoundError
from models.storage import Database
from models.tables import Erasure, Meeting, Participation, Person
from models.text import t


@dataclass
class FirstName:
    """Whether the first name alone is scrubbed in one meeting, and why not if it is not."""

    meeting: str  # the meeting's title
    used: bool
    shared_with: list[str] = field(default_factory=list)  # other participants of that name


@dataclass
class ErasureReport:
    person_id: str
    name: str
    first_name: str
    changed: dict[str, int]  # table → rows changed
    first_names: list[FirstName]
    applied: bool
    leftovers: list[Path]  # backups beside the database that still hold the person


def resolve_person(session: Session, ref: str) -> Person:
    """The person whose id is `ref`, whose id starts with it (literally), or named exactly so."""
    ref = ref.strip()
    if not ref:
        raise NotFoundError("not_found", kind="person", ref=ref)
    exact = session.get(Person, ref)
    if exact is not None:
        return exact
    by_prefix = session.exec(
        select(Person).where(col(Person.id).startswith(ref, autoescape=True)).limit(6)
    ).all()
    matches = list(by_prefix) or list(
        session.exec(select(Person).where(Person.name == ref).limit(6)).all()
    )
    if not matches:
        raise NotFoundError("not_found", kind="person", ref=ref)
    if len(matches) > 1:
        shown = ", ".join(match.id[:8] for match in matches[:5])
        raise NotFoundError("ambiguous", kind="personer", ref=ref, matches=shown)
    return matches[0]


def _first_name_choices(session: Session, person: Person) -> tuple[str, list[FirstName], set[str]]:
    """Meetings where the first name alone names nobody else taking part."""
    first = person.name.split()[0] if person.name.split() else ""
    if not first or words(first) == words(person.name):
        return "", [], set()
    meetings = session.exec(
        select(Meeting)
        .join(Participation, col(Participation.meeting_id) == col(Meeting.id))
        .where(Participation.person_id == person.id, col(Participation.deleted).is_(False))
        .distinct()
        .order_by(Meeting.title)
    ).all()
    choices, used = [], set()
    for meeting in meetings:
        others = session.exec(
            select(Person.name)
            .join(Participation, col(Participation.person_id) == col(Person.id))
            .where(
                Participation.meeting_id == meeting.id,
                col(Participation.deleted).is_(False),
                Person.id != person.id,
            )
            .distinct()
        ).all()
        shared = sorted(
            name for name in others if name.split() and words(name.split()[0]) == words(first)
        )
        choices.append(FirstName(meeting.title, not shared, shared))
        if not shared:
            used.add(meeting.id)
    return first, choices, used


def _secure_delete(db: Database) -> None:
    """Overwrite what the erased strings leave behind: the -wal file and FTS segments.

    The writes themselves ran with `secure_delete`, which zeroes the cells they replaced.
    """
    with db.engine.connect() as connection:
        raw: Any = connection.connection.driver_connection
        raw.execute("PRAGMA secure_delete = ON")
        for (name,) in raw.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%USING fts5%'"
        ).fetchall():
            raw.execute(f'INSERT INTO "{name}"("{name}") VALUES (\'optimize\')')
        raw.commit()
        # Old page versions live on in the -wal file until a checkpoint copies the new ones over.
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def erase_person(db: Database, ref: str, *, apply: bool) -> ErasureReport:
    """Erase the person `ref`; without `apply`, only say what would change."""
    with db.session() as session:
        connection = session.connection()
        connection.exec_driver_sql("PRAGMA secure_delete = ON")
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        try:
            person = resolve_person(session, ref)
            if person.name == ERASED:
                raise InnsiktError("erase_already", id=person.id[:8])
            name, person_id = person.name, person.id
            first, choices, meetings = _first_name_choices(session, person)
            salt = secrets.token_hex(16)
            hashes = make_hashes(salt, name, person.email, getattr(person, "phone", ""), meetings)
            records.create(db, session, Erasure, person_id=person_id, salt=salt, hashes=hashes)
            session.flush()
            raw: Any = connection.connection.driver_connection
            scrubber = Scrubber([Key.from_record(person_id, salt, hashes)])
            changed = scrub_database(raw, scrubber)
            if apply:
                session.commit()
            else:
                session.rollback()
        except BaseException:
            session.rollback()
            raise
    if apply:
        _secure_delete(db)
    leftovers = sorted(db.path.parent.glob(f"{db.path.name}.bak-*"))
    return ErasureReport(person_id, name, first, changed, choices, apply, leftovers)


def _kind(table: str) -> str:
    try:
        return t(f"kind_{table}")
    except KeyError:
        return table


def describe(report: ErasureReport) -> list[str]:
    """What an erasure changes (or changed), one line each, as the CLI and the app show it."""
    key = "erase_done" if report.applied else "erase_plan"
    lines = [t(key, name=report.name, id=report.person_id[:8])]
    lines += [
        t("erase_line", kind=_kind(table), count=count) for table, count in report.changed.items()
    ]
    if list(report.changed) == ["person"]:
        lines.append(t("erase_nothing_else"))
    if report.first_name and not report.first_names:
        lines.append(t("erase_first_none"))
    for choice in report.first_names:
        if choice.used:
            lines.append(t("erase_first_used", first=report.first_name, meeting=choice.meeting))
        else:
            others = ", ".join(choice.shared_with)
            lines.append(
                t(
                    "erase_first_not_used",
                    first=report.first_name,
                    meeting=choice.meeting,
                    others=others,
                )
            )
    return lines
