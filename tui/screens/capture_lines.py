"""The capture screen's keys that write structure into the note: speaker, follow-up, «Avklart»."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.note_lines import split_line, toggle_clarified
from tui.text import tx
from tui.widgets.notes_editor import NotesEditor

if TYPE_CHECKING:
    from textual.app import App

    from models.guides import Question
    from tui.store import CaptureData


class NoteLineKeys:
    """Mixed into CaptureScreen: ctrl+k, ctrl+f and ctrl+b act on the note's current line."""

    data: CaptureData

    if TYPE_CHECKING:
        app: App[None]

        @property
        def question(self) -> Question: ...
        def query_one(self, selector: type[NotesEditor]) -> NotesEditor: ...
        def focus_notes(self) -> None: ...
        def followups_changed(self, any_left: bool) -> None: ...
        def notify(self, message: str, **options: object) -> None: ...

    def _current_line(self) -> tuple[NotesEditor, int, str]:
        editor = self.query_one(NotesEditor)
        row, _ = editor.cursor_location
        return editor, row, editor.document.get_line(row)

    def action_speaker(self) -> None:
        """Pick a participant; «Navn (Virksomhet): » goes in at the cursor."""
        from tui.screens.speaker_picker import SpeakerPickerScreen

        def chosen(prefix: str | None) -> None:
            self.focus_notes()
            editor = self.query_one(NotesEditor)
            if prefix and not editor.read_only:
                row, column = editor.cursor_location
                before = editor.document.get_line(row)[:column]
                if before and not before.endswith(" "):
                    prefix = " " + prefix
                result = editor.replace(prefix, *editor.selection)
                editor.move_cursor(result.end_location)

        self.app.push_screen(SpeakerPickerScreen(list(self.data.speakers)), chosen)

    def action_followup_from_line(self) -> None:
        """The current line becomes a follow-up of the meeting; the due date is asked."""
        from tui.screens.followup_line import FollowUpLineScreen

        _, _, line = self._current_line()
        parts = split_line(line)
        if not parts.text:
            self.notify(tx("fuline_empty"), severity="warning")
            return

        def added(what: str | None) -> None:
            self.focus_notes()
            if what:
                self.notify(tx("fuline_added", what=what), markup=False)
                self.followups_changed(True)

        screen = FollowUpLineScreen(
            self.data.meeting_id, parts.text, parts.speaker, self.question.key
        )
        self.app.push_screen(screen, added)

    def action_clarified(self) -> None:
        """Mark the current line «Avklart: …» (again: unmark), keeping the cursor on its text."""
        editor, row, line = self._current_line()
        if editor.read_only or not line.strip():
            return
        _, column = editor.cursor_location
        changed = toggle_clarified(line)
        editor.replace(changed, (row, 0), (row, len(line)))
        editor.move_cursor((row, max(0, column + len(changed) - len(line))))
        self.focus_notes()
