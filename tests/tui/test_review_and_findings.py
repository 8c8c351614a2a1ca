"""Review mode (F6 in a meeting), the minutes' status from the palette, and the findings editor."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, TextArea

from models.records import live
from models.storage import open_database
from models.tables import Finding, Journey, MinutesStatus, Referat
from tests.tui.support import (
    demo_meeting,
    make_app,
    open_capture,
    settle,
    type_text,
    wait_for_screen,
)
from tui.widgets.notes_editor import NotesEditor


def _rows(db_path: Path, model: type) -> list:
    db = open_database(db_path)
    try:
        with db.session() as session:
            return list(session.exec(live(model)).all())
    finally:
        db.close()


async def test_review_mode_copies_a_note_into_the_referat_text_and_saves_it(db_path: Path) -> None:
    meeting_id = demo_meeting(db_path, "Helse Vest")
    async with open_capture(db_path, meeting_id, author="Kari Nordmann") as (app, pilot, _screen):
        await pilot.press("pagedown")  # A2: both note-takers wrote
        await pilot.press("f6")
        await wait_for_screen(pilot, "ReviewScreen")
        notes = app.screen.query_one("#review-notes", TextArea)
        assert notes.read_only
        shown = notes.text
        assert "Kari Nordmann:" in shown and "Ola Hansen:" in shown
        first_note = shown.split("\n")[1]
        # The cursor on the first note's first line; ctrl+k copies that whole note in.
        notes.focus()
        notes.move_cursor((1, 0))
        await pilot.press("ctrl+k")
        editor = app.screen.query_one("#review-text", NotesEditor)
        assert editor.text.startswith(first_note)
        await type_text(pilot, " Sjekket.")
        # Selected lines are copied as they are.
        notes.focus()
        notes.selection = notes.selection.__class__((1, 0), (1, 5))
        await pilot.press("ctrl+k")
        assert editor.text.endswith("\n" + first_note[:5])
        # The section's conclusion is typed below.
        app.screen.query_one("#review-conclusion", NotesEditor).focus()
        await type_text(pilot, "Avklart med AMK.")
        await pilot.press("escape")
        await settle(pilot)
    texts = {(r.kind, r.question_key): r.text for r in _rows(db_path, Referat)}
    assert texts[("tekst", "A2")].startswith(first_note)
    assert " Sjekket." in texts[("tekst", "A2")]
    assert texts[("konklusjon", "A")] == "Avklart med AMK."


async def test_review_mode_shows_the_referat_text_already_written(db_path: Path) -> None:
    meeting_id = demo_meeting(db_path, "Sykehuspartner")
    async with open_capture(db_path, meeting_id, author="Kari Nordmann") as (app, pilot, _screen):
        await pilot.press("pagedown")
        await pilot.press("f6")
        await wait_for_screen(pilot, "ReviewScreen")
        text = app.screen.query_one("#review-text", NotesEditor).text
        assert text.startswith("Sykehuspartner deltok med tjenesteeier")
        await pilot.press("pagedown")
        assert app.screen.question.key == "A3"


async def test_the_palette_sets_the_minutes_status(db_path: Path) -> None:
    meeting_id = demo_meeting(db_path, "Helse Vest")
    async with open_capture(db_path, meeting_id, author="Kari Nordmann") as (_app, pilot, _screen):
        await pilot.press("ctrl+p")
        await type_text(pilot, "Referatstatus: til godkjenning")
        await pilot.press("enter")
        await settle(pilot)
    [status] = _rows(db_path, MinutesStatus)
    assert (status.meeting_id, status.status, status.version) == (meeting_id, "til-godkjenning", 1)


async def test_findings_are_written_per_dsb_question_from_the_palette(db_path: Path) -> None:
    demo_meeting(db_path, "Helse Vest")
    app = make_app(db_path, author="Per Olsen")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "Hovedfunn")
        await pilot.press("enter")
        await wait_for_screen(pilot, "FindingsScreen")
        await type_text(pilot, "Mange tjenester.")
        app.screen.query_one(OptionList).focus()
        await pilot.press("down")
        await pilot.press("enter")
        await type_text(pilot, "Ambulanse og AMK.")
        await pilot.press("escape")
        await settle(pilot)
    [journey] = _rows(db_path, Journey)
    found = {f.topic: f.text for f in _rows(db_path, Finding)}
    assert found == {"tjenester": "Mange tjenester.", "brukere": "Ambulanse og AMK."}
    assert all(f.journey_id == journey.id for f in _rows(db_path, Finding))
