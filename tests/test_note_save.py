"""Saving a note checks its stamp: text written elsewhere meanwhile is kept, never overwritten."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from sqlmodel import select

import models.note_save
from models import records
from models.note_save import restore_note, save_note_checked
from models.storage import Database, open_database
from models.sync.conflicts import list_conflicts, resolve_conflict
from models.sync.merge import merge_files
from models.sync.snapshot import write_snapshot
from models.tables import Conflict, Journey, Meeting, Note


def a_meeting(db: Database) -> str:
    with db.transaction() as session:
        journey = records.create(db, session, Journey, name="Reise")
        return records.create(db, session, Meeting, journey_id=journey.id, title="Møte").id


def open_conflict_values(db: Database) -> list[str]:
    with db.session() as session:
        return [view.theirs.value for view in list_conflicts(session)]


def test_a_save_on_the_stamp_it_loaded_just_writes(fresh_db: Database) -> None:
    meeting = a_meeting(fresh_db)
    first = save_note_checked(fresh_db, meeting, "A1", "Kari", "en", "")
    second = save_note_checked(fresh_db, meeting, "A1", "Kari", "en to", first.hlc)
    assert not first.kept_other and not second.kept_other
    assert second.hlc > first.hlc
    assert open_conflict_values(fresh_db) == []


def test_text_written_elsewhere_since_is_kept_as_an_open_conflict(fresh_db: Database) -> None:
    meeting = a_meeting(fresh_db)
    loaded = save_note_checked(fresh_db, meeting, "A1", "Kari", "felles", "").hlc
    records.save_note(fresh_db, meeting, "A1", "Kari", "det andre vinduet skrev dette")
    result = save_note_checked(fresh_db, meeting, "A1", "Kari", "felles og mitt", loaded)
    assert result.kept_other
    assert open_conflict_values(fresh_db) == ["det andre vinduet skrev dette"]
    with fresh_db.session() as session:
        views = list_conflicts(session)
    assert views[0].mine.value == "felles og mitt"
    # The user can take the other text back on the conflicts screen.
    resolve_conflict(fresh_db, views[0].id, "theirs")
    assert open_conflict_values(fresh_db) == []


def test_other_text_the_editor_already_contains_needs_no_conflict(fresh_db: Database) -> None:
    meeting = a_meeting(fresh_db)
    records.save_note(fresh_db, meeting, "A1", "Kari", "start")
    result = save_note_checked(fresh_db, meeting, "A1", "Kari", "start og mer", "")
    assert not result.kept_other
    assert open_conflict_values(fresh_db) == []


def test_two_windows_taking_turns_leave_one_conflict_each_holding_the_newest_text(
    fresh_db: Database,
) -> None:
    meeting = a_meeting(fresh_db)
    first = second = ""
    first_text = second_text = ""
    for word in ("alfa", "bravo", "charlie"):
        first_text += word + " "
        first = save_note_checked(fresh_db, meeting, "A1", "Kari", first_text, first).hlc
        second_text += word.upper() + " "
        second = save_note_checked(fresh_db, meeting, "A1", "Kari", second_text, second).hlc
    with fresh_db.session() as session:
        values = [json.loads(c.value) for c in session.exec(select(Conflict)).all()]
    assert first_text in values
    assert len(values) <= 2


def test_restoring_text_the_note_holds_already_changes_nothing(fresh_db: Database) -> None:
    meeting = a_meeting(fresh_db)
    stamp = save_note_checked(fresh_db, meeting, "A1", "Kari", "alt er her", "").hlc
    assert not restore_note(fresh_db, meeting, "A1", "Kari", "alt er her", "")
    assert restore_note(fresh_db, meeting, "A1", "Kari", "alt er her, og mer", stamp)
    assert open_conflict_values(fresh_db) == []


def test_a_merge_that_changed_the_open_note_is_not_overwritten_by_the_next_save(
    tmp_path: Path,
) -> None:
    laptop_a = open_database(tmp_path / "a.sqlite")
    meeting = a_meeting(laptop_a)
    loaded = save_note_checked(laptop_a, meeting, "A1", "Kari", "felles start", "").hlc
    laptop_b = open_database(tmp_path / "b.sqlite")
    merge_files(laptop_b, [write_snapshot(laptop_a, tmp_path / "a0.sqlite")])
    records.save_note(laptop_b, meeting, "A1", "Kari", "felles start, rettet på B")
    # Kari's editor on A still shows what it loaded while the merge brings in B's edit.
    merge_files(laptop_a, [write_snapshot(laptop_b, tmp_path / "b1.sqlite")])
    result = save_note_checked(
        laptop_a, meeting, "A1", "Kari", "felles start + skrevet på A", loaded
    )
    assert result.kept_other
    assert open_conflict_values(laptop_a) == ["felles start, rettet på B"]
    laptop_a.close()
    laptop_b.close()


def test_a_save_by_another_window_between_the_read_and_the_write_of_a_save_is_kept(
    fresh_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two windows are two connections: a save reads the note and writes it as one step."""
    meeting = a_meeting(fresh_db)
    loaded = save_note_checked(fresh_db, meeting, "A1", "Kari", "felles ", "").hlc
    other_window = open_database(fresh_db.path)
    other_saved = threading.Event()

    def other_window_saves() -> None:
        save_note_checked(other_window, meeting, "A1", "Kari", "felles fra vindu to", loaded)
        other_saved.set()

    other = threading.Thread(target=other_window_saves)
    real_update = models.note_save._update

    def update_once_the_other_window_had_its_turn(*args: object, **kw: object) -> object:
        this_window = threading.current_thread() is not other
        if this_window and not other.is_alive() and not other_saved.is_set():
            other.start()  # the note is read; the other window saves now, if it can
            other_saved.wait(timeout=0.5)
        return real_update(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(models.note_save, "_update", update_once_the_other_window_had_its_turn)
    save_note_checked(fresh_db, meeting, "A1", "Kari", "felles fra vindu en", loaded)
    other.join(timeout=10)
    other_window.close()
    with fresh_db.session() as session:
        note = session.exec(select(Note).where(Note.meeting_id == meeting)).one()
        kept = [note.text, *(json.loads(c.value) for c in session.exec(select(Conflict)))]
    assert "felles fra vindu en" in kept, kept
    assert "felles fra vindu to" in kept, kept
