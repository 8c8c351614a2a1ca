"""SVG snapshots of the capture TUI on the fixed demo data, at 100×30 and 80×24.

The clock is frozen (tests.tui.support.FROZEN) and demo records have fixed ids, so every run
draws the same screen. Update with `pytest tests/tui/test_snapshots.py --snapshot-update` and
look at the SVGs in tests/tui/__snapshots__/ before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select
from textual.pilot import Pilot

from models.storage import open_database
from models.tables import Meeting
from tests.templates import copy_demo
from tests.tui.support import make_app, settle, wait_for_screen

SIZES = [(100, 30), (80, 24)]


def demo_meeting_id(db_path: Path, title_part: str) -> str:
    copy_demo(db_path)  # the demo, built once per test process
    db = open_database(db_path)
    try:
        with db.session() as session:
            meetings = session.exec(select(Meeting)).all()
            return next(m.id for m in meetings if title_part in m.title)
    finally:
        db.close()


@pytest.mark.parametrize("size", SIZES, ids=["100x30", "80x24"])
def test_home_with_demo_journey(snap_compare, db_path: Path, size: tuple[int, int]) -> None:
    demo_meeting_id(db_path, "Helse Nord")
    assert snap_compare(
        make_app(db_path, author="Kari Nordmann"), terminal_size=size, run_before=settle
    )


@pytest.mark.parametrize("size", SIZES, ids=["100x30", "80x24"])
def test_home_of_an_empty_database(snap_compare, db_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(
        make_app(db_path, author="Kari Nordmann"), terminal_size=size, run_before=settle
    )


@pytest.mark.parametrize("size", SIZES, ids=["100x30", "80x24"])
def test_meeting_set_up(snap_compare, db_path: Path, size: tuple[int, int]) -> None:
    demo_meeting_id(db_path, "Helse Nord")

    async def open_set_up(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("m")
        await wait_for_screen(pilot, "MeetingSetupScreen")

    assert snap_compare(
        make_app(db_path, author="Kari Nordmann"), terminal_size=size, run_before=open_set_up
    )


@pytest.mark.parametrize("size", SIZES, ids=["100x30", "80x24"])
def test_meeting_set_up_with_errors(snap_compare, db_path: Path, size: tuple[int, int]) -> None:
    async def save_empty(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("m")
        await wait_for_screen(pilot, "MeetingSetupScreen")
        pilot.app.screen.query_one("#date").value = "32.13.2026"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(
        make_app(db_path, author="Kari Nordmann"), terminal_size=size, run_before=save_empty
    )


@pytest.mark.parametrize("size", SIZES, ids=["100x30", "80x24"])
def test_capture_on_a_multi_choice_question(
    snap_compare, db_path: Path, size: tuple[int, int]
) -> None:
    meeting_id = demo_meeting_id(db_path, "Helse Vest")

    async def walk_and_type(pilot: Pilot) -> None:
        await wait_for_screen(pilot, "CaptureScreen")
        await pilot.press("pagedown", "pagedown")
        for key in "Ambulanse og AMK":
            await pilot.press("space" if key == " " else key)
        await settle(pilot)

    app = make_app(db_path, meeting_ref=meeting_id, author="Kari Nordmann")
    assert snap_compare(app, terminal_size=size, run_before=walk_and_type)


def test_help_lists_the_keys(snap_compare, db_path: Path) -> None:
    async def open_help(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(
        make_app(db_path, author="Kari Nordmann"), terminal_size=(100, 30), run_before=open_help
    )
