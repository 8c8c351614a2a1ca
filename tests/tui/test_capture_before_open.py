"""`--meeting` shows the meeting before the ORM is loaded: notes typed then are durable at once."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import models.storage
from tests.tui.support import make_app, settle, type_text
from tui.app import InnsiktApp
from tui.screens.capture import CaptureScreen
from tui.widgets.notes_editor import NotesEditor
from tui.widgets.services_panel import ServicesPanel

from .test_capture_flow import demo_meeting, notes_in_db


def held_open(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """`open_database` waits for the event: as if importing SQLAlchemy took a long while."""
    release = threading.Event()
    real_open = models.storage.open_database

    def slow_open(*args: object, **kwargs: object) -> models.storage.Database:
        release.wait(30)
        return real_open(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(models.storage, "open_database", slow_open)
    return release


async def capture_shown(app: object) -> CaptureScreen:
    for _ in range(1000):
        screen = app.screen  # type: ignore[attr-defined]
        if isinstance(screen, CaptureScreen) and isinstance(screen.focused, NotesEditor):
            return screen
        await asyncio.sleep(0.01)
    raise AssertionError("the meeting was never shown")


def note_on_disk(db_path: Path, question_key: str, author: str) -> str:
    """The note as another program reads it from the file (no ORM, no app)."""
    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        row = connection.execute(
            "SELECT text FROM note WHERE question_key = ? AND author = ? AND NOT deleted",
            (question_key, author),
        ).fetchone()
    finally:
        connection.close()
    return row[0] if row else ""


async def test_a_note_typed_before_the_database_is_open_is_on_disk_within_a_second(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting_id = demo_meeting(db_path, "Helse Vest")
    release = held_open(monkeypatch)
    app = make_app(db_path, meeting_ref=meeting_id[:8], author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await capture_shown(app)
        assert app.db is None and screen.db is None  # the ORM's database is not open
        key = screen.questions[0].key
        before = note_on_disk(db_path, key, "Kari")
        await type_text(pilot, " tidlig notat")
        typed = time.monotonic()
        while not note_on_disk(db_path, key, "Kari").endswith("tidlig notat"):
            assert time.monotonic() - typed < 1.0, "not durable within a second"
            await asyncio.sleep(0.02)
        assert app.db is None and not app.saver.failures
        await pilot.press("pagedown")
        await type_text(pilot, "neste")
        release.set()
        await settle(pilot)
        assert screen.db is app.db is not None
        assert not app.saver.pending and not app.saver.failures
        assert not [n for n in app._notifications if n.severity == "error"]
    notes = notes_in_db(db_path)
    assert notes[(key, "Kari")] == before + " tidlig notat"
    assert notes[(screen.questions[1].key, "Kari")].endswith("neste")


def answer_on_disk(db_path: Path, question_key: str, author: str) -> list[str]:
    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        row = connection.execute(
            "SELECT choices FROM answer WHERE question_key = ? AND author = ? AND NOT deleted",
            (question_key, author),
        ).fetchone()
    finally:
        connection.close()
    return json.loads(row[0]) if row else []


async def test_a_choice_ticked_before_the_database_is_open_is_on_disk_within_a_second(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting_id = demo_meeting(db_path, "Helse Vest")
    release = held_open(monkeypatch)
    app = make_app(db_path, meeting_ref=meeting_id, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await capture_shown(app)
        choice = next(i for i, q in enumerate(screen.questions) if q.kind == "choice")
        await screen.go_to(choice)
        await pilot.pause()
        question = screen.question
        await pilot.press("alt+1")  # an answer, saved without the ORM like the note
        ticked = time.monotonic()
        while answer_on_disk(db_path, question.key, "Kari") != [question.choices[0]]:
            assert time.monotonic() - ticked < 1.0, "not durable within a second"
            await asyncio.sleep(0.02)
        assert app.db is None and not app.saver.failures
        release.set()
        await settle(pilot)
        assert screen.answer(question.key).choices == [question.choices[0]]
        assert not [n for n in app._notifications if n.severity == "error"]
    db = models.storage.open_database(db_path)
    try:
        from tui.store import load_capture

        stored = load_capture(db, meeting_id)
    finally:
        db.close()
    assert stored.answers[(question.key, "Kari")].choices == [question.choices[0]]


async def test_a_panel_question_reached_before_the_database_is_open_shows_its_panel_after(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting_id = demo_meeting(db_path, "Helse Vest")
    release = held_open(monkeypatch)
    app = make_app(db_path, meeting_ref=meeting_id, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await capture_shown(app)
        services = next(i for i, q in enumerate(screen.questions) if q.kind == "services")
        await screen.go_to(services)
        await pilot.pause()
        assert not screen.query(ServicesPanel)
        release.set()
        await settle(pilot)
        panel = screen.query_one(ServicesPanel)
        assert panel.display and panel.rows


async def test_with_notes_to_restore_the_meeting_waits_for_the_database(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui import recovery

    meeting_id = demo_meeting(db_path, "Helse Vest")
    recovery.write(db_path, [recovery.RecoveredNote(meeting_id, "A1", "Kari", "fra sist", "")])
    release = held_open(monkeypatch)
    app = make_app(db_path, meeting_ref=meeting_id, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.5)
        assert app.db is None and type(app.screen).__name__ == "HomeScreen"
        release.set()
        await settle(pilot)
        assert type(app.screen).__name__ == "TwoChoicesScreen"  # restore first, then the meeting


async def test_a_meeting_that_cannot_be_found_is_said_once_the_database_is_open(
    db_path: Path,
) -> None:
    demo_meeting(db_path, "Helse Vest")
    app = make_app(db_path, meeting_ref="finnes-ikke", author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "HomeScreen"
        assert any("finnes-ikke" in str(n.message) for n in app._notifications)


def test_the_meeting_is_read_and_composed_without_importing_sqlalchemy(demo_path: Path) -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "import tui.app\n"
        "from tui.capture_data import load_capture\n"
        "from tui.screens.capture import CaptureScreen\n"
        "from models.read import reading\n"
        f"path = Path({str(demo_path)!r})\n"
        "with reading(path) as connection:\n"
        "    meeting_id = connection.execute('SELECT id FROM meeting LIMIT 1').fetchone()[0]\n"
        "data = load_capture(path, meeting_id)\n"
        "assert data.guide.questions()\n"
        "heavy = [m for m in ('sqlalchemy', 'sqlmodel', 'pydantic') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


async def test_keys_typed_before_the_meeting_shows_land_in_its_note_not_on_home(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.capture_data

    meeting_id = demo_meeting(db_path, "Helse Vest")
    read = threading.Event()
    real_load = tui.capture_data.load_capture

    def slow_load(*args: object, **kwargs: object) -> object:
        read.wait(30)  # as if the file were slow to read: the user types meanwhile
        return real_load(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tui.capture_data, "load_capture", slow_load)
    # As on a file the read before the first frame cannot use (one to migrate, an encrypted
    # one): home shows first, and the meeting is read by the worker that opens the database.
    monkeypatch.setattr(InnsiktApp, "read_early_now", lambda self: None)
    app = make_app(db_path, meeting_ref=meeting_id, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        await type_text(pilot, "straks xy")
        await pilot.press("backspace", "enter", "n")  # home's own keys: n, e, s, …
        assert type(app.screen).__name__ == "HomeScreen"  # home did not act on them
        read.set()
        screen = await capture_shown(app)
        await settle(pilot)
        assert screen.query_one(NotesEditor).text.endswith("straks x\nn")
    key = screen.questions[0].key
    assert notes_in_db(db_path)[(key, "Kari")].endswith("straks x\nn")


async def test_the_orm_loads_only_once_the_meeting_and_what_its_first_frame_set_off_are_on_screen(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets._footer import FooterKey

    from tui.widgets.quiet_footer import QuietFooter

    meeting_id = demo_meeting(db_path, "Helse Vest")
    app = make_app(db_path, meeting_ref=meeting_id, author="Kari")
    seen: list[tuple[bool, bool]] = []
    real_set = app._early_painted.set
    recomposed: list[int] = []
    real_recompose = QuietFooter.recompose

    async def recompose(footer: QuietFooter) -> None:
        recomposed.append(len(seen))
        await real_recompose(footer)

    def released() -> None:  # SQLAlchemy's import holds the GIL: not while the screen settles
        screen = app.screen
        footer = screen.query_one(QuietFooter)
        seen.append((isinstance(screen.focused, NotesEditor), bool(footer.query(FooterKey))))
        real_set()

    app._early_painted.set = released  # type: ignore[method-assign]
    monkeypatch.setattr(QuietFooter, "recompose", recompose)
    async with app.run_test(size=(100, 30)) as pilot:
        await capture_shown(app)
        await settle(pilot)
    assert seen and seen[0] == (True, True)  # the editor focused, its footer keys shown
    assert not recomposed  # and the footer not built again (not while the ORM loads either)
