"""A key typed into a field that already holds text adds to it: focusing a field (Tab, or the
form opening on it) never selects its text, so nothing is replaced unseen."""

from __future__ import annotations

import ast
from pathlib import Path

from textual.widgets import Input

from models.storage import Database
from tests.tui.support import make_app, settle, type_text, wait_for_screen
from tui.screens.author import AuthorScreen
from tui.screens.service_form import ServiceFormScreen

from .services_harness import HarnessApp, service_named
from .services_harness import settle as settle_harness
from .test_meeting_edit import DEMO_TITLE, demo_meeting, open_for_edit

TUI = Path(__file__).parents[2] / "tui"


def field(app: object, selector: str) -> Input:
    return app.screen.query_one(selector, Input)  # type: ignore[attr-defined]


async def test_typing_in_a_service_form_opened_on_its_name_adds_to_the_name(
    demo_db: Database,
) -> None:
    service = service_named(demo_db, "Lifex mobil")
    app = HarnessApp(demo_db, lambda db: ServiceFormScreen(db, service_id=service.id))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle_harness(pilot)
        name = field(app, "#f-name")
        assert app.focused is name
        assert name.selection.is_empty and name.cursor_position == len("Lifex mobil")
        await type_text(pilot, " 2")
        assert name.value == "Lifex mobil 2"


async def test_tabbing_into_a_filled_meeting_field_and_typing_adds_to_it(db_path: Path) -> None:
    meeting_id = demo_meeting(db_path)
    app = make_app(db_path, author="Kari Nordmann")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = await open_for_edit(pilot, meeting_id)
        await settle(pilot)
        title = screen.query_one("#title", Input)
        for _ in range(30):  # Tab by Tab, as a user reaches the title
            if screen.focused is title:
                break
            await pilot.press("tab")
        assert screen.focused is title and title.selection.is_empty
        await type_text(pilot, " (2)")
        assert title.value == DEMO_TITLE + " (2)"


async def test_the_author_asked_again_keeps_the_name_typed_after(db_path: Path) -> None:
    app = make_app(db_path, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a")  # «Hvem er jeg»
        await wait_for_screen(pilot, "AuthorScreen")
        assert isinstance(app.screen, AuthorScreen)
        await type_text(pilot, " Nordmann")
        assert field(app, "#author-name").value == "Kari Nordmann"


def test_every_one_line_field_of_the_app_is_a_text_field() -> None:
    """New forms too: a plain Input, or a class made from one, would select its text again."""
    plain = []
    for path in sorted(TUI.rglob("*.py")):
        if path.name == "text_field.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            named = (
                [node.func]
                if isinstance(node, ast.Call)
                else node.bases
                if isinstance(node, ast.ClassDef)
                else []
            )
            if any(isinstance(name, ast.Name) and name.id == "Input" for name in named):
                plain.append(f"{path.relative_to(TUI.parent)}:{node.lineno}")
    assert plain == []
