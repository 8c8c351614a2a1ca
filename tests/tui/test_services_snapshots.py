"""SVG snapshots of the service form, the service catalogue and the open follow-ups.

Drawn by the real app on the fixed demo data with a frozen clock. Update with
`pytest tests/tui/test_services_snapshots.py --snapshot-update` and look at the SVGs in
tests/tui/__snapshots__/test_services_snapshots/ before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select
from textual.pilot import Pilot

from models.storage import open_database
from models.tables import Meeting, Service
from tests.templates import copy_demo
from tests.tui.support import make_app, settle
from tui.app import InnsiktApp
from tui.screens.followups import FollowUpsScreen
from tui.screens.service_catalogue import ServiceCatalogueScreen
from tui.screens.service_form import ServiceFormScreen

SIZES = [(100, 30), (80, 24)]


def demo_ids(db_path: Path) -> tuple[str, str]:
    """Load the demo; the ids of «Lifex mobil» and of the Helse Nord IKT meeting."""
    copy_demo(db_path)  # the demo, built once per test process
    db = open_database(db_path)
    try:
        with db.session() as session:
            service = session.exec(select(Service).where(Service.name == "Lifex mobil")).one()
            meetings = session.exec(select(Meeting)).all()
            meeting = next(m for m in meetings if "Helse Nord" in m.title)
            return service.id, meeting.id
    finally:
        db.close()


async def steady(pilot: Pilot) -> None:
    """Settle, and stop cursors blinking so that every run draws the same frame."""
    await settle(pilot)
    for editor in pilot.app.screen.query("Input, TextArea"):
        editor.cursor_blink = False  # type: ignore[attr-defined]
    await pilot.pause()


def app_db(pilot: Pilot) -> object:
    app = pilot.app
    assert isinstance(app, InnsiktApp) and app.db is not None
    return app.db


@pytest.mark.parametrize("size", SIZES, ids=["100x30", "80x24"])
def test_service_form_editing_lifex_mobil(
    snap_compare, db_path: Path, size: tuple[int, int]
) -> None:
    service_id, _ = demo_ids(db_path)

    async def open_form(pilot: Pilot) -> None:
        await settle(pilot)
        pilot.app.push_screen(ServiceFormScreen(app_db(pilot), service_id=service_id))
        await steady(pilot)

    app = make_app(db_path, author="Kari Nordmann")
    assert snap_compare(app, terminal_size=size, run_before=open_form)


def test_new_service_form_says_the_name_is_missing(snap_compare, db_path: Path) -> None:
    _, meeting_id = demo_ids(db_path)

    async def save_without_name(pilot: Pilot) -> None:
        await settle(pilot)
        form = ServiceFormScreen(app_db(pilot), meeting_id=meeting_id, question_key="B1")
        pilot.app.push_screen(form)
        await settle(pilot)
        await pilot.press("tab", "h", "h", "tab", "i", "ctrl+s")
        await steady(pilot)

    app = make_app(db_path, author="Kari Nordmann")
    assert snap_compare(app, terminal_size=(80, 24), run_before=save_without_name)


@pytest.mark.parametrize("size", SIZES, ids=["100x30", "80x24"])
def test_service_catalogue(snap_compare, db_path: Path, size: tuple[int, int]) -> None:
    demo_ids(db_path)

    async def open_catalogue(pilot: Pilot) -> None:
        await settle(pilot)
        pilot.app.push_screen(ServiceCatalogueScreen(app_db(pilot)))
        await steady(pilot)

    app = make_app(db_path, author="Kari Nordmann")
    assert snap_compare(app, terminal_size=size, run_before=open_catalogue)


def test_service_catalogue_filtered_and_sorted(snap_compare, db_path: Path) -> None:
    demo_ids(db_path)

    async def filter_and_sort(pilot: Pilot) -> None:
        await settle(pilot)
        pilot.app.push_screen(ServiceCatalogueScreen(app_db(pilot)))
        await settle(pilot)
        pilot.app.screen.query_one("#filter-status").focus()
        await pilot.press("i")  # i drift
        pilot.app.screen.query_one("#catalogue-table").focus()
        await pilot.press("4")  # by criticality
        await steady(pilot)

    app = make_app(db_path, author="Kari Nordmann")
    assert snap_compare(app, terminal_size=(100, 30), run_before=filter_and_sort)


def test_open_followups(snap_compare, db_path: Path) -> None:
    demo_ids(db_path)

    async def open_list(pilot: Pilot) -> None:
        await settle(pilot)
        pilot.app.push_screen(FollowUpsScreen(app_db(pilot)))
        await steady(pilot)

    app = make_app(db_path, author="Kari Nordmann")
    assert snap_compare(app, terminal_size=(100, 30), run_before=open_list)
