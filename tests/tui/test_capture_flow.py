"""Pilot tests acting as a user: set up a meeting, walk the guide, type notes, come back."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select
from textual.command import CommandPalette
from textual.widgets import DataTable, Input, SelectionList, Static

from models.records import live
from models.storage import open_database
from models.tables import Answer, Journey, Meeting, Note
from tests.tui.support import (
    demo_meeting,
    make_app,
    open_capture,
    settle,
    text_of,
    type_text,
    wait_for_screen,
)
from tui.screens.capture import CaptureScreen
from tui.screens.help import HelpScreen
from tui.screens.meeting_setup import MeetingSetupScreen
from tui.widgets.guide_tree import GuideTree
from tui.widgets.notes_editor import NotesEditor
from tui.widgets.save_indicator import SaveIndicator


def notes_in_db(db_path: Path) -> dict[tuple[str, str], str]:
    db = open_database(db_path)
    try:
        with db.session() as session:
            return {(n.question_key, n.author): n.text for n in session.exec(live(Note)).all()}
    finally:
        db.close()


async def test_new_journey_and_meeting_then_a_note_survives_moving_on_and_back(
    db_path: Path,
) -> None:
    app = make_app(db_path, author="Kari Nordmann")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "Databasen er tom" in text_of(app.screen.query_one("#home-message", Static))

        await pilot.press("n")
        await type_text(pilot, "Reise nord æøå")
        await pilot.press("enter")
        await settle(pilot)
        assert "Reise nord æøå" in text_of(app.screen.query_one("#home-message", Static)) or any(
            "Reise nord æøå" in str(option.prompt)
            for option in app.screen.query_one("#journeys").options  # type: ignore[attr-defined]
        )

        await pilot.press("m")
        await wait_for_screen(pilot, "MeetingSetupScreen")
        organisations = app.screen.query_one("#orgs", SelectionList)
        assert app.focused is organisations
        await pilot.press("down", "down", "space", "ctrl+s")
        await wait_for_screen(pilot, "CaptureScreen")

        editor = app.screen.query_one(NotesEditor)
        assert app.focused is editor
        await type_text(pilot, "Bruker Nødnett")
        await pilot.press("pagedown", "ctrl+down")
        assert "A3" in text_of(app.screen.query_one("#question-text", Static))
        await type_text(pilot, "Ambulanse")
        await pilot.press("ctrl+up", "pageup")
        assert editor.text == "Bruker Nødnett"
        await settle(pilot)
        assert "Lagret 10:42:05" in text_of(app.screen.query_one(SaveIndicator))

    notes = notes_in_db(db_path)
    assert notes == {
        ("A1", "Kari Nordmann"): "Bruker Nødnett",
        ("A3", "Kari Nordmann"): "Ambulanse",
    }
    db = open_database(db_path)
    with db.session() as session:
        meeting = session.exec(live(Meeting)).one()
        journey = session.get(Journey, meeting.journey_id)
    db.close()
    assert journey is not None and journey.name == "Reise nord æøå"
    assert meeting.title.startswith("Møte med ")


async def test_a_second_author_sees_the_first_authors_note_read_only(db_path: Path) -> None:
    meeting_id = demo_meeting(db_path, "Helse Vest")
    first = make_app(db_path, meeting_ref=meeting_id[:8], author="Ola Referent")
    async with first.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, "CaptureScreen")
        await type_text(pilot, "Ola sitt notat")
        await settle(pilot)

    second = make_app(db_path, meeting_ref=meeting_id, author="Kari Fasilitator")
    async with second.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, "CaptureScreen")
        others = second.screen.query_one("#others", Static)
        assert "Ola Referent:" in text_of(others)
        assert "Ola sitt notat" in text_of(others)
        assert second.screen.query_one(NotesEditor).text == ""
        assert not others.can_focus
    assert notes_in_db(db_path)[("A1", "Ola Referent")] == "Ola sitt notat"


async def test_quitting_right_after_typing_still_saves_the_note(db_path: Path) -> None:
    meeting_id = demo_meeting(db_path, "Helse Nord")
    async with open_capture(db_path, meeting_id) as (_app, pilot, _screen):
        await type_text(pilot, "siste ord")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert notes_in_db(db_path)[("A1", "Kari")] == "siste ord"


async def test_a_long_paste_with_control_characters_and_emoji_is_kept_visibly(
    db_path: Path,
) -> None:
    from textual import events

    meeting_id = demo_meeting(db_path, "HEMIT")
    pasted = ("Sykehuspartner æøå 😀 \x07bell\x00 " * 8000)[:200_000]
    async with open_capture(db_path, meeting_id) as (app, pilot, _screen):
        editor = app.screen.query_one(NotesEditor)
        editor.post_message(events.Paste(pasted))
        await settle(pilot)
        assert "␇bell␀" in editor.text
    saved = notes_in_db(db_path)[("A1", "Kari")]
    assert len(saved) == 200_000
    assert "\x07" not in saved and "\x00" not in saved
    assert saved.startswith("Sykehuspartner æøå 😀 ␇bell␀ ")


async def test_marking_a_question_skipped_shows_in_the_tree_and_is_saved(db_path: Path) -> None:
    meeting_id = demo_meeting(db_path, "Fjordvik")
    async with open_capture(db_path, meeting_id) as (app, pilot, _screen):
        question = app.screen.question.key  # type: ignore[attr-defined]
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert "hoppet over" in text_of(app.screen.query_one("#question-state", Static))
        tree = app.screen.query_one(GuideTree)
        assert str(tree.cursor_node.label).startswith("–")  # type: ignore[union-attr]
        await pilot.press("ctrl+t")
        assert app.screen.query_one(NotesEditor).text.endswith("10:42 ")
    db = open_database(db_path)
    with db.session() as session:
        answer = session.exec(
            live(Answer).where(Answer.author == "Kari", Answer.question_key == question)
        ).one()
    db.close()
    assert answer.state == "hoppet over"


async def test_set_up_shows_inline_messages_for_bad_input_and_writes_nothing(
    db_path: Path,
) -> None:
    app = make_app(db_path, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await wait_for_screen(pilot, "MeetingSetupScreen")
        screen = app.screen
        assert isinstance(screen, MeetingSetupScreen)
        screen.query_one("#date", Input).value = "31.13.1850"
        screen.query_one("#start", Input).value = "25:61"
        screen.query_one("#participants").text = "Kari, leder, HN IKT\n, uten navn"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MeetingSetupScreen)
        assert "Velg minst én virksomhet" in text_of(screen.query_one("#orgs-error", Static))
        assert "Året 1850" in text_of(screen.query_one("#date-error", Static))
        assert "«25:61» er ikke et klokkeslett" in text_of(screen.query_one("#start-error", Static))
        assert "Linje 2" in text_of(screen.query_one("#participants-error", Static))
        assert app.focused is screen.query_one("#orgs")
    db = open_database(db_path)
    with db.session() as session:
        assert session.exec(select(Meeting)).all() == []
    db.close()


async def test_the_home_screen_lists_demo_meetings_with_answered_questions(db_path: Path) -> None:
    demo_meeting(db_path, "Helse Nord")
    app = make_app(db_path, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#meetings", DataTable)
        assert table.row_count == 6
        rows = [" ".join(str(cell) for cell in table.get_row_at(i)) for i in range(6)]
        assert any("Helse Nord IKT" in row for row in rows)
        assert "Du skriver som Kari" in text_of(app.screen.query_one("#home-author", Static))
        await pilot.press("enter")
        await wait_for_screen(pilot, "CaptureScreen")


async def test_the_app_asks_who_is_writing_once_and_remembers_it(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, "AuthorScreen")
        await type_text(pilot, "Åse")
        await pilot.press("enter")
        await settle(pilot)
        assert app.author == "Åse"
    again = make_app(db_path)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert again.author == "Åse"
        assert type(again.screen).__name__ == "HomeScreen"


async def test_palette_help_and_section_jump_open(db_path: Path) -> None:
    meeting_id = demo_meeting(db_path, "Helse Vest")
    async with open_capture(db_path, meeting_id) as (app, pilot, _screen):
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("escape")
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = text_of(app.screen.query_one("#help-keys", Static))
        for key in ("ctrl+down", "pagedown", "ctrl+g", "ctrl+t", "ctrl+o", "ctrl+r", "f1"):
            assert key in shown
        await pilot.press("escape")
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CaptureScreen)
        assert app.screen.question.key == "C1"
        assert app.focused is app.screen.query_one(NotesEditor)


async def test_capture_is_usable_at_80_by_24(db_path: Path) -> None:
    meeting_id = demo_meeting(db_path, "Helse Nord")
    async with open_capture(db_path, meeting_id, size=(80, 24)) as (app, pilot, _screen):
        await pilot.press("pagedown", "x")
        await settle(pilot)
        screen_region = app.screen.region
        for selector in ("#question-text", "#notes", "GuideTree", "#save-indicator", "Footer"):
            region = app.screen.query_one(selector).region
            assert region.height >= 1 and screen_region.contains_region(region), selector
        assert app.screen.query_one("#notes").region.height >= 5


async def test_an_unknown_meeting_reference_says_so_and_stays_home(db_path: Path) -> None:
    demo_meeting(db_path, "Helse Nord")
    app = make_app(db_path, meeting_ref="zzzz", author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "HomeScreen"
        assert any("zzzz" in str(n.message) for n in app._notifications)


async def test_a_note_is_saved_after_a_pause_in_typing_without_any_key(db_path: Path) -> None:
    import asyncio

    meeting_id = demo_meeting(db_path, "Helse Nord")
    async with open_capture(db_path, meeting_id) as (app, pilot, _screen):
        await type_text(pilot, "pause")
        await pilot.pause(0.6)
        await asyncio.to_thread(app.writer.drain)
        assert notes_in_db(db_path)[("A1", "Kari")] == "pause"


async def test_leaving_the_notes_editor_saves_at_once(db_path: Path) -> None:
    import asyncio

    meeting_id = demo_meeting(db_path, "Helse Nord")
    async with open_capture(db_path, meeting_id) as (app, pilot, _screen):
        await type_text(pilot, "fokus")
        await pilot.press("ctrl+l")
        await asyncio.to_thread(app.writer.drain)
        assert isinstance(app.focused, GuideTree)
        assert notes_in_db(db_path)[("A1", "Kari")] == "fokus"


async def test_changing_author_reopens_the_meeting_as_the_new_author(db_path: Path) -> None:
    meeting_id = demo_meeting(db_path, "Helse Nord")
    async with open_capture(db_path, meeting_id) as (app, pilot, _screen):
        await type_text(pilot, "fra Kari")
        app.ask_author()
        await wait_for_screen(pilot, "AuthorScreen")
        app.screen.query_one(Input).value = "Ola"
        await pilot.press("enter")
        await wait_for_screen(pilot, "CaptureScreen")
        assert app.screen.author == "Ola"  # type: ignore[attr-defined]
        assert "fra Kari" in text_of(app.screen.query_one("#others", Static))
    assert notes_in_db(db_path)[("A1", "Kari")] == "fra Kari"


async def test_choices_and_other_text_of_a_multi_question_are_saved(db_path: Path) -> None:
    meeting_id = demo_meeting(db_path, "Helse Nord")
    async with open_capture(db_path, meeting_id) as (app, pilot, _screen):
        await pilot.press("pagedown", "pagedown")
        await pilot.press("alt+2", "alt+0")
        assert app.focused is app.screen.query_one(".other-text", Input)
        await type_text(pilot, "snøscooter")
        await pilot.press("enter")
        assert app.focused is app.screen.query_one(NotesEditor)
        await settle(pilot)
        tree = app.screen.query_one(GuideTree)
        assert str(tree.cursor_node.label).startswith("◆")  # type: ignore[union-attr]
    db = open_database(db_path)
    with db.session() as session:
        answer = session.exec(
            live(Answer).where(Answer.author == "Kari", Answer.question_key == "A3")
        ).one()
    db.close()
    assert answer.choices == ["ambulanse (båt)"]
    assert answer.other_text == "snøscooter"


async def test_a_huge_paste_into_a_set_up_field_gets_a_message_not_a_crash(db_path: Path) -> None:
    app = make_app(db_path, author="Kari")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await wait_for_screen(pilot, "MeetingSetupScreen")
        screen = app.screen
        screen.query_one("#place", Input).value = "Tromsø 😀 " * 20_000
        await pilot.press("space", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MeetingSetupScreen)
        assert "Teksten er for lang" in text_of(screen.query_one("#place-error", Static))
        assert screen.query_one("#place", Input).value.startswith("Tromsø 😀")
