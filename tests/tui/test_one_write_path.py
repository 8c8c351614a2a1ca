"""Every write of the screens and panels runs on the app's single writer thread."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

import tui.screens.followups
import tui.widgets.followups_panel
from models.storage import Database
from tests.templates import copy_demo
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


def test_the_app_and_every_widget_of_it_write_through_the_apps_one_writer(tmp_path: Path) -> None:
    from tests.tui.support import make_app
    from tui.writer import app_writer

    app = make_app(tmp_path / "innsikt.sqlite")
    assert app_writer(app) is app.writer
    other = HarnessApp(None, lambda db: FollowUpsScreen(db))  # type: ignore[arg-type]
    assert app_writer(other) is app_writer(other) is not app.writer  # a small app has its own


@pytest.mark.parametrize(
    ("module", "reader", "open_screen", "screen"),
    [
        ("tui.store.erase", "erasable_people", "erase_person", "ErasePersonScreen"),
        ("tui.store.findings", "load_findings", "open_findings", "FindingsScreen"),
    ],
)
async def test_the_erase_and_findings_screens_are_read_on_the_writer_thread_before_they_show(
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    module: str,
    reader: str,
    open_screen: str,
    screen: str,
) -> None:
    import importlib

    from tests.tui.support import make_app, settle, wait_for_screen

    copy_demo(db_path)
    threads = on_thread_recorded(monkeypatch, importlib.import_module(module), reader)
    app = make_app(db_path, author="Ola Hansen")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        getattr(app, open_screen)()
        await wait_for_screen(pilot, screen)
    assert threads == ["innsikt-writer"]
