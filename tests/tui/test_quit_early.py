"""Quitting early: right after typing, or while the database still opens. No question asked when
all is saved, no traceback, the file closed."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

import models.storage
from tests.templates import copy_demo
from tests.tui.support import demo_meeting, make_app, open_capture, type_text
from tui.app import InnsiktApp
from tui.screens.home import HomeScreen
from tui.screens.two_choices import TwoChoicesScreen

from .test_capture_before_open import capture_shown, note_on_disk
from .test_capture_flow import notes_in_db


def opened_late(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, list[bool]]:
    """`open_database` waits for the event; the list says, per database opened, if it was
    closed again."""
    release = threading.Event()
    closed: list[bool] = []
    real_open = models.storage.open_database

    def slow_open(*args: object, **kwargs: object) -> models.storage.Database:
        release.wait(30)
        db = real_open(*args, **kwargs)  # type: ignore[arg-type]
        index = len(closed)
        closed.append(False)
        real_close = db.close

        def close() -> None:
            closed[index] = True
            real_close()

        db.close = close  # type: ignore[method-assign]
        return db

    monkeypatch.setattr(models.storage, "open_database", slow_open)
    return release, closed


async def open_worker_done(app: InnsiktApp) -> None:
    workers = [worker for worker in app.workers if worker.group == "open-database"]
    while not all(worker.is_finished for worker in workers):
        await asyncio.sleep(0.01)
    for _ in range(3):  # the message it posted from its thread is on the app's queue
        await asyncio.sleep(0)


async def test_the_database_opening_as_the_app_closes_raises_nothing_and_is_closed(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_demo(db_path)
    release, closed = opened_late(monkeypatch)
    app = make_app(db_path, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.db is None
        close_all = app._close_all

        async def screens_closed_then_opened() -> None:
            # The worst moment: every screen is gone when the database is ready.
            await close_all()
            release.set()
            await open_worker_done(app)

        app._close_all = screens_closed_then_opened  # type: ignore[method-assign]
    # Leaving run_test shut the app down; a StopIteration in a handler is raised here.
    assert app._exception is None
    assert closed == [True]


async def test_ctrl_q_right_after_typing_leaves_without_asking(db_path: Path) -> None:
    meeting_id = demo_meeting(db_path, "Helse Nord")
    async with open_capture(db_path, meeting_id) as (app, pilot, _screen):
        await type_text(pilot, "siste ord")
        await pilot.press("ctrl+q")  # before the debounced save: Ctrl+Q saves it
        await pilot.pause()
        # The note is on disk: no «Noen notater er ikke lagret ennå» to answer.
        assert not isinstance(app.screen, TwoChoicesScreen)
        assert app.return_code == 0
    assert notes_in_db(db_path)[("A1", "Kari")] == "siste ord"


async def test_ctrl_q_while_the_database_opens_leaves_with_the_note_saved(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting_id = demo_meeting(db_path, "Helse Vest")
    release, closed = opened_late(monkeypatch)
    app = make_app(db_path, meeting_ref=meeting_id, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await capture_shown(app)  # from the file, the ORM still loading
        key = screen.questions[0].key
        before = note_on_disk(db_path, key, "Kari")
        await type_text(pilot, " tidlig")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.db is None
        assert not isinstance(app.screen, TwoChoicesScreen)
        assert app.return_code == 0
        release.set()
    assert note_on_disk(db_path, key, "Kari") == before + " tidlig"
    assert app._exception is None
    # The database, opened after the app closed, is closed again. The worker's thread opens
    # it, reads the author, then finds the app gone and closes it: wait for the close, not
    # only the open (on a loaded machine the test saw it opened and not yet closed).
    for _ in range(1000):
        if closed == [True]:
            break
        await asyncio.sleep(0.01)
    assert closed == [True]
