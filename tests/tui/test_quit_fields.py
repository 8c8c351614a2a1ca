"""Text typed in a panel's field or an open form and not sent yet is not lost on quit: Ctrl+Q asks
and names it, leaving keeps it in the recovery file, and the next start offers it back (into the
question's note; a form's text shown to copy). Before, Ctrl+Q quit at once and the line was gone."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, TextArea

from tests.tui.support import (
    demo_meeting,
    make_app,
    open_capture,
    settle,
    text_of,
    type_text,
    wait_for_screen,
    wait_until,
)
from tests.tui.test_capture_flow import notes_in_db
from tests.tui.test_panel_saves_pending import enter_panel
from tui import recovery
from tui.screens.capture import CaptureScreen
from tui.widgets.notes_editor import NotesEditor


def kept_fields(db_path: Path) -> list[tuple[str, str, str]]:
    return [(f.place, f.text, f.question_key) for f in recovery.read_all(db_path)[1]]


async def test_ctrl_q_names_a_contact_line_not_sent_and_staying_keeps_it_in_its_field(
    db_path: Path,
) -> None:
    meeting_id = demo_meeting(db_path)
    async with open_capture(db_path, meeting_id) as (app, pilot, screen):
        await enter_panel(pilot, screen, "people")
        await type_text(pilot, "Mona Lie, driftsleder")
        await pilot.press("ctrl+q")
        await wait_for_screen(pilot, "TwoChoicesScreen")
        body = text_of(app.screen.query_one("#two-body"))
        assert "Kontaktpersoner: Mona Lie, driftsleder" in body
        assert app.focused is not None and app.focused.id == "no"  # staying is the safe answer
        await pilot.press("enter")
        await wait_for_screen(pilot, "CaptureScreen")
        assert app.is_running
        assert app.screen.query_one("#contact-line", Input).value == "Mona Lie, driftsleder"
        assert not recovery.path_for(db_path).exists()  # on screen again, not in the file
    assert app.return_code == 0 or app.return_code is None


async def test_leaving_keeps_the_followup_fields_and_the_next_start_adds_them_to_the_note(
    db_path: Path,
) -> None:
    meeting_id = demo_meeting(db_path)
    async with open_capture(db_path, meeting_id) as (app, pilot, screen):
        await enter_panel(pilot, screen, "followups")
        question = screen.question.key
        await type_text(pilot, "ring Nina")
        await pilot.press("tab")
        await type_text(pilot, "Ola")
        await pilot.press("ctrl+q")
        await wait_for_screen(pilot, "TwoChoicesScreen")
        assert "Oppfølgingspunkter: Hva: ring Nina · Hvem: Ola" in text_of(
            app.screen.query_one("#two-body")
        )
        await pilot.click("#yes")
        await pilot.pause()
    assert app.return_code == 1
    assert kept_fields(db_path) == [("Oppfølgingspunkter", "Hva: ring Nina · Hvem: Ola", question)]

    line = "Oppfølgingspunkter: Hva: ring Nina · Hvem: Ola"
    again = make_app(db_path, meeting_ref=meeting_id, author="Kari")
    async with again.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, "TwoChoicesScreen")
        assert "Hva: ring Nina · Hvem: Ola" in text_of(again.screen.query_one("#two-body"))
        await pilot.press("enter")  # «Gjenopprett» has focus
        await wait_for_screen(pilot, "CaptureScreen")
        await wait_until(pilot, lambda: not recovery.path_for(db_path).exists())
        screen = again.screen
        assert isinstance(screen, CaptureScreen)
        await screen.go_to(next(i for i, q in enumerate(screen.questions) if q.key == question))
        await settle(pilot)
        assert screen.query_one(NotesEditor).text.endswith(line)  # shown as restored
    assert notes_in_db(db_path).get((question, "Kari"), "").endswith(line)


async def test_a_new_service_form_is_kept_on_hang_up_and_shown_to_copy_at_the_next_start(
    db_path: Path,
) -> None:
    # Ctrl+Q does nothing in a modal form (Textual keeps the app's keys from it); a hang-up ends
    # the app under it.
    meeting_id = demo_meeting(db_path)
    async with open_capture(db_path, meeting_id) as (app, pilot, screen):
        from tui.screens.service_form import ServiceFormScreen

        assert isinstance(screen, CaptureScreen) and app.db is not None
        app.push_screen(ServiceFormScreen(app.db))
        await wait_for_screen(pilot, "ServiceFormScreen")
        await type_text(pilot, "Vaktlogg")
        app._leave_now()  # what SIGHUP and the driver's TerminalGone both call
        await wait_until(pilot, lambda: not app.is_running)
    assert kept_fields(db_path) == [("Ny tjeneste", "Navn: Vaktlogg", "")]

    again = make_app(db_path, author="Kari")
    async with again.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, "TwoChoicesScreen")
        await pilot.press("enter")
        await wait_for_screen(pilot, "LooseTextScreen")
        assert "Vaktlogg" in again.screen.query_one("#loose-text", TextArea).text
        assert recovery.path_for(db_path).exists()  # until it is closed
        await pilot.press("escape")
        await settle(pilot)
        await wait_until(pilot, lambda: not recovery.path_for(db_path).exists())


async def test_a_meeting_form_with_typing_is_named_on_quit(db_path: Path) -> None:
    demo_meeting(db_path)
    app = make_app(db_path, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await wait_for_screen(pilot, "MeetingSetupScreen")
        app.screen.query_one("#title", Input).focus()
        await pilot.pause()
        await type_text(pilot, "Verksted")
        await pilot.press("ctrl+q")
        await wait_for_screen(pilot, "TwoChoicesScreen")
        assert "Nytt møte: Tittel: Verksted" in text_of(app.screen.query_one("#two-body"))
        await pilot.click("#yes")
        await pilot.pause()
    assert kept_fields(db_path) == [("Nytt møte", "Tittel: Verksted", "")]


async def test_nothing_typed_in_fields_quits_at_once_as_before(db_path: Path) -> None:
    meeting_id = demo_meeting(db_path)
    async with open_capture(db_path, meeting_id) as (app, pilot, screen):
        await enter_panel(pilot, screen, "people")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running and not app.return_code
    assert not recovery.path_for(db_path).exists()


async def test_on_hang_up_the_contact_line_goes_to_the_recovery_file_without_asking(
    db_path: Path,
) -> None:
    meeting_id = demo_meeting(db_path)
    async with open_capture(db_path, meeting_id) as (app, pilot, screen):
        await enter_panel(pilot, screen, "people")
        question = screen.question.key
        await type_text(pilot, "Per Berg, 22334455")
        app._leave_now()  # what SIGHUP and the driver's TerminalGone both call
        await wait_until(pilot, lambda: not app.is_running)
    assert kept_fields(db_path) == [("Kontaktpersoner", "Per Berg, 22334455", question)]


async def test_the_other_answer_typed_in_the_same_burst_as_ctrl_q_is_saved(
    demo_path: Path,
) -> None:
    # «annet» is saved as typed (a write per change), not sent: no field text to keep. This
    # checks it stays so, even for keys that arrive with Ctrl+Q.
    import sqlite3

    from tests.tui.support import burst
    from tests.tui.test_keys_in_one_burst import capture_on, helse_nord, letters

    app = make_app(demo_path, meeting_ref=helse_nord(demo_path), author="Kari")
    async with app.run_test(size=(80, 24)) as pilot:
        await capture_on(pilot, "A3")
        burst(pilot, ["alt+0", *letters("snøscooter"), "ctrl+q"])
        await wait_until(pilot, lambda: not app.is_running)
    with sqlite3.connect(demo_path) as connection:
        rows = connection.execute(
            "SELECT other_text FROM answer WHERE author = 'Kari' AND question_key = 'A3'"
        ).fetchall()
    assert rows == [("snøscooter",)]


def test_a_recovery_file_of_an_older_version_without_fields_still_reads(tmp_path: Path) -> None:
    db_path = tmp_path / "x.sqlite"
    note = recovery.RecoveredNote("m", "A1", "Kari", "tekst", "")
    path = recovery.write(db_path, [note])
    payload = path.read_text(encoding="utf-8").replace('"fields": []', '"old": 1')
    path.write_text(payload, encoding="utf-8")
    assert recovery.read_all(db_path) == ([note], [])


async def test_a_follow_up_from_the_note_line_keeps_its_due_date_on_hang_up(db_path: Path) -> None:
    meeting_id = demo_meeting(db_path)
    async with open_capture(db_path, meeting_id, size=(80, 24)) as (app, pilot, screen):
        question = screen.question.key
        await type_text(pilot, "Per Olsen: sende dekningskart")
        await pilot.press("f7")
        await wait_for_screen(pilot, "FollowUpLineScreen")
        await type_text(pilot, "15.12.2026")
        app._leave_now()
        await wait_until(pilot, lambda: not app.is_running)
    assert kept_fields(db_path) == [
        (
            "Ny oppfølging fra notatlinjen",
            "Hva: sende dekningskart · Hvem: Per Olsen · Frist: 15.12.2026",
            question,
        )
    ]


async def test_a_file_put_off_at_the_start_keeps_its_text_when_this_run_writes_the_file(
    db_path: Path,
) -> None:
    meeting_id = demo_meeting(db_path)
    earlier = recovery.RecoveredField("Kontaktpersoner", "Eva Dahl", meeting_id, "F1", "Kari")
    recovery.write(db_path, [], [earlier])
    app = make_app(db_path, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, "TwoChoicesScreen")
        await pilot.press("escape")  # not now: asked again at the next start
        await settle(pilot)
        app.open_meeting(meeting_id)
        await wait_for_screen(pilot, "CaptureScreen")
        screen = app.screen
        assert isinstance(screen, CaptureScreen)
        await enter_panel(pilot, screen, "people")
        await type_text(pilot, "Per Berg")
        await pilot.press("ctrl+q")
        await wait_for_screen(pilot, "TwoChoicesScreen")
        await pilot.click("#yes")
        await pilot.pause()
    assert sorted(text for _place, text, _key in kept_fields(db_path)) == ["Eva Dahl", "Per Berg"]
