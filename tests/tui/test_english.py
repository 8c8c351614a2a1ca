"""INNSIKT_LANG=en: the app speaks English, from the home screen to the set-up form's errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static

from models.storage import open_database
from tests.templates import copy_demo
from tests.tui.support import make_app, settle, text_of, wait_for_screen


def column_labels(table: DataTable) -> list[str]:
    return [str(column.label) for column in table.columns.values()]


async def test_home_is_in_english_with_innsikt_lang_en(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INNSIKT_LANG", "en")
    copy_demo(db_path)  # the demo, built once per test process
    db = open_database(db_path)
    db.close()
    app = make_app(db_path, author="Kari Nordmann")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        titles = [text_of(pane).strip() for pane in app.screen.query(".pane-title")]
        assert titles == ["Journeys", "Meetings"]
        table = app.screen.query_one("#meetings", DataTable)
        assert column_labels(table)[:3] == ["Date", "Meeting", "Organisations"]
        author = text_of(app.screen.query_one("#home-author", Static)).strip()
        assert author == "You are writing as Kari Nordmann (a to change)"
        assert app.sub_title == "Insight journeys – new emergency network"


async def test_an_empty_database_and_the_set_up_form_speak_english(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INNSIKT_LANG", "en")
    app = make_app(db_path, author="Kari Nordmann")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        message = text_of(app.screen.query_one("#home-message", Static))
        assert message.startswith("The database is empty.")
        await pilot.press("m")
        await wait_for_screen(pilot, "MeetingSetupScreen")
        assert app.screen.sub_title == "New meeting"
        app.screen.query_one("#date", Input).value = "32.13.2026"
        await pilot.press("ctrl+s")
        await settle(pilot)
        date_error = text_of(app.screen.query_one("#date-error", Static)).strip()
        assert date_error == "«32.13.2026» is not a date. Write dd.mm.yyyy."
        form_error = text_of(app.screen.query_one("#form-error", Static)).strip()
        assert form_error == "The form has errors – see the messages in red."


def test_footer_and_help_keys_are_english_in_a_fresh_process() -> None:
    """Key descriptions are read when `tui.bindings` is imported, so the language set in the
    environment before start is the one they get."""
    script = (
        "from tui import bindings\n"
        "from tui.text import tx\n"
        "print([b.description for b in bindings.HOME])\n"
        "print([tx(group) for group, _ in bindings.GROUPS])\n"
    )
    env = {**os.environ, "INNSIKT_LANG": "en"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    keys, groups = result.stdout.splitlines()
    assert "'New meeting'" in keys and "'Edit'" in keys and "'Who am I'" in keys
    assert "'Everywhere'" in groups and "'Meeting – notes'" in groups
    assert not any(char in keys + groups for char in "æøåÆØÅ")
