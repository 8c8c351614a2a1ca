"""Helpers for driving InnsiktApp in Pilot tests: a frozen clock, waiting, reading widgets."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from rich.console import Console
from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.widget import Widget

from tests.templates import copy_demo
from tui.app import InnsiktApp
from tui.screens.capture import CaptureScreen

# A Wednesday morning during the demo journey; every test and snapshot sees this time.
FROZEN = dt.datetime(2026, 11, 4, 10, 42, 5)


def make_app(db_path: Path, **options: object) -> InnsiktApp:
    return InnsiktApp(db_path, clock=lambda: FROZEN, **options)  # type: ignore[arg-type]


def demo_meeting(db_path: Path, title_part: str = "Helse Nord") -> str:
    """The demo at `db_path` (a copy, made once per test process); the id of the meeting whose
    title holds `title_part`."""
    from sqlmodel import select

    from models.storage import open_database
    from models.tables import Meeting

    copy_demo(db_path)
    db = open_database(db_path)
    try:
        with db.session() as session:
            meeting = session.exec(
                select(Meeting).where(Meeting.title.contains(title_part))  # type: ignore[attr-defined]
            ).one()
            return meeting.id
    finally:
        db.close()


@asynccontextmanager
async def open_capture(
    db_path: Path,
    meeting_id: str,
    *,
    author: str = "Kari",
    size: tuple[int, int] = (100, 30),
) -> AsyncIterator[tuple[InnsiktApp, Pilot, CaptureScreen]]:
    """The app started on the meeting (`innsikt --meeting`), its capture screen shown."""
    app = make_app(db_path, meeting_ref=meeting_id, author=author)
    async with app.run_test(size=size) as pilot:
        await wait_for_screen(pilot, "CaptureScreen")
        screen = app.screen
        assert isinstance(screen, CaptureScreen)
        yield app, pilot, screen


def opening_over(app: InnsiktApp) -> bool:
    """The database is open, or opening it ended without: it failed (home says why), or the
    app asks for the passphrase. Waiting on for the database then only waits out the loop."""
    failed = app._when_open is None
    return app.db is not None or failed or type(app.screen).__name__ == "PassphraseScreen"


async def workers_done(app: App[Any]) -> None:
    """Every worker of the app has ended. Not `app.workers.wait_for_complete()`: it raises
    WorkerCancelled when an exclusive worker is replaced by a newer one meanwhile (a panel read
    twice, after a write and its undo), and the wait ended before the others were done."""
    # A worker that failed has told the app already (its error ends the test).
    await asyncio.gather(*(worker.wait() for worker in list(app.workers)), return_exceptions=True)


async def settle(pilot: Pilot) -> None:
    """Wait until the database is open, every worker and write is done and messages handled."""
    app = pilot.app
    assert isinstance(app, InnsiktApp)
    for _ in range(200):
        await workers_done(app)
        await pilot.pause()
        if opening_over(app):
            break
        await asyncio.sleep(0.01)
    for _ in range(3):
        await app.settle()
        await workers_done(app)
        await pilot.pause()
    # The notes' saves report back through the app to the editors and their screens.
    for _ in range(100):
        if not app.saver.pending or app.saver.failures:
            break
        await pilot.pause()
        await asyncio.sleep(0.01)
    await pilot.pause()


async def wait_until(pilot: Pilot, condition: Callable[[], object], timeout: float = 15) -> None:
    """Until `condition()` holds. What a resize or a timer sets off may take more than one
    `pilot.pause()` on a loaded machine: the app sends a Resize on idle, the screen lays out,
    the next refresh paints."""
    for _ in range(int(timeout / 0.05)):
        await pilot.pause()
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("condition never held")


async def wait_for_screen(pilot: Pilot, name: str) -> None:
    for _ in range(200):
        await settle(pilot)
        if type(pilot.app.screen).__name__ == name:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"{name} never showed; on {type(pilot.app.screen).__name__}")


def text_of(widget: Widget) -> str:
    """What a Static shows, as plain text."""
    console = Console(width=200, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    content = getattr(widget, "content", "")
    console.print(content)
    return console.export_text()


async def type_text(pilot: Pilot, text: str) -> None:
    """Type `text` key by key, as a user would."""
    for char in text:
        await pilot.press("space" if char == " " else char)


def burst(pilot: Pilot, text_or_keys: Iterable[str]) -> None:
    """Queue every key before the app handles the first, as a terminal delivers a fast typist's
    keys (Pilot's `press` waits until the app is idle after each). An item longer than one
    character is a key name (`pagedown`, `f2`); a word is given as its letters."""
    driver = pilot.app._driver
    assert driver is not None
    for key in text_or_keys:
        key = "space" if key == " " else key
        character = " " if key == "space" else (key if len(key) == 1 else None)
        event = events.Key(key, character)
        event.set_sender(pilot.app)
        driver.send_message(event)
