"""`--meeting`: the meeting is read without the ORM, and what is typed before it shows is kept for it."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import models.storage
from tests.tui.support import make_app, settle, type_text
from tui.screens.capture import CaptureScreen
from tui.widgets.notes_editor import NotesEditor

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


async def test_the_meeting_shows_only_once_the_database_can_make_a_note_durable(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting_id = demo_meeting(db_path, "Helse Vest")
    release = held_open(monkeypatch)
    app = make_app(db_path, meeting_ref=meeting_id[:8], author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.5)
        assert app.db is None and type(app.screen).__name__ == "HomeScreen"
        await type_text(pilot, "tidlig")  # kept for the note, not acted on by home
        release.set()
        screen = await capture_shown(app)
        assert screen.db is app.db is not None
        await type_text(pilot, " notat")
        await settle(pilot)
        assert not app.saver.pending and not app.saver.failures
    assert notes_in_db(db_path)[(screen.questions[0].key, "Kari")].endswith("tidlig notat")


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
