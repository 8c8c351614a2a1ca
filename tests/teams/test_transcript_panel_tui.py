"""The transcript beside the notes: F4 shows it, Enter quotes a cue into the note, F4 hides it."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from models.storage import open_database
from models.tables import Note
from models.transcripts import import_transcript
from tests.teams.test_transcripts import TEAMS_VTT
from tests.tui.support import make_app, settle, text_of, type_text, wait_for_screen
from tests.tui.test_meeting_edit import demo_meeting
from tui.widgets.notes_editor import NotesEditor
from tui.widgets.transcript_panel import TranscriptPanel


def _meeting_with_transcript(db_path: Path, tmp_path: Path) -> str:
    meeting_id = demo_meeting(db_path)
    vtt = tmp_path / "møte.vtt"
    vtt.write_text(TEAMS_VTT, encoding="utf-8")
    db = open_database(db_path)
    try:
        import_transcript(db, meeting_id, vtt)
    finally:
        db.close()
    return meeting_id


def _note(db_path: Path, meeting_id: str, author: str) -> str:
    db = open_database(db_path)
    try:
        with db.session() as session:
            note = session.exec(
                select(Note).where(
                    Note.meeting_id == meeting_id, Note.question_key == "A1", Note.author == author
                )
            ).one()
            return note.text
    finally:
        db.close()


async def test_enter_quotes_the_selected_cue_into_the_note_and_returns_to_typing(
    db_path: Path, tmp_path: Path
) -> None:
    meeting_id = _meeting_with_transcript(db_path, tmp_path)
    app = make_app(db_path, meeting_ref=meeting_id, author="Kari")
    async with app.run_test(size=(120, 34)) as pilot:
        await wait_for_screen(pilot, "CaptureScreen")
        await type_text(pilot, "Innledning")
        await pilot.press("f4")
        await settle(pilot)
        panel = app.screen.query_one(TranscriptPanel)
        assert panel.has_focus_within
        await pilot.press("down")  # the second cue: Ola Hansen
        await pilot.press("enter")
        await settle(pilot)
        editor = app.screen.query_one(NotesEditor)
        assert editor.has_focus
        await type_text(pilot, "videre")
        await settle(pilot)
        expected = 'Innledning\nOla Hansen (Gjest): "Takk. Vi har & drifter LifeX mobil."\nvidere'
        assert editor.text == expected

        await pilot.press("f4")  # into the panel again
        await settle(pilot)
        assert panel.has_focus_within
        await pilot.press("f4")  # and away with it
        await settle(pilot)
        assert not app.screen.query(TranscriptPanel)
        assert app.screen.query_one(NotesEditor).has_focus
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert _note(db_path, meeting_id, "Kari") == expected


async def test_a_meeting_without_transcript_says_how_to_read_one(db_path: Path) -> None:
    meeting_id = demo_meeting(db_path)
    app = make_app(db_path, meeting_ref=meeting_id, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, "CaptureScreen")
        await pilot.press("f4")
        await settle(pilot)
        hint = text_of(app.screen.query_one("#transcript-hint"))
        assert "innsikt import transcript" in hint
        await pilot.press("enter")  # nothing to quote: the note is untouched
        await settle(pilot)
        assert app.screen.query_one(NotesEditor).text == ""
