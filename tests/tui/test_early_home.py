"""Home's meetings show before the database layer is loaded, and Enter pressed then is kept."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
from textual.widgets import DataTable

import models.storage
from tests.tui.support import make_app, wait_for_screen

from .test_capture_flow import demo_meeting


async def test_enter_on_a_meeting_shown_before_the_database_is_open_opens_it_after(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo_meeting(db_path, "Helse Vest")
    release = threading.Event()
    real_open = models.storage.open_database

    def slow_open(*args: object, **kwargs: object) -> models.storage.Database:
        release.wait(30)  # as if importing SQLAlchemy took a long while
        return real_open(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(models.storage, "open_database", slow_open)
    app = make_app(db_path, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(500):
            if app.home.loaded:
                break
            await asyncio.sleep(0.01)
        table = app.home.query_one("#meetings", DataTable)
        assert app.db is None and table.row_count == 6
        await pilot.press("enter")
        assert type(app.screen).__name__ == "HomeScreen"
        release.set()
        await wait_for_screen(pilot, "CaptureScreen")
        assert app.screen.data.meeting_id == table.coordinate_to_cell_key((0, 0)).row_key.value


async def test_home_shows_the_meetings_read_before_its_first_frame_without_any_worker(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.app import InnsiktApp

    demo_meeting(db_path, "Helse Vest")
    # Nothing opens or reads the database in the background: home's lists must come from the
    # read made as the app starts, before the first frame.
    monkeypatch.setattr(InnsiktApp, "_open_database", lambda self: None)
    filled: list[int] = []
    real_add_row = DataTable.add_row

    def add_row(table: DataTable, *cells: object, **kwargs: object) -> object:
        filled.append(table.size.width)
        return real_add_row(table, *cells, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(DataTable, "add_row", add_row)
    app = make_app(db_path, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.home.loaded  # on screen as the app is ready, not a read later
        await pilot.pause()
        table = app.home.query_one("#meetings", DataTable)
        assert app.db is None and table.row_count == 6
        # Filled once, for the pane's real width: the first layout does not fill it again.
        assert filled == [0] * 6
        shown = [column.label.plain for column in table.columns.values()]
        app.home._fill_table()  # as the first layout would have, had the width been a guess
        assert [column.label.plain for column in table.columns.values()] == shown


async def test_home_is_complete_in_its_first_frame_footer_keys_and_focus_included(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets._footer import FooterKey

    from tui.widgets.quiet_footer import QuietFooter

    demo_meeting(db_path, "Helse Vest")
    recomposed: list[object] = []
    real_recompose = QuietFooter.recompose

    async def recompose(footer: QuietFooter) -> None:
        recomposed.append(footer)
        await real_recompose(footer)

    monkeypatch.setattr(QuietFooter, "recompose", recompose)
    app = make_app(db_path, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        home = app.home
        table = home.query_one("#meetings", DataTable)
        # Composed with the keys and focused on the table from the start: neither a recompose
        # of the footer nor a focus moved after the first frame (each cost another paint).
        assert home.query(FooterKey) and not recomposed
        assert app.focused is table
        await pilot.press("tab")  # the keys still follow the focus
        assert app.focused is home.query_one("#journeys")


async def test_a_database_locked_by_another_program_does_not_hold_back_the_first_frame(
    db_path: Path,
) -> None:
    import sqlite3
    import time

    demo_meeting(db_path, "Helse Vest")
    holder = sqlite3.connect(db_path)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("UPDATE meta SET value = value")  # the write takes the lock and keeps it
    try:
        app = make_app(db_path, author="Kari")
        started = time.monotonic()
        async with app.run_test(size=(100, 30)) as pilot:
            # The read before the first frame gave up at once (the worker waits for the lock,
            # 5 s): «Åpner databasen …» is on screen instead of a terminal that shows nothing.
            assert time.monotonic() - started < 3
            assert not app.home.loaded
            assert "Åpner databasen" in str(app.home.query_one("#home-message").render())
            holder.rollback()
            holder.close()
            for _ in range(500):
                if app.home.loaded:
                    break
                await pilot.pause(0.02)
            assert app.home.query_one("#meetings", DataTable).row_count == 6
    finally:
        holder.close()
