"""Simulated laptops for the merge tests: each its own database, device and skewed wall clock."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import select

from models import records
from models.erase import erase_person
from models.errors import InnsiktError
from models.storage import Database, open_database
from models.sync.conflicts import list_conflicts, resolve_conflict
from models.sync.duplicates import join_records
from models.sync.merge import MergeSummary, merge_files
from models.sync.snapshot import write_snapshot
from models.sync.state import DERIVED
from models.tables import (
    SYNCED_TABLES,
    Conflict,
    Journey,
    Meeting,
    Note,
    Organisation,
    Participation,
    Person,
    Service,
    ServiceMention,
)
from tests.templates import copy_empty

BOOKKEEPING = ("clocks", "field_devices", "seen")


@dataclass
class Wall:
    """A wall clock that only moves when told to, starting at a laptop's own skew."""

    now_ms: int

    def __call__(self) -> int:
        return self.now_ms


Dot = tuple[str, str, str, str, str, Any]  # table, record, field, stamp, device, value


@dataclass
class Ledger:
    """Every value written on any laptop, and those a later write on a laptop knowingly replaced."""

    written: set[Dot] = field(default_factory=set)
    replaced: set[Dot] = field(default_factory=set)


@dataclass
class Laptop:
    name: str
    db: Database
    wall: Wall
    folder: Path
    ledger: Ledger
    snapshots: int = 0
    services: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    meeting_id: str = ""

    @classmethod
    def create(cls, folder: Path, name: str, skew_ms: int, ledger: Ledger) -> Laptop:
        db = open_database(copy_empty(folder / f"{name}.sqlite"))  # as a new one, sooner
        wall = Wall(1_780_000_000_000 + skew_ms)
        db.clock.wall = wall
        return cls(name=name, db=db, wall=wall, folder=folder, ledger=ledger)

    def record_key(self, table: str, record_id: str) -> str:
        """Notes are one record per (question, author) whatever their ids on each laptop, and
        mentions one per (service, question)."""
        if table == "service_mention":
            query = "SELECT service_id, question_key FROM service_mention WHERE id = ?"
        elif table == "note":
            query = "SELECT question_key, author FROM note WHERE id = ?"
        else:
            return record_id
        with self.reading() as connection:
            return "/".join(connection.execute(query, (record_id,)).fetchone())

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A connection of the laptop's own pool: a new one would parse the whole schema again
        for each read (5 ms), and the laws read after every write."""
        pooled = self.db.engine.raw_connection()
        try:
            yield pooled.driver_connection
        finally:
            pooled.close()

    def dots(self, table: str, record_id: str, name: str) -> set[Dot]:
        """The value of a field and its open conflicts on this laptop, with their writes."""
        with self.reading() as connection:
            row = connection.execute(
                f'SELECT clocks, field_devices, "{name}" FROM "{table}" WHERE id = ?', (record_id,)
            ).fetchone()
            if row is None:
                return set()
            clocks, devices = json.loads(row[0]), json.loads(row[1])
            key = self.record_key(table, record_id)
            found = {(table, key, name, clocks[name], devices[name], row[2])}
            for stamp, device, value in connection.execute(
                "SELECT value_hlc, value_device, value FROM conflict "
                "WHERE table_name = ? AND record_id = ? AND field = ?",
                (table, record_id, name),
            ):
                found.add((table, key, name, stamp, device, json.loads(value)))
            return found

    def current_dot(self, table: str, record_id: str, name: str) -> set[Dot]:
        return {
            dot
            for dot in self.dots(table, record_id, name)
            if dot[3:5] == self._clock(table, record_id, name)
        }

    def current_value_dots(self, table: str, record_id: str, name: str) -> set[Dot]:
        """The current value's write and the hidden siblings holding the same value."""
        values = {dot[5] for dot in self.current_dot(table, record_id, name)}
        return {dot for dot in self.dots(table, record_id, name) if dot[5] in values}

    def _clock(self, table: str, record_id: str, name: str) -> tuple[str, str]:
        with self.reading() as connection:
            clocks, devices = connection.execute(
                f'SELECT clocks, field_devices FROM "{table}" WHERE id = ?', (record_id,)
            ).fetchone()
        return json.loads(clocks)[name], json.loads(devices)[name]

    def wrote(self, table: str, record_id: str, name: str, before: set[Dot]) -> None:
        """Book a write: the values it replaced on this laptop, and the one it made."""
        self.ledger.replaced |= before
        self.ledger.written |= self.current_dot(table, record_id, name)

    def snapshot(self) -> Path:
        self.snapshots += 1
        return write_snapshot(self.db, self.folder / f"{self.name}-{self.snapshots}.sqlite")

    def merge_from(self, other: Laptop) -> MergeSummary:
        return merge_files(self.db, [other.snapshot()])

    def edit_service(self, index: int, name: str, value: str) -> None:
        service_id = self.services[index]
        before = self.current_value_dots("service", service_id, name)
        with self.db.transaction() as session:
            service = session.get(Service, service_id)
            if (
                service is None
                or service.deleted
                or not records.update(self.db, session, service, **{name: value})
            ):
                return
        self.wrote("service", service_id, name, before)

    def delete_service(self, index: int) -> None:
        with self.db.transaction() as session:
            service = session.get(Service, self.services[index])
            if service is not None:
                records.delete(self.db, session, service)

    def mention(self, index: int, question: str) -> None:
        """Mention a service under a question of the meeting, unless it is mentioned there."""
        with self.db.transaction() as session:
            exists = session.exec(
                select(ServiceMention).where(
                    ServiceMention.service_id == self.services[index],
                    ServiceMention.meeting_id == self.meeting_id,
                    ServiceMention.question_key == question,
                )
            ).first()
            if exists is None:
                records.create(
                    self.db,
                    session,
                    ServiceMention,
                    service_id=self.services[index],
                    meeting_id=self.meeting_id,
                    question_key=question,
                    remark=self.name,
                )

    def remark(self, index: int, question: str, text: str) -> None:
        """Change what was said about a service under a question, if it is mentioned there."""
        with self.db.session() as session:
            mention = session.exec(
                records.live(ServiceMention).where(
                    ServiceMention.service_id == self.services[index],
                    ServiceMention.meeting_id == self.meeting_id,
                    ServiceMention.question_key == question,
                )
            ).first()
        if mention is None:
            return
        before = self.current_value_dots("service_mention", mention.id, "remark")
        with self.db.transaction() as session:
            stored = session.get(ServiceMention, mention.id)
            if not records.update(self.db, session, stored, remark=text):
                return
        self.wrote("service_mention", mention.id, "remark", before)

    def member(self, organisation: str) -> None:
        """Add a person to an organisation (by name), unless one of that name is there."""
        with self.db.transaction() as session:
            found = session.exec(
                records.live(Organisation).where(Organisation.name == organisation)
            ).first()
            if found is None:
                return
            name = f"Siv {self.name}"
            exists = session.exec(
                select(Person).where(Person.name == name, Person.organisation_id == found.id)
            ).first()
            if exists is None:
                records.create(self.db, session, Person, name=name, organisation_id=found.id)

    def join_organisations(self, keep: str, absorb: str) -> None:
        """Join two organisations (by name) if both are live here."""
        with self.db.session() as session:
            ids = {
                item.name: item.id
                for item in session.exec(records.live(Organisation)).all()
                if item.name in (keep, absorb)
            }
        if keep != absorb and len(ids) == 2:
            join_records(self.db, ids[keep], ids[absorb])

    def join(self, keep: int, absorb: int) -> None:
        """Join one service into another, booking the fields the join filled in."""
        kept = self.services[keep]
        before = {
            name: self.current_value_dots("service", kept, name) for name in ("name", "status")
        }
        try:
            join_records(self.db, kept, self.services[absorb])
        except InnsiktError:  # the same service, or one already joined away: nothing changes
            return
        for name, dots in before.items():
            if self.current_value_dots("service", kept, name) != dots:
                self.wrote("service", kept, name, dots)

    def note(self, question: str, author: str, text: str) -> None:
        note_id = self.note_id(question, author)
        before = self.current_value_dots("note", note_id, "text") if note_id else set()
        if note_id and self._clock("note", note_id, "text")[1].startswith(DERIVED):
            before = self.dots("note", note_id, "text")  # a merged text holds every sibling
        note = records.save_note(self.db, self.meeting_id, question, author, text)
        if self.current_value_dots("note", note.id, "text") != before:  # not the same text again
            self.wrote("note", note.id, "text", before)

    def note_id(self, question: str, author: str) -> str | None:
        with self.db.session() as session:
            note = session.exec(
                select(Note).where(
                    Note.meeting_id == self.meeting_id,
                    Note.question_key == question,
                    Note.author == author,
                )
            ).first()
            return note.id if note else None

    def add_organisation(self, name: str) -> None:
        with self.db.transaction() as session:
            exists = session.exec(select(Organisation).where(Organisation.name == name)).first()
            if exists is None:
                records.create(self.db, session, Organisation, name=name)

    def erase(self, index: int) -> None:
        """Erase one of the seed's people (once: erasing them again is refused)."""
        try:
            erase_person(self.db, self.people[index], apply=True)
        except InnsiktError:
            return

    def resolve(self, index: int, keep: str) -> None:
        with self.db.session() as session:
            views = list_conflicts(session)
        if not views:
            return
        view = views[index % len(views)]
        before = self.dots(view.table, view.record_id, view.field)
        resolve_conflict(self.db, view.id, keep)
        if view.field != "deleted":
            self.wrote(view.table, view.record_id, view.field, before)

    def conflict_values(self) -> set[tuple[str, str, str, Any]]:
        with self.db.session() as session:
            return {
                (c.table_name, c.record_id, c.field, json.loads(c.value))
                for c in session.exec(select(Conflict)).all()
            }


# The seed's people, and note texts that name them (by full name, first name, e-mail).
PEOPLE = (("Kari Nordmann", "kari@eksempel.no"), ("Ola Hansen", ""))
NAMING_TEXTS = ("Kari Nordmann sa ja", "Ola mente nei", "spør kari@eksempel.no", "Karis forslag")


def seed(folder: Path) -> list[Laptop]:
    """Laptop A with a journey, a meeting and three services; B and C merge a snapshot of it."""
    ledger = Ledger()
    laptops = [
        Laptop.create(folder, "a", 0, ledger),
        Laptop.create(folder, "b", -90_000, ledger),
        Laptop.create(folder, "c", 45_000, ledger),
    ]
    first = laptops[0]
    with first.db.transaction() as session:
        journey = records.create(first.db, session, Journey, name="Innsiktsreise")
        meeting = records.create(first.db, session, Meeting, journey_id=journey.id, title="Møte")
        services = [
            records.create(first.db, session, Service, name=f"Tjeneste {n}") for n in range(3)
        ]
        people = [
            records.create(first.db, session, Person, name=name, email=email)
            for name, email in PEOPLE
        ]
        for person in people:
            records.create(
                first.db, session, Participation, meeting_id=meeting.id, person_id=person.id
            )
    for service in services:
        for name in ("name", "status"):
            ledger.written |= first.current_dot("service", service.id, name)
    snapshot = first.snapshot()
    for laptop in laptops:
        laptop.meeting_id = meeting.id
        laptop.services = [service.id for service in services]
        laptop.people = [person.id for person in people]
        if laptop is not first:
            merge_files(laptop.db, [snapshot])
    return laptops


def copy_of(laptop: Laptop, folder: Path, name: str) -> Database:
    """A database that starts as a copy of the laptop's snapshot (its own file)."""
    target = folder / f"{name}.sqlite"
    shutil.copy(laptop.snapshot(), target)
    return open_database(target)


def content(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every synced row, bookkeeping JSON parsed, sorted: equal content gives equal values."""
    connection = sqlite3.connect(path)
    try:
        result: dict[str, list[tuple[Any, ...]]] = {}
        for model in SYNCED_TABLES:
            cursor = connection.execute(f'SELECT * FROM "{model.__tablename__}"')
            names = [column[0] for column in cursor.description]
            rows = []
            for values in cursor.fetchall():
                row = dict(zip(names, values, strict=True))
                for name in BOOKKEEPING:
                    row[name] = json.dumps(json.loads(row[name]), sort_keys=True)
                rows.append(tuple(sorted(row.items())))
            result[model.__tablename__] = sorted(rows)
        return result
    finally:
        connection.close()


def current_values(path: Path) -> set[tuple[str, str, str, Any]]:
    """(table, record id, field, value) of the services' and notes' current values."""
    connection = sqlite3.connect(path)
    try:
        found = set()
        for table, names in (("service", ("name", "status", "deleted")), ("note", ("text",))):
            for row in connection.execute(f"SELECT id, {', '.join(names)} FROM {table}"):
                for name, value in zip(names, row[1:], strict=True):
                    found.add((table, row[0], name, value))
        return found
    finally:
        connection.close()


def note_keys(path: Path) -> dict[str, tuple[str, str, str]]:
    connection = sqlite3.connect(path)
    try:
        return {
            row[0]: tuple(row[1:])
            for row in connection.execute("SELECT id, meeting_id, question_key, author FROM note")
        }
    finally:
        connection.close()
