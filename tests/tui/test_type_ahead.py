"""Keys typed faster than the app can open a dialog: a panel's key and the letters after it.

A real typist's keys can all be waiting before the app has handled the first (a loaded laptop,
a large journey). The keys are put into the driver's queue at once here, as a terminal delivers
them, instead of one by one as Pilot.press does.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from models.storage import open_database
from tests.templates import copy_demo
from tests.tui.services_harness import demo_meetings
from tests.tui.support import burst, make_app, settle, wait_for_screen
from tui.screens.service_form import ServiceFormScreen
from tui.screens.service_picker import ServicePickerScreen


@pytest.mark.parametrize(
    ("key", "screen", "field"),
    [("n", ServiceFormScreen, "#f-name"), ("k", ServicePickerScreen, "#query")],
    ids=["new-service", "link-service"],
)
async def test_letters_typed_right_after_a_panel_key_land_in_the_dialog_it_opens(
    db_path: Path, key: str, screen: type, field: str
) -> None:
    db = open_database(copy_demo(db_path))
    meeting = demo_meetings(db)[3]
    db.close()
    app = make_app(db_path, meeting_ref=meeting, author="Kari Nordmann")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, "CaptureScreen")
        for _ in range(10):  # to the first `services` question (B1)
            if app.screen.question.kind == "services":  # (panels are mounted ahead, hidden)
                break
            await pilot.press("pagedown")
            await settle(pilot)
        notes_before = app.screen.query_one("#notes").text
        await pilot.press("f2")
        await settle(pilot)
        burst(pilot, [key, *"Kartklient"])
        await settle(pilot)
        assert isinstance(app.screen, screen)
        assert app.screen.query_one(field, Input).value == "Kartklient"
        capture = app.screen_stack[-2]
        assert capture.query_one("#notes").text == notes_before  # nothing leaked into the note


async def test_letters_typed_just_before_pgdn_stay_in_the_question_they_were_typed_on(
    db_path: Path,
) -> None:
    db = open_database(copy_demo(db_path))
    meeting = demo_meetings(db)[3]
    db.close()
    app = make_app(db_path, meeting_ref=meeting, author="Kari Nordmann")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, "CaptureScreen")
        capture = app.screen
        first = capture.question.key
        editor = capture.query_one("#notes")
        before = editor.text
        typed = " raskt skrevet"
        burst(pilot, [*typed, "pagedown"])
        await settle(pilot)
        second = capture.question.key
        assert second != first
        assert capture.data.notes[(first, "Kari Nordmann")] == before + typed
        assert editor.text == capture.data.notes.get((second, "Kari Nordmann"), "")
        assert typed.strip() not in editor.text
