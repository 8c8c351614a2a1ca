"""The command palette's own commands, and home keys that open other parts of the app."""

from __future__ import annotations

from pathlib import Path

from textual.theme import BUILTIN_THEMES
from textual.widgets import DataTable, Input

from models.storage import open_database
from tests.templates import copy_demo
from tests.tui.support import make_app, settle, type_text, wait_for_screen


def with_demo(db_path: Path) -> None:
    copy_demo(db_path)  # the demo, built once per test process
    db = open_database(db_path)
    db.close()


async def test_palette_exports_the_minutes_of_the_open_meeting(
    db_path: Path, tmp_path: Path
) -> None:
    with_demo(db_path)
    app = make_app(db_path, author="Kari")
    target = tmp_path / "referat æøå.docx"
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await wait_for_screen(pilot, "CaptureScreen")
        await type_text(pilot, "Notat rett før eksport")
        await pilot.press("ctrl+p")
        await type_text(pilot, "Eksporter referat")
        await pilot.pause()
        await pilot.press("enter")
        await wait_for_screen(pilot, "ExportPathScreen")
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "CaptureScreen"
    assert target.stat().st_size > 0

    from docx import Document

    text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    assert "Notat rett før eksport" in text


async def test_an_export_never_overwrites_a_file(db_path: Path, tmp_path: Path) -> None:
    with_demo(db_path)
    existing = tmp_path / "tjenester.xlsx"
    existing.write_bytes(b"mine")
    app = make_app(db_path, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.export("services_export")
        await wait_for_screen(pilot, "ExportPathScreen")
        app.screen.query_one("#export-path", Input).value = str(existing)
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "ExportPathScreen"
        assert "finnes allerede" in str(app.screen.query_one("#export-error").content)
    assert existing.read_bytes() == b"mine"


async def test_home_keys_open_the_service_catalogue_and_the_follow_ups(db_path: Path) -> None:
    with_demo(db_path)
    app = make_app(db_path, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await wait_for_screen(pilot, "ServiceCatalogueScreen")
        await pilot.press("escape")
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("o")
        await wait_for_screen(pilot, "FollowUpsScreen")


async def test_an_empty_database_offers_demo_data_on_d(db_path: Path) -> None:
    app = make_app(db_path, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert app.screen.query_one("#meetings", DataTable).row_count >= 6
        await pilot.press("d")
        await settle(pilot)
        assert any("tom database" in str(n.message) for n in app._notifications)


async def test_the_capture_screen_renders_in_every_builtin_theme(db_path: Path) -> None:
    with_demo(db_path)
    app = make_app(db_path, author="Kari")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await wait_for_screen(pilot, "CaptureScreen")
        for theme in BUILTIN_THEMES:
            app.theme = theme
            await pilot.pause()
            assert "Notat&#160;–&#160;Kari" in app.export_screenshot()


async def test_palette_opens_the_merge_review_screens_with_the_demo_duplicate(
    db_path: Path,
) -> None:
    with_demo(db_path)
    app = make_app(db_path, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "Mulige duplikater")
        await pilot.pause()
        await pilot.press("enter")
        await wait_for_screen(pilot, "DuplicatesScreen")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        rows = [" ".join(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]
        assert any("LifeX mobilklient" in row and "Lifex mobil" in row for row in rows)
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await type_text(pilot, "Konflikter")
        await pilot.pause()
        await pilot.press("enter")
        await wait_for_screen(pilot, "ConflictsScreen")
