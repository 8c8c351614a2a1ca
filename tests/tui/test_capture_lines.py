"""Who said what, decisions and actions, from keys in the note: ctrl+k, F7, ctrl+b."""

from __future__ import annotations

from pathlib import Path

from models.records import live
from models.storage import open_database
from models.tables import FollowUp
from tests.tui.support import demo_meeting, open_capture, settle, type_text, wait_for_screen
from tui.note_lines import NoteLine, split_line, toggle_clarified
from tui.widgets.notes_editor import NotesEditor


def test_a_line_splits_into_time_speaker_and_text() -> None:
    assert split_line("10:42 Mette Karlsen (Helse Nord IKT): Sende kart") == NoteLine(
        "10:42", "Mette Karlsen", "Sende kart"
    )
    assert split_line("Avklart: Per: Bruker TETRA") == NoteLine("", "Per", "Bruker TETRA")
    assert split_line("Ingen taler her, bare: kolon") == NoteLine(
        "", "", "Ingen taler her, bare: kolon"
    )
    assert toggle_clarified("10:42 Vi velger X") == "10:42 Avklart: Vi velger X"
    assert toggle_clarified("Avklart: Vi velger X") == "Vi velger X"


async def test_ctrl_k_inserts_the_chosen_speaker_at_the_cursor(db_path: Path) -> None:
    meeting_id = demo_meeting(db_path)
    async with open_capture(db_path, meeting_id, size=(80, 24)) as (app, pilot, _screen):
        await pilot.press("ctrl+k")
        await wait_for_screen(pilot, "SpeakerPickerScreen")
        await type_text(pilot, "mette")
        await pilot.press("enter")
        await wait_for_screen(pilot, "CaptureScreen")
        await type_text(pilot, "vi bruker TETRA")
        editor = app.screen.query_one(NotesEditor)
        assert editor.text == "Mette Karlsen (Helse Nord IKT): vi bruker TETRA"
        assert app.focused is editor
        await pilot.press("ctrl+b")
        assert editor.text == "Avklart: Mette Karlsen (Helse Nord IKT): vi bruker TETRA"
        await pilot.press("ctrl+k", "down", "enter")  # the second in the list
        await settle(pilot)
        assert editor.text.endswith("TETRA Mette Karlsen (Helse Nord IKT): ")


async def test_ctrl_f_turns_the_line_into_a_follow_up_with_its_speaker(db_path: Path) -> None:
    meeting_id = demo_meeting(db_path)
    async with open_capture(db_path, meeting_id, size=(80, 24)) as (app, pilot, _screen):
        await type_text(pilot, "Per Olsen: sende dekningskart")
        await pilot.press("f7")
        await wait_for_screen(pilot, "FollowUpLineScreen")
        await type_text(pilot, "15.12.2026")
        await pilot.press("enter")
        await wait_for_screen(pilot, "CaptureScreen")
        assert app.focused is app.screen.query_one(NotesEditor)
        await type_text(pilot, " ok")
        assert app.screen.query_one(NotesEditor).text == "Per Olsen: sende dekningskart ok"
    db = open_database(db_path)
    try:
        with db.session() as session:
            item = session.exec(live(FollowUp).where(FollowUp.what == "sende dekningskart")).one()
    finally:
        db.close()
    assert (item.who, item.due_date.isoformat(), item.meeting_id) == (  # type: ignore[union-attr]
        "Per Olsen",
        "2026-12-15",
        meeting_id,
    )
