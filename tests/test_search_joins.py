"""Search finds a participant or contact by the person it was joined into (person_join), on every
write path: a link another laptop made to the absorbed person, a join made after the link, a rename
of the kept person, chains and rings of joins — the index always equals a fresh fill."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models import records, search_index
from models.contacts import contact_id
from models.joins import final_targets
from models.search import search
from models.storage import Database, open_database
from models.sync.duplicates import join_records
from models.sync.merge import merge_files
from models.sync.snapshot import write_snapshot
from models.tables import Contact, Journey, Meeting, Participation, Person
from tests.budget import THOROUGH, examples


def found(db: Database, query: str, kind: str) -> list[str]:
    connection = sqlite3.connect(db.path)
    try:
        return sorted(hit.id for hit in search(connection, query, kinds=(kind,)))
    finally:
        connection.close()


def stale(db: Database) -> list[tuple[str, str]]:
    connection = sqlite3.connect(db.path)
    try:
        return search_index.problems(connection, integrity=False)
    finally:
        connection.close()


def a_meeting(db: Database) -> str:
    with db.transaction() as session:
        journey = records.create(db, session, Journey, name="Reise")
        return records.create(db, session, Meeting, journey_id=journey.id, title="Møte").id


def test_links_another_laptop_made_to_an_absorbed_person_are_found_by_the_kept_one(
    tmp_path: Path,
) -> None:
    """A joins «Kari Nordman» into «Kari Nordmann»; B, unaware, makes her a participant and a
    contact. After A merges B, searching «Nordmann» finds both links, «Nordman» as a whole word finds none."""
    a, b = (open_database(tmp_path / f"{name}.sqlite") for name in "ab")
    try:
        meeting = a_meeting(a)
        with a.transaction() as session:
            kari = records.create(a, session, Person, name="Kari Nordmann", role="vaktleder")
            typo = records.create(a, session, Person, name="Kari Nordman")
        merge_files(b, [write_snapshot(a, tmp_path / "seed.sqlite")])
        join_records(a, kari.id, typo.id)
        with b.transaction() as session:
            taking_part = records.create(
                b, session, Participation, meeting_id=meeting, person_id=typo.id
            )
            named = contact_id(meeting, "q1", typo.id)
            records.create(
                b,
                session,
                Contact,
                id=named,
                meeting_id=meeting,
                question_key="q1",
                person_id=typo.id,
            )
        merge_files(a, [write_snapshot(b, tmp_path / "from-b.sqlite")])

        assert found(a, "Nordmann", "participant") == [taking_part.id]
        assert found(a, "vaktleder", "contact") == [named]
        assert found(a, "«Nordman»", "participant") == found(a, "«Nordman»", "contact") == []
        assert stale(a) == []
    finally:
        a.close()
        b.close()


def test_a_contact_of_a_person_joined_later_is_found_by_the_kept_person(
    fresh_db: Database,
) -> None:
    """A join moves participations but leaves contacts naming the absorbed person: they are
    found by the kept person's name at once, and by its new name after a rename."""
    meeting = a_meeting(fresh_db)
    with fresh_db.transaction() as session:
        kept = records.create(fresh_db, session, Person, name="Per Hansen")
        absorbed = records.create(fresh_db, session, Person, name="Per H", phone="99887766")
        named = contact_id(meeting, "q1", absorbed.id)
        records.create(
            fresh_db,
            session,
            Contact,
            id=named,
            meeting_id=meeting,
            question_key="q1",
            person_id=absorbed.id,
        )
    assert found(fresh_db, "99887766", "contact") == [named]
    join_records(fresh_db, kept.id, absorbed.id)
    assert found(fresh_db, "Hansen", "contact") == [named]
    with fresh_db.transaction() as session:
        person = session.get(Person, kept.id)
        records.update(fresh_db, session, person, name="Per Zulu")
    assert found(fresh_db, "Zulu", "contact") == [named]
    assert found(fresh_db, "Hansen", "contact") == []
    assert stale(fresh_db) == []


def insert(connection: sqlite3.Connection, table: str, **values: object) -> None:
    """A row of `table` with `values`, its other required columns empty (bookkeeping aside)."""
    for _cid, name, kind, required, default, _pk in connection.execute(
        f'PRAGMA table_info("{table}")'
    ).fetchall():
        if required and default is None and name not in values:
            values[name] = {"JSON": "{}", "BOOLEAN": 0, "INTEGER": 0}.get(kind, "")
    columns = ", ".join(f'"{name}"' for name in values)
    marks = ", ".join("?" * len(values))
    connection.execute(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', list(values.values()))


PEOPLE = ("p0", "p1", "p2", "p3", "p4")


OPERATION = st.one_of(
    st.tuples(st.just("join"), st.sampled_from(PEOPLE), st.sampled_from(PEOPLE)),
    st.tuples(st.just("tombstone"), st.integers(0, 7)),  # a join undone (or done again)
    st.tuples(st.just("retarget"), st.integers(0, 7), st.sampled_from(PEOPLE)),
    st.tuples(st.just("remove"), st.integers(0, 7)),  # a join row gone (a merge retired it)
    st.tuples(st.just("rename"), st.sampled_from(PEOPLE)),
)


def _apply(
    connection: sqlite3.Connection, step: int, operation: tuple[object, ...], joins: list[str]
) -> None:
    kind = operation[0]
    if kind == "join":
        joins.append(f"join{step}")
        insert(
            connection,
            "person_join",
            id=joins[-1],
            person_id=operation[1],
            into_id=operation[2],
        )
    elif kind == "rename":
        connection.execute("UPDATE person SET name = name || 'x' WHERE id = ?", (operation[1],))
    elif joins:
        join = joins[int(operation[1]) % len(joins)]  # type: ignore[call-overload]
        if kind == "tombstone":
            connection.execute("UPDATE person_join SET deleted = 1 - deleted WHERE id = ?", (join,))
        elif kind == "retarget":
            connection.execute(
                "UPDATE person_join SET into_id = ? WHERE id = ?", (operation[2], join)
            )
        else:
            connection.execute("DELETE FROM person_join WHERE id = ?", (join,))
            joins.remove(join)


@settings(
    max_examples=examples(25, 500),
    derandomize=not THOROUGH,  # the same examples on every run; new ones in the thorough run
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(OPERATION, max_size=10))
def test_the_index_resolves_people_as_the_joins_module_does_whatever_the_joins(
    fresh_db: Database, operations: list[tuple[object, ...]]
) -> None:
    """Joins written, undone, retargeted and removed in any order (chains, rings, one person
    into two), and renames: after every step each person's participation is indexed under its
    final target's name (models/joins.py:final_targets), and the triggers' index equals a fresh
    fill."""
    connection = sqlite3.connect(fresh_db.path, isolation_level=None)
    try:
        connection.execute("BEGIN")
        for table in ("person_join", "participation", "person", "meeting", "journey"):
            connection.execute(f'DELETE FROM "{table}"')
        insert(connection, "journey", id="j", name="J")
        insert(connection, "meeting", id="m", journey_id="j", title="M")
        for person in PEOPLE:
            insert(connection, "person", id=person, name=f"navn{person}")
            insert(connection, "participation", id=f"x{person}", meeting_id="m", person_id=person)
        joins: list[str] = []
        for step, operation in enumerate(operations):
            _apply(connection, step, operation, joins)
            targets = final_targets(
                connection.execute(
                    "SELECT person_id, into_id FROM person_join WHERE deleted = 0"
                ).fetchall()
            )
            names = dict(connection.execute("SELECT id, name FROM person").fetchall())
            indexed = dict(
                connection.execute(
                    "SELECT record_id, body FROM search_doc WHERE kind = 'participant'"
                ).fetchall()
            )
            expected = {f"x{person}": names[targets.get(person, person)] for person in PEOPLE}
            assert indexed == expected, operation
            assert search_index.problems(connection, integrity=False) == []
    finally:
        connection.execute("ROLLBACK")
        connection.close()
