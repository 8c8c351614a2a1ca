"""The service catalogue screen: filters, sorting, editing, and opening it from the app."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual import events
from textual.widgets import DataTable, Input, Static

from models.read import ServiceRow, reading, service_rows
from models.storage import Database, open_database
from tests.templates import copy_demo
from tui.app import InnsiktApp
from tui.screens.service_catalogue import ServiceCatalogueScreen
from tui.screens.service_form import ServiceFormScreen

from .services_harness import HarnessApp, service_named, settle, type_text


def service_rows_of(db: Database) -> list[ServiceRow]:
    """The service catalogue's rows, as the screen reads them."""
    with reading(db.path) as connection:
        return service_rows(connection)


def catalogue_app(db: Database) -> HarnessApp:
    return HarnessApp(db, ServiceCatalogueScreen)


@pytest.fixture(autouse=True)
def letters_never_time_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """«helse n» picks an organisation by its letters; a second's quiet starts a new search. On a
    loaded machine one key can take longer than that to handle, and the search started over at
    «n»: these tests are about the filters, not that pause."""
    monkeypatch.setattr("tui.widgets.choice_select.TYPEAHEAD_PAUSE", 60.0)


def column(app: HarnessApp | InnsiktApp, key: str) -> list[str]:
    table = app.screen.query_one("#catalogue-table", DataTable)
    return [str(value) for value in table.get_column(key)]


def names(app: HarnessApp) -> list[str]:
    screen = app.screen
    assert isinstance(screen, ServiceCatalogueScreen)
    return [row.name for row in screen.shown]


async def test_filter_by_status_shows_only_those_services(demo_db: Database) -> None:
    expected = sorted(r.name for r in service_rows_of(demo_db) if r.status == "i drift")
    app = catalogue_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert len(column(app, "name")) == 33
        app.screen.query_one("#filter-status").focus()
        await pilot.press("i")
        await settle(pilot)
        assert set(column(app, "status")) == {"i drift"}
        assert sorted(names(app)) == expected
        status = app.screen.query_one("#catalogue-status", Static)
        assert f"{len(expected)} av 33 tjenester" in str(status.render())


async def test_filter_by_organisation_and_status_then_clear(demo_db: Database) -> None:
    rows = service_rows_of(demo_db)
    nord = sorted(r.name for r in rows if r.owner == "Helse Nord IKT")
    nord_running = sorted(
        r.name for r in rows if r.owner == "Helse Nord IKT" and r.status == "i drift"
    )
    assert nord_running and len(nord_running) < len(nord)
    app = catalogue_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.screen.query_one("#filter-owner").focus()
        await type_text(pilot, "helse n")
        await settle(pilot)
        assert sorted(names(app)) == nord
        assert set(column(app, "owner")) == {"HN IKT"}
        await pilot.press("tab", "i")
        await settle(pilot)
        assert sorted(names(app)) == nord_running
        app.screen.query_one("#catalogue-table").focus()
        await pilot.press("x")
        await settle(pilot)
        assert len(names(app)) == 33


async def test_filters_that_match_nothing_say_so(demo_db: Database) -> None:
    app = catalogue_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.screen.query_one("#filter-nodnett_dependency").focus()
        await pilot.press("f")  # full
        app.screen.query_one("#filter-status").focus()
        await pilot.press("p")  # planlagt
        await settle(pilot)
        assert names(app) == []
        empty = app.screen.query_one("#catalogue-empty", Static)
        assert empty.display and "Ingen tjenester passer filtrene" in str(empty.render())


async def test_sort_by_criticality_with_a_key_and_reverse_with_it_again(
    demo_db: Database,
) -> None:
    app = catalogue_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        criticalities = column(app, "criticality")
        ranks = ["oppdragskritisk", "virksomhetskritisk", "viktig", "lav", "ukjent"]
        assert criticalities == sorted(criticalities, key=ranks.index)
        assert criticalities[0] == "oppdragskritisk"
        await pilot.press("4")
        await settle(pilot)
        assert column(app, "criticality")[0] == "ukjent"
        status = app.screen.query_one("#catalogue-status", Static)
        assert "sortert etter kritikalitet ↓" in str(status.render())


async def test_sort_by_meetings_by_clicking_the_header(demo_db: Database) -> None:
    app = catalogue_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#catalogue-table", DataTable)
        x = sum(c.get_render_width(table) for c in list(table.columns.values())[:5]) + 2
        await pilot.click("#catalogue-table", offset=(x, 0))
        await settle(pilot)
        meetings = [int(value) for value in column(app, "meetings")]
        assert meetings == sorted(meetings)
        await pilot.click("#catalogue-table", offset=(x, 0))
        await settle(pilot)
        assert int(column(app, "meetings")[0]) == 5


async def test_enter_opens_the_form_and_the_change_shows_in_the_table(
    demo_db: Database,
) -> None:
    app = catalogue_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first = names(app)[0]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ServiceFormScreen)
        await pilot.press("tab", "tab", "p", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ServiceCatalogueScreen)
        assert column(app, "status")[names(app).index(first)] == "planlagt"
    assert service_named(demo_db, first).status == "planlagt"


async def test_new_service_from_the_catalogue_is_selected_after_saving(
    demo_db: Database,
) -> None:
    app = catalogue_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await type_text(pilot, "Zulu-varsling")
        await pilot.press("ctrl+s")
        await settle(pilot)
        table = app.screen.query_one("#catalogue-table", DataTable)
        assert len(names(app)) == 34
        assert names(app)[table.cursor_row] == "Zulu-varsling"


async def test_catalogue_opens_from_the_app_on_the_demo_database(db_path: Path) -> None:
    copy_demo(db_path)  # the demo, built once per test process
    db = open_database(db_path)
    db.close()
    app = InnsiktApp(db_path, author="Kari Referent")
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(200):
            await pilot.pause()
            if app.db is not None:
                break
            await asyncio.sleep(0.01)
        app.action_catalogue()
        await settle(pilot)
        assert isinstance(app.screen, ServiceCatalogueScreen)
        assert len(column(app, "name")) == 33
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ServiceCatalogueScreen)


async def test_letters_typed_straight_after_slash_land_in_the_text_filter(db_path: Path) -> None:
    """«/ekg» typed in one burst: the letters reached the table's keys (e edited the service
    under the cursor) because the filter was focused only after the burst."""
    copy_demo(db_path)
    app = InnsiktApp(db_path, author="Kari Referent")
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(200):
            await pilot.pause()
            if app.db is not None:
                break
        await pilot.press("s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ServiceCatalogueScreen) and screen.filled
        for key, character in (("slash", "/"), ("e", "e"), ("k", "k"), ("g", "g")):
            app.post_message(events.Key(key, character))  # all queued before the first is read
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_one("#filter-text", Input).value == "ekg"
        await asyncio.sleep(0.3)  # the text filter waits for a pause in typing
        await settle(pilot)
        shown = [row.name for row in screen.shown]
        assert "EKG-overføring fra ambulanse" in shown and len(shown) < 33
