"""The plain-sqlite3 note and answer saves write exactly the rows of the ORM saves they replaced.

The oracle below is the ORM save as it was (`models.records.create`/`update`, which stamp every
field, and `models.siblings.settle_siblings`). Random runs of saves from stale and fresh
editors, other windows' writes, deletions and merge siblings go through both, on two copies of
one database with the same clock, and leave the same notes, conflicts and clock.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, select

from models import records
from models.answer_save import ANSWER_FIELDS, save_answer_plain
from models.clock import HybridClock
from models.conflict_ids import conflict_id
from models.note_save import (
    CONFLICT_FIELDS,
    NOTE_FIELDS,
    NoteSaved,
    note_file_of,
    open_note_file,
    save_note,
    save_note_checked,
)
from models.storage import Database, open_database
from models.sync.table_rows import CONFLICT_NAMESPACE, stamp_time
from models.tables import Answer, Conflict, Journey, Meeting, Note
from tests.budget import examples

# --- the ORM save it replaced (the oracle) ---------------------------------------------------


def _find(session: Session, meeting_id: str, question_key: str, author: str) -> Note | None:
    return session.exec(
        select(Note).where(
            Note.meeting_id == meeting_id,
            Note.question_key == question_key,
            Note.author == author,
        )
    ).first()


def _keep_as_conflict(session: Session, note: Note, other: str, dot: tuple[str, str]) -> None:
    stamp, device = dot
    fields = Conflict.content_fields
    new_id = str(uuid.uuid5(CONFLICT_NAMESPACE, f"note/{note.id}/text/{stamp}/{device}"))
    siblings = session.exec(
        select(Conflict).where(
            Conflict.table_name == "note", Conflict.record_id == note.id, Conflict.field == "text"
        )
    ).all()
    for sibling in siblings:
        if sibling.id == new_id:
            return
        if json.loads(sibling.value) in other:
            session.delete(sibling)
    session.add(
        Conflict(
            id=new_id,
            created_at=stamp_time(stamp),
            updated_at=stamp_time(stamp),
            hlc=stamp,
            device_id=device,
            clocks=dict.fromkeys(fields, stamp),
            field_devices=dict.fromkeys(fields, device),
            seen={device: stamp},
            table_name="note",
            record_id=note.id,
            field="text",
            value=json.dumps(other, ensure_ascii=False),
            value_hlc=stamp,
            value_device=device,
        )
    )


def orm_save(
    db: Database, meeting_id: str, question_key: str, author: str, text: str, base: str
) -> NoteSaved:
    with db.transaction(immediate=True) as session:
        note = _find(session, meeting_id, question_key, author)
        if note is None:
            note = records.create(
                db,
                session,
                Note,
                meeting_id=meeting_id,
                question_key=question_key,
                author=author,
                text=text,
            )
            session.flush()
            return NoteSaved(note.hlc, kept_other=False)
        changed_elsewhere = note.hlc != base
        other = "" if note.deleted else note.text
        kept = changed_elsewhere and bool(other.strip()) and other not in text
        dot = (
            note.clocks.get("text") or note.hlc,
            note.field_devices.get("text") or note.device_id,
        )
        records.update(db, session, note, text=text, deleted=False)
        if kept:
            _keep_as_conflict(session, note, other, dot)
        session.flush()
        return NoteSaved(note.hlc, kept_other=kept)


# --- the runs ---------------------------------------------------------------------------------

KEYS = [("A1", "Kari"), ("A1", "Ola")]
WORDS = st.sampled_from(["", "alfa", "alfa bravo", "bravo", "blåbær alfa bravo", " "])
SIBLING_DEVICES = st.sampled_from(["other-laptop", "text-merge:abc"])

KARI = KEYS[0]
Step = tuple[Any, ...]
steps = st.lists(
    st.one_of(
        # an editor saves `text`, having loaded the note's current stamp, its first, or none
        st.tuples(
            st.just("save"), st.sampled_from(KEYS), WORDS, st.sampled_from(["now", "old", ""])
        ),
        st.tuples(st.just("other"), st.sampled_from(KEYS), WORDS),  # another window writes
        st.tuples(st.just("delete"), st.sampled_from(KEYS)),
        # a merge left a sibling of the note's text or tombstone (equal to it or not)
        st.tuples(
            st.just("sibling"),
            st.sampled_from(KEYS),
            st.sampled_from(["text", "deleted"]),
            WORDS,
            SIBLING_DEVICES,
        ),
    ),
    min_size=1,
    max_size=12,
)


def ticking(db: Database) -> None:
    """The same clock on both copies: each stamp a millisecond after the last."""
    tick = iter(range(1_800_000_000_000, 1_900_000_000_000))
    db.clock = HybridClock(last=db.clock.last, wall=lambda: next(tick))


def run(db: Database, meeting: str, save: Callable[..., NoteSaved], plan: list[Step]) -> list[Any]:
    """Apply `plan`; the results of the saves."""
    loaded: dict[tuple[str, str], list[str]] = {}
    results: list[Any] = []
    for step in plan:
        kind, (question, author) = step[0], step[1]
        with db.session() as session:
            note = _find(session, meeting, question, author)
        if kind == "save":
            text, which = step[2], step[3]
            seen = loaded.setdefault((question, author), [""])
            base = {"now": note.hlc if note else "", "old": seen[0], "": ""}[which]
            result = save(db, meeting, question, author, text, base)
            seen.append(result.hlc)
            results.append(result)
        elif kind == "other":
            records.save_note(db, meeting, question, author, step[2])
        elif kind == "delete" and note is not None:
            with db.transaction() as session:
                records.delete(db, session, session.get(Note, note.id))
        elif kind == "sibling" and note is not None:
            add_sibling(db, note, step[2], step[3], step[4])
    return results


def add_sibling(db: Database, note: Note, name: str, text: str, device: str) -> None:
    value: Any = bool(text) if name == "deleted" else text
    stamp = db.clock.now()
    with db.transaction() as session:
        session.add(
            Conflict(
                id=conflict_id("note", note.id, name, stamp, device),
                created_at=stamp_time(stamp),
                updated_at=stamp_time(stamp),
                hlc=stamp,
                device_id=device,
                table_name="note",
                record_id=note.id,
                field=name,
                value=json.dumps(value),
                value_hlc=stamp,
                value_device=device,
            )
        )
        if device.startswith("text-merge:") and name == "text":  # the text is a merge
            stored = session.get(Note, note.id)
            assert stored is not None
            stored.field_devices = {**stored.field_devices, "text": device}
            session.add(stored)


def rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    connection = sqlite3.connect(path)
    try:
        # A note's created_at and updated_at are the wall time of the save: not compared.
        note_columns = "id, hlc, device_id, clocks, deleted, field_devices, seen, meeting_id,"
        note_columns += " question_key, author, text, text_base"
        return {
            "note": connection.execute(f"SELECT {note_columns} FROM note ORDER BY id").fetchall(),
            "conflict": connection.execute("SELECT * FROM conflict ORDER BY id").fetchall(),
            "meta": connection.execute("SELECT * FROM meta ORDER BY key").fetchall(),
            "search": connection.execute("SELECT * FROM search_doc ORDER BY 1, 2").fetchall(),
        }
    finally:
        connection.close()


@pytest.fixture
def meeting_file(fresh_db: Database) -> tuple[Path, str]:
    with fresh_db.transaction() as session:
        journey = records.create(fresh_db, session, Journey, name="Reise")
        meeting = records.create(fresh_db, session, Meeting, journey_id=journey.id, title="Møte")
    fresh_db.close()
    return fresh_db.path, meeting.id


@settings(
    max_examples=examples(25, 300),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(plan=steps)
# Each branch of the save at least once, whatever the random runs find.
@example(
    plan=[
        ("save", KARI, "alfa", ""),
        ("sibling", KARI, "text", "alfa", "other-laptop"),
        ("save", KARI, "alfa bravo", "now"),
    ]
)  # a hidden sibling replaced
@example(
    plan=[
        ("save", KARI, "alfa", ""),
        ("sibling", KARI, "text", "bravo", "text-merge:abc"),
        ("save", KARI, "alfa bravo", "now"),
    ]
)  # a merged text replaced with its siblings
@example(
    plan=[
        ("save", KARI, "alfa", ""),
        ("sibling", KARI, "deleted", "", "other-laptop"),
        ("save", KARI, "bravo", "now"),
    ]
)  # "not deleted" said again
@example(
    plan=[
        ("save", KARI, "alfa", ""),
        ("delete", KARI),
        ("sibling", KARI, "deleted", "ja", "other-laptop"),
        ("save", KARI, "alfa", "old"),
    ]
)  # undeleted: the tombstone's sibling goes
@example(
    plan=[
        ("save", KARI, "alfa", ""),
        ("other", KARI, "blåbær"),
        ("save", KARI, "alfa bravo", "old"),
        ("other", KARI, "blåbær alfa"),
        ("save", KARI, "alfa bravo charlie", "old"),
    ]
)  # two windows taking turns
def test_the_sql_save_leaves_the_rows_the_orm_save_left(
    meeting_file: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory, plan: list[Step]
) -> None:
    path, meeting = meeting_file
    folder = tmp_path_factory.mktemp("copies")
    outcomes = []
    for name, save in (("sql", save_note_checked), ("orm", orm_save)):
        copy = folder / f"{name}.sqlite"
        shutil.copy(path, copy)
        db = open_database(copy)
        ticking(db)
        try:
            results = run(db, meeting, save, plan)
        finally:
            db.close()
        outcomes.append((results, rows(copy)))
    assert outcomes[0] == outcomes[1]


def test_the_fields_it_stamps_are_the_tables_content_fields() -> None:
    assert Note.content_fields == NOTE_FIELDS
    assert Conflict.content_fields == CONFLICT_FIELDS


def test_a_note_file_saves_without_the_orm_and_shares_its_clock_once_it_is_open(
    meeting_file: tuple[Path, str],
) -> None:
    path, meeting = meeting_file
    notes = open_note_file(path)
    try:
        first = save_note(notes, meeting, "A1", "Kari", "tidlig", "")
        db = open_database(path)
        notes.share_clock(db)
        later = save_note_checked(db, meeting, "A1", "Kari", "tidlig og senere", first.hlc)
        db.close()
        again = save_note(notes, meeting, "A1", "Kari", "tidlig og senere, igjen", later.hlc)
    finally:
        notes.close()
    assert first.hlc < later.hlc < again.hlc
    assert not (first.kept_other or later.kept_other or again.kept_other)
    with sqlite3.connect(path) as connection:
        (text,) = connection.execute("SELECT text FROM note").fetchone()
        (clock,) = connection.execute("SELECT value FROM meta WHERE key = 'clock'").fetchone()
    assert text == "tidlig og senere, igjen" and clock == again.hlc


def test_a_note_file_never_creates_a_missing_database(tmp_path: Path) -> None:
    with pytest.raises(sqlite3.OperationalError):
        open_note_file(tmp_path / "absent.sqlite")
    assert not (tmp_path / "absent.sqlite").exists()


# --- answers ----------------------------------------------------------------------------------


def orm_save_answer(
    db: Database, meeting_id: str, question_key: str, author: str, answer: tuple[Any, ...]
) -> None:
    """The ORM save of an answer it replaced (`tui.store.save_answer` as it was)."""
    choices, other_text, state = answer
    with db.transaction() as session:
        row = records.answer_for(session, meeting_id, question_key, author)
        values = {"choices": list(choices), "other_text": other_text, "state": state}
        if row is None:
            records.create(
                db,
                session,
                Answer,
                meeting_id=meeting_id,
                question_key=question_key,
                author=author,
                **values,
            )
        else:
            records.update(db, session, row, deleted=False, **values)


def sql_save_answer(
    db: Database, meeting_id: str, question_key: str, author: str, answer: tuple[Any, ...]
) -> None:
    notes = note_file_of(db)
    try:
        save_answer_plain(notes, meeting_id, question_key, author, *answer)
    finally:
        notes.close()


ANSWERS = st.tuples(
    st.lists(st.sampled_from(["Helse Vest", "blåbær", "annen"]), max_size=2, unique=True),
    st.sampled_from(["", "noe annet", "æøå"]),
    st.sampled_from(["", "hoppet over", "ikke relevant"]),
)
answer_steps = st.lists(
    st.one_of(
        st.tuples(st.just("save"), st.sampled_from(KEYS), ANSWERS),
        st.tuples(st.just("delete"), st.sampled_from(KEYS)),
        st.tuples(
            st.just("sibling"),
            st.sampled_from(KEYS),
            st.sampled_from(["choices", "other_text", "state", "deleted"]),
            ANSWERS,
        ),
    ),
    min_size=1,
    max_size=10,
)


def run_answers(db: Database, meeting: str, save: Callable[..., None], plan: list[Step]) -> None:
    for step in plan:
        kind, (question, author) = step[0], step[1]
        with db.session() as session:
            row = records.answer_for(session, meeting, question, author)
        if kind == "save":
            save(db, meeting, question, author, step[2])
        elif kind == "delete" and row is not None:
            with db.transaction() as session:
                records.delete(db, session, session.get(Answer, row.id))
        elif kind == "sibling" and row is not None:
            name, (choices, other_text, state) = step[2], step[3]
            value: Any = {
                "choices": json.dumps(choices),  # a JSON column's raw value is its JSON text
                "other_text": other_text,
                "state": state,
                "deleted": bool(state),
            }[name]
            stamp = db.clock.now()
            with db.transaction() as session:
                session.add(
                    Conflict(
                        id=conflict_id("answer", row.id, name, stamp, "other-laptop"),
                        created_at=stamp_time(stamp),
                        updated_at=stamp_time(stamp),
                        hlc=stamp,
                        device_id="other-laptop",
                        table_name="answer",
                        record_id=row.id,
                        field=name,
                        value=json.dumps(value),
                        value_hlc=stamp,
                        value_device="other-laptop",
                    )
                )


ANSWER_A = (["Helse Vest"], "", "")
ANSWER_B = (["Helse Vest", "blåbær"], "noe annet", "hoppet over")


@settings(
    max_examples=examples(20, 300),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(plan=answer_steps)
@example(
    plan=[
        ("save", KARI, ANSWER_A),
        ("sibling", KARI, "choices", ANSWER_A),  # hidden: equal to the current choices
        ("sibling", KARI, "state", ANSWER_B),  # open: differs
        ("sibling", KARI, "deleted", ANSWER_A),  # "not deleted"
        ("save", KARI, ANSWER_B),
    ]
)
@example(plan=[("save", KARI, ANSWER_A), ("delete", KARI), ("save", KARI, ANSWER_A)])
def test_the_sql_answer_save_leaves_the_rows_the_orm_save_left(
    meeting_file: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory, plan: list[Step]
) -> None:
    path, meeting = meeting_file
    folder = tmp_path_factory.mktemp("copies")
    outcomes = []
    for name, save in (("sql", sql_save_answer), ("orm", orm_save_answer)):
        copy = folder / f"{name}.sqlite"
        shutil.copy(path, copy)
        db = open_database(copy)
        ticking(db)
        try:
            run_answers(db, meeting, save, plan)
        finally:
            db.close()
        connection = sqlite3.connect(copy)
        try:
            columns = "id, hlc, device_id, clocks, deleted, field_devices, seen, meeting_id,"
            columns += " question_key, author, choices, other_text, state"
            outcomes.append(
                (
                    connection.execute(f"SELECT {columns} FROM answer ORDER BY id").fetchall(),
                    connection.execute("SELECT * FROM conflict ORDER BY id").fetchall(),
                    connection.execute("SELECT * FROM meta ORDER BY key").fetchall(),
                )
            )
        finally:
            connection.close()
    assert outcomes[0] == outcomes[1]


def test_the_answer_fields_it_stamps_are_the_tables_content_fields() -> None:
    assert Answer.content_fields == ANSWER_FIELDS
