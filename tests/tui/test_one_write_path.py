"""Every write of the screens and panels runs on the app's single writer thread."""

from __future__ import annotations

import threading
from typing import Any

import pytest

import tui.screens.followups
import tui.widgets.followups_panel
from models.storage import Database
from tui.screens.followups import FollowUpsScreen
from tui.widgets.followups_panel import FollowUpsPanel

from .services_harness import HarnessApp, demo_meetings, settle, type_text


def on_thread_recorded(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[str]:
    threads: list[str] = []
    real = getattr(module, name)

    def recorded(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, recorded)
    return threads


async def test_adding_a_followup_in_the_panel_writes_on_the_writer_thread(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads = on_thread_recorded(monkeypatch, tui.widgets.followups_panel, "add_followup")
    meeting = demo_meetings(demo_db)[3]
    app = HarnessApp(demo_db, lambda db: FollowUpsPanel(db, meeting))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.screen.query_one(FollowUpsPanel).enter()  # F2 on the capture screen (issue 10)
        await pilot.pause()
        await type_text(pilot, "Ringe Kari")
        await pilot.press("enter")
        await settle(pilot)
    assert threads == ["innsikt-writer"]


async def test_closing_a_followup_on_the_list_writes_on_the_writer_thread(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads = on_thread_recorded(monkeypatch, tui.screens.followups, "set_followup_status")
    app = HarnessApp(demo_db, lambda db: FollowUpsScreen(db))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        from textual.widgets import DataTable

        app.screen.query_one(DataTable).focus()
        await pilot.press("f")
        await settle(pilot)
    assert threads == ["innsikt-writer"]
