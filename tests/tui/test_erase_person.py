"""Erasing a person from the command palette: pick, see the plan, confirm or cancel."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from textual.widgets import Button, OptionList

from models.storage import open_database
from tests.templates import copy_demo
from tests.tui.support import make_app, settle, text_of, type_text, wait_for_screen


def with_demo(db_path: Path) -> None:
    copy_demo(db_path)  # the demo, built once per test process
    db = open_database(db_path)
    db.close()


def people(db_path: Path) -> list[str]:
    connection = sqlite3.connect(db_path)
    try:
        return [row[0] for row in connection.execute("SELECT name FROM person")]
    finally:
        connection.close()


async def open_and_plan(pilot, name: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p")
    await type_text(pilot, "Slett en person")
    await pilot.pause()
    await pilot.press("enter")
    await wait_for_screen(pilot, "ErasePersonScreen")
    options = pilot.app.screen.query_one(OptionList)
    index = next(
        i
        for i in range(options.option_count)
        if options.get_option_at_index(i).prompt.startswith(name)
    )
    options.focus()
    options.highlighted = index
    await pilot.press("enter")
    for _ in range(100):
        await settle(pilot)
        if not pilot.app.screen.query_one("#erase-confirm", Button).disabled:
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the plan never showed")


async def test_the_palette_erases_a_person_after_showing_what_changes(db_path: Path) -> None:
    with_demo(db_path)
    app = make_app(db_path, author="Ola Hansen")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_and_plan(pilot, "Hilde Strand")
        plan = text_of(app.screen.query_one("#erase-plan"))
        assert "Sletter Hilde Strand" in plan and "Notater: 4" in plan
        assert "Hilde Strand" in people(db_path)  # nothing written before the confirmation
        app.screen.query_one("#erase-confirm", Button).press()
        await settle(pilot)
        await settle(pilot)
        assert type(app.screen).__name__ != "ErasePersonScreen"
    assert "Hilde Strand" not in people(db_path)
    assert b"Hilde" not in db_path.read_bytes()


async def test_cancelling_the_erasure_changes_nothing(db_path: Path) -> None:
    with_demo(db_path)
    app = make_app(db_path, author="Ola Hansen")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_and_plan(pilot, "Hilde Strand")
        await pilot.press("escape")
        await settle(pilot)
    assert "Hilde Strand" in people(db_path)
    connection = sqlite3.connect(db_path)
    assert connection.execute("SELECT count(*) FROM erasure").fetchone() == (0,)
    connection.close()
