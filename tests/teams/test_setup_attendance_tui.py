"""F4 on the meeting set-up reads a Teams attendance report and shows the new participants."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static, TextArea

from tests.teams.reports import ENGLISH, write_report
from tests.tui.support import make_app, settle, text_of, type_text, wait_for_screen
from tests.tui.test_meeting_edit import demo_meeting, open_for_edit, participants_of


async def test_f4_on_the_edited_meeting_imports_the_report_and_keeps_typed_lines(
    db_path: Path, tmp_path: Path
) -> None:
    meeting_id = demo_meeting(db_path)
    report = write_report(tmp_path, ENGLISH)
    app = make_app(db_path, author="Kari Nordmann")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = await open_for_edit(pilot, meeting_id)
        area = screen.query_one("#participants", TextArea)
        area.text = area.text + "\nNy Person, rådgiver, HEMIT HF"  # typed, not yet saved
        await pilot.press("f4")
        await wait_for_screen(pilot, "AttendanceImportScreen")
        await type_text(pilot, str(report))
        await pilot.press("enter")
        await wait_for_screen(pilot, "MeetingSetupScreen")

        lines = area.text.splitlines()
        assert "Ola Hansen, , HEMIT HF, ola.hansen@hemit.no" in lines  # e-mail shown since issue 10
        assert "Siri Berg, , HEMIT HF, siri.berg@hemit.no" in lines
        assert lines[-1] == "Ny Person, rådgiver, HEMIT HF"  # the typed line is still there
        assert "Kari Nordmann" in screen.query_one("#facilitators", Input).value

        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "HomeScreen")
    stored = participants_of(db_path, meeting_id)
    assert stored["Ola Hansen"] is False and stored["Ny Person"] is False


async def test_f4_with_a_file_that_is_no_report_says_so_in_the_dialog(
    db_path: Path, tmp_path: Path
) -> None:
    meeting_id = demo_meeting(db_path)
    garbage = tmp_path / "referat.csv"
    garbage.write_bytes(b"%PDF-1.5\n" + bytes(range(256)))
    app = make_app(db_path, author="Kari Nordmann")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = await open_for_edit(pilot, meeting_id)
        before = screen.query_one("#participants", TextArea).text
        await pilot.press("f4")
        await wait_for_screen(pilot, "AttendanceImportScreen")
        await type_text(pilot, str(garbage))
        await pilot.press("enter")
        await settle(pilot)
        error = text_of(app.screen.query_one("#attendance-error", Static))
        assert "ikke en deltakerliste fra Teams" in error
        await pilot.press("escape")
        await wait_for_screen(pilot, "MeetingSetupScreen")
        assert screen.query_one("#participants", TextArea).text == before


async def test_f4_on_a_new_meeting_asks_to_save_it_first(db_path: Path) -> None:
    app = make_app(db_path, author="Kari Nordmann")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await wait_for_screen(pilot, "MeetingSetupScreen")
        await pilot.press("f4")
        await settle(pilot)
        assert type(app.screen).__name__ == "MeetingSetupScreen"
        assert any("Lagre møtet først" in str(n.message) for n in app._notifications)
