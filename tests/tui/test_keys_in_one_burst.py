"""Keys that reach the app in one burst (one read of the terminal, a fast typist, a paste of keys)
go where the first of them sent the focus: a key pressed right after F2 or alt+0 acts in the list,
the panel or «annet» it opened, never in the note.

Pilot's `press` waits until the app is idle after every key, so the focus has always moved before
the next key comes; `burst` hands the keys over all at once, as a terminal does.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.tui.support import burst, make_app, settle, wait_for_screen
from tui.screens.capture import CaptureScreen
from tui.widgets.answer_panel import AnswerPanel
from tui.widgets.choice_list import ChoiceList
from tui.widgets.notes_editor import NotesEditor


def helse_nord(demo_path: Path) -> str:
    """The demo meeting at Helse Nord IKT, where Kari has written nothing yet."""
    with sqlite3.connect(demo_path) as connection:
        (meeting_id,) = connection.execute(
            "SELECT id FROM meeting WHERE title LIKE '%Helse Nord%'"
        ).fetchone()
    return meeting_id


def letters(word: str) -> list[str]:
    return ["space" if char == " " else char for char in word]


async def capture_on(pilot: Pilot, question_key: str) -> CaptureScreen:
    await wait_for_screen(pilot, "CaptureScreen")
    screen = pilot.app.screen
    assert isinstance(screen, CaptureScreen)
    section = screen.data.guide.section_of(question_key)
    assert section is not None
    await pilot.press("ctrl+g", section.key.lower())  # to its section's first question
    while screen.question.key != question_key:
        await pilot.press("pagedown")
    await settle(pilot)
    return screen


async def test_space_right_after_f2_ticks_the_choice_and_the_note_gets_no_space(
    demo_path: Path,
) -> None:
    app = make_app(demo_path, meeting_ref=helse_nord(demo_path), author="Kari")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await capture_on(pilot, "A3")
        burst(pilot, ["f2", "space", *letters("echo ")])
        await settle(pilot)
        assert screen.query_one(NotesEditor).text == "echo "
        assert screen.query_one(ChoiceList).chosen == ["ambulanse (bil)"]
        assert app.focused is screen.query_one(NotesEditor)


async def test_arrows_right_after_f2_move_in_the_choices_not_in_the_note(
    demo_path: Path,
) -> None:
    app = make_app(demo_path, meeting_ref=helse_nord(demo_path), author="Kari")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await capture_on(pilot, "A3")
        burst(pilot, ["f2", "down", "down", "space"])
        await settle(pilot)
        assert screen.query_one(ChoiceList).chosen == ["luftambulanse"]
        assert screen.query_one(NotesEditor).text == ""


async def test_letters_right_after_alt_0_are_the_other_answer_not_the_note(
    demo_path: Path,
) -> None:
    app = make_app(demo_path, meeting_ref=helse_nord(demo_path), author="Kari")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await capture_on(pilot, "A3")
        burst(pilot, ["alt+0", *letters("redningsskøyte")])
        await settle(pilot)
        other = screen.query_one(AnswerPanel).other_input
        assert other is not None and other.value == "redningsskøyte"
        assert screen.query_one(NotesEditor).text == ""


@pytest.mark.parametrize(
    ("question_key", "field", "typed"),
    [("F1", "#contact-line", "Ola Berg"), ("F3", "#fu-what", "send liste")],
    ids=["contact-line", "follow-up-what"],
)
async def test_text_typed_right_after_f2_on_a_panel_lands_in_its_first_field(
    demo_path: Path, question_key: str, field: str, typed: str
) -> None:
    app = make_app(demo_path, meeting_ref=helse_nord(demo_path), author="Kari")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await capture_on(pilot, question_key)
        burst(pilot, ["f2", *letters(typed)])
        await settle(pilot)
        assert screen.query_one(field, Input).value == typed
        assert screen.query_one(NotesEditor).text == ""
