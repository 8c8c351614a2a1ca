"""The capture screen's writes: answers and states through the writer, the notes' save news."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.message import Message

from models.meeting_form import AnswerState
from tui.text import tx
from tui.widgets.answer_panel import AnswerPanel
from tui.widgets.notes_editor import NotesEditor
from tui.widgets.save_indicator import SaveIndicator
from tui.widgets.write_failure import failure_text

if TYPE_CHECKING:
    from textual.css.query import DOMQuery

    from models.guides import Question
    from models.storage import Database
    from tui.autosave import NoteSaver
    from tui.capture_data import CaptureData
    from tui.writer import Writer


class AnswerSaved(Message):
    """An answer write is durable."""


class CaptureWriting:
    """Mixed into CaptureScreen: every write goes to the writer. Notes and answers need no ORM
    and are written as soon as the file is open; the others wait until the database is open,
    and `self.db` is read when they run, not when they are asked for."""

    data: CaptureData
    author: str
    db: Database | None
    writer: Writer
    saver: NoteSaver
    clock: Callable[[], dt.datetime]
    _escape_pressed: bool
    notes_editor: NotesEditor
    save_indicator: SaveIndicator

    if TYPE_CHECKING:

        @property
        def question(self) -> Question: ...
        def query_one(self, selector: type[NotesEditor]) -> NotesEditor: ...
        def query(self, selector: type[NotesEditor]) -> DOMQuery[NotesEditor]: ...
        def post_message(self, message: Message) -> bool: ...
        def notify(self, message: str, **options: object) -> None: ...
        def answer(self, question_key: str, author: str | None = None) -> AnswerState: ...
        def refresh_mark(self, question_key: str) -> None: ...
        def show_state(self) -> None: ...
        def pause_timing(self) -> None: ...
        def focus_notes(self) -> None: ...

    def _indicator(self) -> SaveIndicator:
        return self.save_indicator

    def action_timestamp(self) -> None:
        self._escape_pressed = False
        editor = self.notes_editor
        self.focus_notes()  # at once: the words typed right after the stamp follow it
        row, column = editor.cursor_location
        # A time stamp starts a line, the way minutes are written («10:42 Ola: …»).
        before = "\n" if editor.document.get_line(row)[:column].strip() else ""
        editor.insert(before + self.clock().strftime("%H:%M") + " ")

    def action_toggle_state(self, state: str) -> None:
        self._escape_pressed = False
        current = self.answer(self.question.key)
        new_state = "" if current.state == state else state
        self.store_answer(AnswerState(current.choices, current.other_text, new_state))
        self.show_state()

    def on_answer_panel_changed(self, event: AnswerPanel.Changed) -> None:
        current = self.answer(event.question_key)
        choices = current.choices if event.choices is None else event.choices
        other_text = current.other_text if event.other_text is None else event.other_text
        if (choices, other_text) != (current.choices, current.other_text):
            self.store_answer(AnswerState(choices, other_text, current.state), event.question_key)

    def store_answer(self, answer: AnswerState, question_key: str | None = None) -> None:
        key = question_key or self.question.key
        self.data.answers[(key, self.author)] = answer
        self.refresh_mark(key)
        self._indicator().saving()
        meeting_id, author = self.data.meeting_id, self.author

        def write() -> None:
            from models.answer_save import save_answer_plain  # no ORM: saved at once

            notes = self.saver.app.notes  # the app's note file, opened before the ORM loads
            if notes is None:  # the writer let it run because opening the database failed
                raise RuntimeError("the database is not open")
            save_answer_plain(
                notes, meeting_id, key, author, answer.choices, answer.other_text, answer.state
            )

        self.writer.submit_latest(
            ("answer", meeting_id, key, author),
            write,
            on_done=lambda _result: self.post_message(AnswerSaved()),
            on_error=lambda error: self.post_message(
                NotesEditor.SaveFailed((meeting_id, key, author), failure_text(error))
            ),
            early=True,  # like the notes: durable within a second, ORM or not
        )

    def flush_notes(self) -> None:
        # query, not query_one: a screen just pushed has no editor until it is composed.
        for editor in self.query(NotesEditor):
            editor.flush()

    def on_screen_suspend(self) -> None:
        self.flush_notes()
        self.pause_timing()

    def on_notes_editor_saving(self) -> None:
        self._indicator().saving()

    def on_notes_editor_saved(self, message: NotesEditor.Saved) -> None:
        _, question_key, _ = message.key
        self.data.notes[(question_key, self.author)] = message.text
        self.refresh_mark(question_key)
        if not self.notes_editor.dirty:
            self._indicator().saved(self.clock())

    def on_answer_saved(self) -> None:
        if not self.notes_editor.dirty:
            self._indicator().saved(self.clock())

    def on_notes_editor_save_failed(self, message: NotesEditor.SaveFailed) -> None:
        indicator = self._indicator()
        if indicator.problem != message.detail:  # a retry failing again is not news
            self.notify(message.detail, severity="error", timeout=10, markup=False)
        indicator.failed(message.detail)

    def on_notes_editor_cleaned(self) -> None:
        self.notify(tx("paste_cleaned"), severity="warning")
