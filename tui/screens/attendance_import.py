"""Reading a Teams attendance report into the meeting being edited (F4 on the set-up).

The modal asks for the file and imports it through the writer; the set-up then shows the
meeting's participants and facilitators as stored, keeping any line typed but not yet saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static, TextArea

from tui import bindings
from tui.forms import clean_line, participant_line
from tui.text import tx
from tui.widgets.text_field import TextField

if TYPE_CHECKING:
    from models.attendance_import import AttendanceSummary
    from models.storage import Database
    from tui.screens.meeting_setup import MeetingSetupScreen
    from tui.store import MeetingSetup
    from tui.writer import Writer


@dataclass(frozen=True)
class AttendanceImported:
    summary: AttendanceSummary
    setup: MeetingSetup


class AttendanceImportScreen(ModalScreen["AttendanceImported | None"]):
    """Asks for the report and imports it; dismisses with what was imported, or None."""

    CSS_PATH = Path(__file__).parent.parent / "styles" / "attendance_import.tcss"

    BINDINGS: ClassVar[list[BindingType]] = bindings.ATTENDANCE_IMPORT

    class Done(Message):
        def __init__(self, result: AttendanceImported) -> None:
            super().__init__()
            self.result = result

    class Failed(Message):
        def __init__(self, detail: str) -> None:
            super().__init__()
            self.detail = detail

    def __init__(self, db: Database, writer: Writer, meeting_id: str) -> None:
        super().__init__()
        self.db, self.writer, self.meeting_id = db, writer, meeting_id
        self.busy = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(tx("att_title"), classes="title")
            yield Label(tx("att_path"))
            yield TextField(id="attendance-path")
            yield Static("", id="attendance-error")
            yield Static(tx("att_hint"), classes="hint")

    @on(Input.Submitted, "#attendance-path")
    def _submit(self, event: Input.Submitted) -> None:
        if self.busy:
            return
        path = Path(clean_line(event.value).strip("'\"")).expanduser()
        if not path.is_file():
            self.query_one("#attendance-error", Static).update(tx("att_missing", path=path))
            return
        self.busy = True
        db, meeting_id = self.db, self.meeting_id

        def job() -> AttendanceImported:
            from models.attendance_import import import_attendance
            from tui.store import load_meeting_setup

            summary = import_attendance(db, meeting_id, path)
            return AttendanceImported(summary, load_meeting_setup(db, meeting_id))

        self.writer.submit(
            job,
            on_done=lambda result: self.post_message(self.Done(result)),
            on_error=lambda error: self.post_message(self.Failed(_message(error))),
        )

    def on_attendance_import_screen_done(self, message: Done) -> None:
        self.dismiss(message.result)

    def on_attendance_import_screen_failed(self, message: Failed) -> None:
        self.busy = False
        self.query_one("#attendance-error", Static).update(Text(message.detail))  # never markup

    def action_cancel(self) -> None:
        self.dismiss(None)


def _message(error: Exception) -> str:
    from tui.widgets.write_failure import failure_text

    return failure_text(error)  # the user's error, or what a database failure means; no SQL


def merged_participants(typed: str, setup: MeetingSetup) -> str:
    """The stored participants, then each typed line whose name is not among them."""
    lines = [participant_line(p) for p in setup.form.participants]
    names = {p.name.casefold() for p in setup.form.participants}
    for raw in typed.splitlines():
        name = clean_line(raw.split(",", 1)[0]).casefold()
        if name and name not in names:
            lines.append(clean_line(raw))
            names.add(name)
    return "\n".join(lines)


def merged_names(typed: str, stored: tuple[str, ...]) -> str:
    names = list(stored)
    known = {name.casefold() for name in names}
    for part in typed.replace(";", ",").split(","):
        name = clean_line(part)
        if name and name.casefold() not in known:
            names.append(name)
            known.add(name.casefold())
    return ", ".join(names)


def import_attendance_into(screen: MeetingSetupScreen) -> None:
    """Ask for a report, import it into the edited meeting and show who takes part now."""
    if screen.meeting_id is None:
        screen.notify(tx("att_save_first"), severity="warning", timeout=8)
        return

    def imported(result: AttendanceImported | None) -> None:
        if result is None:
            return
        area = screen.query_one("#participants", TextArea)
        area.text = merged_participants(area.text, result.setup)
        facilitators = screen.query_one("#facilitators", Input)
        facilitators.value = merged_names(facilitators.value, result.setup.form.facilitators)
        summary = result.summary
        if summary.changed():
            text = tx("att_done", added=summary.people_added, matched=summary.people_matched)
        else:
            text = tx("att_nothing")
        if summary.duplicates:
            text += " " + tx("att_duplicates", count=len(summary.duplicates))
        if summary.other_day is not None:
            text += " " + tx("att_other_day", day=summary.other_day.strftime("%d.%m.%Y"))
        screen.notify(text, timeout=8, severity="warning" if summary.other_day else "information")

    importing = AttendanceImportScreen(screen.db, screen.writer, screen.meeting_id)
    screen.app.push_screen(importing, imported)
