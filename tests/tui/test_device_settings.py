"""Per device: the author's name across databases, the chosen theme, and Textual's own strings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import Input

from tests.tui.support import make_app, settle, type_text
from tui.settings import config_path, load_settings


async def test_the_author_is_remembered_on_this_device_for_another_database(
    tmp_path: Path,
) -> None:
    first = make_app(tmp_path / "first.sqlite", author="Kari Nordmann")
    async with first.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
    assert load_settings()["author"] == "Kari Nordmann"
    second = make_app(tmp_path / "second.sqlite")
    async with second.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert second.author == "Kari Nordmann"
        assert type(second.screen).__name__ == "HomeScreen"  # not asked again


async def test_a_chosen_theme_is_remembered_and_used_next_time(db_path: Path) -> None:
    app = make_app(db_path, author="Kari")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.theme = "gruvbox"
        await settle(pilot)
    assert json.loads(config_path().read_text("utf-8"))["theme"] == "gruvbox"
    again = make_app(db_path, author="Kari")
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert again.theme == "gruvbox"


async def test_a_damaged_settings_file_counts_as_empty(db_path: Path) -> None:
    config_path().parent.mkdir(parents=True)
    config_path().write_text("{ikke json", "utf-8")
    app = make_app(db_path, author="Kari")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
    assert load_settings()["author"] == "Kari"


async def test_the_palette_and_textuals_system_commands_speak_norwegian(db_path: Path) -> None:
    app = make_app(db_path, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(Input).placeholder == "Søk etter kommandoer …"
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for norwegian in ("Fargetema", "Avslutt", "Taster", "Skjermbilde"):
            assert norwegian in titles
        for english in ("Theme", "Quit", "Keys", "Screenshot"):
            assert english not in titles
        await type_text(pilot, "qqqzzz")
        commands = app.screen.query_one(CommandList)
        for _ in range(40):  # the palette says so once its search has found nothing
            shown = [
                str(getattr(commands.get_option_at_index(i).prompt, "renderable", ""))
                for i in range(commands.option_count)
            ]
            if "Ingen treff" in shown:
                break
            await pilot.pause(0.05)
        assert "Ingen treff" in shown


async def test_in_english_textuals_strings_are_english(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INNSIKT_LANG", "en")
    app = make_app(db_path, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Theme" in titles and "Fargetema" not in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen.query_one(Input).placeholder == "Search for commands …"
