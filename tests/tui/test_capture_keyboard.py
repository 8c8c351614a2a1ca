"""The notes editor owns the keyboard: after every move it has focus, and no typed letter is lost."""

from __future__ import annotations

from pathlib import Path

from models.records import live
from models.storage import open_database
from models.tables import Answer, ServiceMention
from tests.tui.support import demo_meeting, open_capture, settle, type_text
from tui.screens.capture import CaptureScreen
from tui.widgets.choice_list import ChoiceList
from tui.widgets.guide_tree import GuideTree
from tui.widgets.notes_editor import NotesEditor
from tui.widgets.services_panel import ServicesPanel


def mentions(db_path: Path, meeting_id: str) -> set[tuple[str, str]]:
    db = open_database(db_path)
    try:
        with db.session() as session:
            rows = session.exec(
                live(ServiceMention).where(ServiceMention.meeting_id == meeting_id)
            ).all()
            return {(row.question_key, row.service_id) for row in rows}
    finally:
        db.close()


def answer_of(db_path: Path, question_key: str, author: str = "Kari") -> Answer | None:
    db = open_database(db_path)
    try:
        with db.session() as session:
            return session.exec(
                live(Answer).where(Answer.question_key == question_key, Answer.author == author)
            ).first()
    finally:
        db.close()


def editor_at_end(screen: CaptureScreen) -> bool:
    editor = screen.query_one(NotesEditor)
    return screen.app.focused is editor and editor.cursor_location == editor.document.end


async def test_every_question_change_gives_the_note_the_focus_with_the_cursor_at_the_end(
    db_path: Path,
) -> None:
    meeting_id = demo_meeting(db_path)
    async with open_capture(db_path, meeting_id) as (_app, pilot, screen):
        await type_text(pilot, "første")
        for keys in (("pagedown",), ("ctrl+down",), ("pageup",), ("ctrl+up",)):
            screen.query_one(GuideTree).focus()
            await pilot.pause()
            await pilot.press(*keys)
            assert editor_at_end(screen), keys
        await pilot.press("ctrl+l", "down", "down", "enter")  # a tree selection
        await pilot.pause()
        assert screen.question.key == "A3"
        assert editor_at_end(screen)
        await pilot.press("ctrl+g", "c")  # a section jump by its letter
        await settle(pilot)
        assert screen.question.key == "C1"
        assert editor_at_end(screen)
        await pilot.press("ctrl+g", "a")
        await settle(pilot)
        assert screen.query_one(NotesEditor).text == "første"
        assert editor_at_end(screen)
        await pilot.press("f1")
        await pilot.pause()
        await pilot.press("escape")  # closing a dialog
        await settle(pilot)
        assert editor_at_end(screen)


async def test_letters_typed_in_the_tree_or_a_choice_list_land_in_the_note(db_path: Path) -> None:
    meeting_id = demo_meeting(db_path)
    async with open_capture(db_path, meeting_id) as (app, pilot, screen):
        editor = screen.query_one(NotesEditor)
        await pilot.press("tab")  # out of the note, into the guide tree
        assert isinstance(app.focused, GuideTree)
        await type_text(pilot, "nkmxe ok")
        assert editor.text == "nkmxe ok"
        assert app.focused is editor
        await pilot.press("pagedown", "pagedown")  # A3, a multiple choice
        await pilot.press("f2")
        chooser = screen.query_one(ChoiceList)
        assert app.focused is chooser
        await pilot.press("down", "space")  # keys meant for the list act on it
        await type_text(pilot, "ambulanse")
        assert editor.text == "ambulanse"
        assert app.focused is editor
        assert chooser.chosen == ["ambulanse (båt)"]
        await settle(pilot)
    answer = answer_of(db_path, "A3")
    assert answer is not None and answer.choices == ["ambulanse (båt)"]


async def test_alt_digits_tick_choices_from_the_note_and_the_marks_read_without_colour(
    db_path: Path,
) -> None:
    meeting_id = demo_meeting(db_path)
    async with open_capture(db_path, meeting_id) as (app, pilot, screen):
        await pilot.press("alt+3")  # A1: a single choice
        await pilot.press("alt+2")  # replaces the first pick
        chooser = screen.query_one(ChoiceList)
        assert chooser.chosen == ["HEMIT HF"]
        lines = [str(chooser.get_option_at_index(i).prompt) for i in range(3)]
        assert lines[0].startswith("( ) 1 ")
        assert lines[1] == "(•) 2 HEMIT HF"
        await pilot.press("pagedown", "pagedown", "alt+1", "alt+4", "alt+1")  # A3: multiple
        chooser = screen.query_one(ChoiceList)
        assert chooser.chosen == ["AMK-sentral"]
        assert str(chooser.get_option_at_index(3).prompt) == "[x] 4 AMK-sentral"
        assert str(chooser.get_option_at_index(0).prompt).startswith("[ ] 1 ")
        assert app.focused is screen.query_one(NotesEditor)
        await type_text(pilot, "etter valget")
        await pilot.press("alt+8", "alt+9", "alt+9")  # 9 on and off again
        await settle(pilot)
        assert screen.query_one(NotesEditor).text == "etter valget"
    assert answer_of(db_path, "A1").choices == ["HEMIT HF"]  # type: ignore[union-attr]
    assert answer_of(db_path, "A3").choices == ["AMK-sentral", "hjemmetjeneste"]  # type: ignore[union-attr]


async def test_the_services_panel_ignores_letters_until_entered_with_f2(db_path: Path) -> None:
    meeting_id = demo_meeting(db_path)
    before = mentions(db_path, meeting_id)
    async with open_capture(db_path, meeting_id) as (app, pilot, screen):
        await pilot.press("ctrl+g", "b")
        await settle(pilot)
        panel = screen.query_one(ServicesPanel)
        assert panel.rows
        await pilot.press("shift+tab")  # drifts into the table, as in the walk-through
        assert app.focused is not screen.query_one(NotesEditor)
        await type_text(pilot, "x nkm e")
        await settle(pilot)
        assert isinstance(app.screen, CaptureScreen)
        assert screen.query_one(NotesEditor).text == "x nkm e"
        await pilot.press("f2", "x")  # deliberate: unlinks at once, and u undoes it
        await settle(pilot)
        assert isinstance(app.screen, CaptureScreen)
        assert len(mentions(db_path, meeting_id)) == len(before) - 1
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("escape")
        assert app.focused is screen.query_one(NotesEditor)
        assert mentions(db_path, meeting_id) == before
        await pilot.press("f2", "pagedown")  # PgDn leaves the panel
        assert app.focused is screen.query_one(NotesEditor)
        await type_text(pilot, "k")
        assert screen.query_one(NotesEditor).text == "k"
        await pilot.press("pageup", "f2", "x", "escape")
        await settle(pilot)
        assert app.focused is screen.query_one(NotesEditor)
        assert len(mentions(db_path, meeting_id)) == len(before) - 1


async def test_escape_returns_to_the_note_and_only_twice_leaves_the_meeting(
    db_path: Path,
) -> None:
    meeting_id = demo_meeting(db_path)
    async with open_capture(db_path, meeting_id) as (app, pilot, screen):
        await pilot.press("ctrl+l", "escape")
        assert app.focused is screen.query_one(NotesEditor)
        await pilot.press("escape")
        await type_text(pilot, "m")
        await pilot.press("escape")
        assert app.screen is screen
        assert screen.query_one(NotesEditor).text == "m"
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "HomeScreen"


async def test_a_version_1_meeting_keeps_its_guide_without_d6(db_path: Path) -> None:
    meeting_id = demo_meeting(db_path)
    async with open_capture(db_path, meeting_id) as (_app, _pilot, screen):
        assert screen.data.guide.version == 1
        assert "D6" not in [question.key for question in screen.questions]
