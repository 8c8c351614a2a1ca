"""Helpers for driving InnsiktApp in Pilot tests: a frozen clock, waiting, reading widgets."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

from rich.console import Console
from textual.pilot import Pilot
from textual.widget import Widget

from tui.app import InnsiktApp

# A Wednesday morning during the demo journey; every test and snapshot sees this time.
FROZEN = dt.datetime(2026, 11, 4, 10, 42, 5)


def make_app(db_path: Path, **options: object) -> InnsiktApp:
    return InnsiktApp(db_path, clock=lambda: FROZEN, **options)  # type: ignore[arg-type]


async def settle(pilot: Pilot) -> None:
    """Wait until the database is open, every worker and write is done and messages handled."""
    app = pilot.app
    assert isinstance(app, InnsiktApp)
    for _ in range(200):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if app.db is not None:
            break
        await asyncio.sleep(0.01)
    for _ in range(3):
        await app.settle()
        await app.workers.wait_for_complete()
        await pilot.pause()
    # The notes' saves report back through the app to the editors and their screens.
    for _ in range(100):
        if not app.saver.pending or app.saver.failures:
            break
        await pilot.pause()
        await asyncio.sleep(0.01)
    await pilot.pause()


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
