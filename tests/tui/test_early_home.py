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
