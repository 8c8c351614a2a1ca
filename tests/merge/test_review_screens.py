"""The review screens: conflicts side by side (keep one, the other, or a combination); duplicates."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable, Static, TextArea

from models import records
from models.storage import Database, open_database
from models.sync.merge import merge_files
from models.sync.snapshot import write_snapshot
from models.tables import Journey, Meeting, Service
from tests.tui.support import workers_done
from tui.screens.conflicts import ConflictsScreen
from tui.screens.duplicates import DuplicatesScreen


class Harness(App[None]):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db

    def on_mount(self) -> None:
        self.push_screen(ConflictsScreen(self.db))


async def settle(pilot: Pilot[Any]) -> None:
    for _ in range(3):
        await workers_done(pilot.app)
        writer = getattr(pilot.app, "writer", None)  # writes go through the app's writer
        if writer is not None:
            await asyncio.to_thread(writer.drain)
        await pilot.pause()


@pytest.fixture
def conflicted(tmp_path: Path) -> Iterator[tuple[Database, str, str]]:
    """Laptop A after merging B: the meeting's title and a service's status were edited on both."""
    laptop_a = open_database(tmp_path / "a.sqlite")
    with laptop_a.transaction() as session:
        journey = records.create(laptop_a, session, Journey, name="Reise")
        meeting = records.create(laptop_a, session, Meeting, journey_id=journey.id, title="Møte")
        service = records.create(laptop_a, session, Service, name="LifeX", status="i drift")
    laptop_b = open_database(tmp_path / "b.sqlite")
    merge_files(laptop_b, [write_snapshot(laptop_a, tmp_path / "a0.sqlite")])
    for db, title, status in (
        (laptop_a, "Møte på A", "planlagt"),
        (laptop_b, "Møte på B", "utfases"),
    ):
        with db.transaction() as session:
            records.update(db, session, session.get(Meeting, meeting.id), title=title)
            records.update(db, session, session.get(Service, service.id), status=status)
    merge_files(laptop_a, [write_snapshot(laptop_b, tmp_path / "b1.sqlite")])
    laptop_b.close()
    yield laptop_a, meeting.id, service.id
    laptop_a.close()


def text_of(app: App[None], selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_each_conflict_shows_both_values_side_by_side(conflicted: Any) -> None:
    db, _, _ = conflicted
    app = Harness(db)
    async with app.run_test(size=(110, 32)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        assert "Åpne konflikter: 2." in text_of(app, "#cf-status")
        fields = {str(table.get_row_at(row)[2]) for row in range(2)}
        assert fields == {"title", "status"}
        table.move_cursor(row=[str(table.get_row_at(r)[2]) for r in range(2)].index("title"))
        await settle(pilot)
        shown = {text_of(app, "#cf-mine"), text_of(app, "#cf-theirs")}
        assert shown == {"Møte på A", "Møte på B"}


async def test_keep_theirs_resolves_and_the_list_shrinks(conflicted: Any) -> None:
    db, _, service_id = conflicted
    app = Harness(db)
    async with app.run_test(size=(110, 32)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        row = [str(table.get_row_at(r)[2]) for r in range(2)].index("status")
        table.move_cursor(row=row)
        await settle(pilot)
        theirs = text_of(app, "#cf-theirs")
        await pilot.press("t")
        await settle(pilot)
        assert table.row_count == 1
        with db.session() as session:
            assert session.get(Service, service_id).status == theirs
        assert str(table.get_row_at(0)[2]) == "title"


async def test_an_edited_combination_is_saved_with_ctrl_s(conflicted: Any) -> None:
    db, meeting_id, _ = conflicted
    app = Harness(db)
    async with app.run_test(size=(110, 32)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=[str(table.get_row_at(r)[2]) for r in range(2)].index("title"))
        await settle(pilot)
        area = app.screen.query_one("#cf-combined", TextArea)
        assert area.text == f"{text_of(app, '#cf-mine')}\n{text_of(app, '#cf-theirs')}"
        await pilot.press("e")
        assert app.focused is area
        area.load_text("Møte på A og B")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert table.row_count == 1
        with db.session() as session:
            assert session.get(Meeting, meeting_id).title == "Møte på A og B"


async def test_with_no_conflicts_the_screen_says_so(fresh_db: Database) -> None:
    app = Harness(fresh_db)
    async with app.run_test(size=(110, 32)) as pilot:
        await settle(pilot)
        assert text_of(app, "#cf-status") == "Ingen åpne konflikter."
        await pilot.press("m")
        await settle(pilot)
        assert app.screen.query_one(DataTable).row_count == 0


async def test_duplicates_screen_joins_a_pair_keeping_the_chosen_one(demo_db: Database) -> None:

    class DuplicatesHarness(App[None]):
        def on_mount(self) -> None:
            self.push_screen(DuplicatesScreen(demo_db))

    app = DuplicatesHarness()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert [str(cell) for cell in table.get_row_at(0)[:3]] == [
            "tjeneste",
            "LifeX mobilklient",
            "Lifex mobil",
        ]
        await pilot.press("2")
        await settle(pilot)
        assert table.row_count == 0
        assert text_of(app, "#dup-status") == "Fant ingen sannsynlige dubletter."
    with demo_db.session() as session:
        names = {service.name for service in session.exec(records.live(Service))}
    assert "Lifex mobil" in names
    assert "LifeX mobilklient" not in names
