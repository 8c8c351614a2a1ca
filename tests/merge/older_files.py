"""Files as schema 9 left them: association records under random ids (the migration's input)."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

from models import records
from models.identity import DERIVED_KEYS, conflict_id, derived_id
from models.storage import Database, open_database
from models.sync.merge import merge_files
from models.sync.snapshot import write_snapshot
from models.tables import (
    Finding,
    Journey,
    Meeting,
    MeetingOrganisation,
    Organisation,
    Participation,
    Person,
    Referat,
    Service,
    ServiceMention,
)
from tests.merge.laptops import Wall

# One random-looking id per record, the same on every laptop holding a copy of it (as a record
# made before schema 8 had one id everywhere).
OLD_NAMESPACE = uuid.UUID("0b7a4c2e-9d15-4f63-8e21-6a3c5b7d9e10")


def old_id(new_id: str) -> str:
    return str(uuid.uuid5(OLD_NAMESPACE, new_id))


def as_version_9(path: Path) -> dict[str, str]:
    """Rewrite the closed database at `path` as a v9 file: every association record (and its
    conflict rows, and the hub tracking's rows) under a random id. Returns new id → old id.

    Schema 10 added no column, so a v10 file so rewritten is what v9 wrote; a later version
    that adds columns must drop them here too.
    """
    connection = sqlite3.connect(path)
    mapping: dict[str, str] = {}
    try:
        with connection:
            for table in DERIVED_KEYS:
                for (id_,) in connection.execute(f'SELECT id FROM "{table}"').fetchall():
                    mapping[id_] = old_id(id_)
                    connection.execute(
                        f'UPDATE "{table}" SET id = ? WHERE id = ?', (mapping[id_], id_)
                    )
                conflicts = connection.execute(
                    "SELECT id, record_id, field, value_hlc, value_device FROM conflict "
                    "WHERE table_name = ?",
                    (table,),
                ).fetchall()
                for id_, record, field, stamp, device in conflicts:
                    old = mapping.get(record, record)
                    connection.execute(
                        "UPDATE conflict SET id = ?, record_id = ? WHERE id = ?",
                        (conflict_id(table, old, field, stamp, device), old, id_),
                    )
                if connection.execute(
                    "SELECT 1 FROM sqlite_master WHERE name = 'hub_row'"
                ).fetchone():
                    connection.executemany(
                        "UPDATE hub_row SET row_id = ? WHERE table_name = ? AND row_id = ?",
                        [(old, table, new) for new, old in mapping.items()],
                    )
            connection.execute("PRAGMA user_version = 9")
    finally:
        connection.close()
    return mapping


def user_version(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA user_version").fetchone()[0]
    finally:
        connection.close()


def two_laptops(tmp_path: Path) -> tuple[Database, Database, dict[str, str]]:
    """A with one of each association record; B merged A's snapshot. Ids of what they hold."""
    a, b = (open_database(tmp_path / f"{name}.sqlite") for name in "ab")
    a.clock.wall, b.clock.wall = Wall(1_780_000_000_000), Wall(1_780_000_001_000)
    with a.transaction() as session:
        journey = records.create(a, session, Journey, name="Reise")
        meeting = records.create(a, session, Meeting, journey_id=journey.id, title="Møte")
        organisation = records.create(a, session, Organisation, name="Helse Vest")
        person = records.create(a, session, Person, name="Kari", organisation_id=organisation.id)
        service = records.create(a, session, Service, name="Nødnett")
        records.create(
            a, session, MeetingOrganisation, meeting_id=meeting.id, organisation_id=organisation.id
        )
        records.create(a, session, Participation, meeting_id=meeting.id, person_id=person.id)
        records.create(
            a, session, ServiceMention, service_id=service.id, meeting_id=meeting.id,
            question_key="A1", remark="virker",
        )  # fmt: skip
        records.create(a, session, Referat, meeting_id=meeting.id, question_key="A1", text="R")
        records.create(a, session, Finding, journey_id=journey.id, topic="t1", text="Funn")
    records.save_note(a, meeting.id, "A1", "Kari", "Dekningen er god")
    merge_files(b, [write_snapshot(a, tmp_path / "a0.sqlite")])
    ids = {"meeting": meeting.id, "person": person.id, "journey": journey.id}
    return a, b, ids


def key_ids(path: Path) -> dict[str, list[tuple[str, str]]]:
    """Per association table: (id, the id derived from the row's key) of every row."""
    connection = sqlite3.connect(path)
    try:
        found = {}
        for table, key in DERIVED_KEYS.items():
            columns = ", ".join(("id", *key))
            found[table] = [
                (row[0], derived_id(table, tuple(row[1:])))
                for row in connection.execute(f"SELECT {columns} FROM {table}")
            ]
        return found
    finally:
        connection.close()
