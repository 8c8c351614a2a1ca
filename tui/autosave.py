"""The app's note saver: every note handed over is kept until it is durable, retried until then.

Editors hand text over (`save`); the saver writes it on the single writer thread with the note's
stamp check (models.note_save), and keeps the newest text of each note in `pending` until the
database has it. A failed save is retried with backoff for as long as the app runs, the user
reads one plain line about it, and the text waits in the recovery file meanwhile.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.timer import Timer

from tui.widgets.write_failure import save_failed_text

if TYPE_CHECKING:
    from tui.app import InnsiktApp
    from tui.recovery import RecoveredField, RecoveredNote

log = logging.getLogger(__name__)

NoteKey = tuple[str, str, str]  # meeting id, question key, author
RETRY_FIRST_SECONDS = 0.5
RETRY_MAX_SECONDS = 8.0


def note_key(note: RecoveredNote) -> NoteKey:
    return (note.meeting_id, note.question_key, note.author)


class NoteSaver:
    """Owned by the app, so that retries go on when the capture screen is closed."""

    class Saved(Message):
        def __init__(self, key: NoteKey, text: str, kept_other: bool) -> None:
            super().__init__()
            self.key, self.text, self.kept_other = key, text, kept_other

    class Failed(Message):
        def __init__(self, key: NoteKey, text: str, error: BaseException) -> None:
            super().__init__()
            self.key, self.text, self.error = key, text, error

    def __init__(self, app: InnsiktApp) -> None:
        self.app = app
        self.pending: dict[NoteKey, str] = {}  # handed over, not yet durable (UI thread)
        self.failures: dict[NoteKey, int] = {}
        self.problem = ""  # the line for the newest failure, "" when all is well
        self._base: dict[NoteKey, str] = {}  # the stamp each note had when we last saw it
        self._lock = threading.Lock()  # _base is read and written on the writer thread too
        self._timers: dict[NoteKey, Timer] = {}
        self._told_other: set[NoteKey] = set()
        self._wrote_recovery = False  # a file left by an earlier run waits for the user
        self._durable: dict[NoteKey, str] = {}  # set on the writer thread, under the lock
        # Each note's newest failed write, as the writer thread saw it (under the lock): its
        # Failed message may not be handled yet when the reason is asked for (`reason`).
        self._errors: dict[NoteKey, BaseException] = {}
        # Text typed in fields and never sent, found when leaving (quit, hang-up): written with
        # the notes into every recovery file from then on.
        self.fields: list[RecoveredField] = []
        # What a file of an earlier run holds that the user put off (Escape at the question):
        # kept in every file this run writes, so that writing it never drops that text.
        self.earlier: tuple[list[RecoveredNote], list[RecoveredField]] = ([], [])

    # --- from the editors (UI thread) -----------------------------------------------------

    def loaded(self, key: NoteKey, stamp: str) -> str | None:
        """An editor shows `key` as loaded with `stamp`; returns newer text still unsaved."""
        if key in self.pending:
            return self.pending[key]
        with self._lock:
            self._base[key] = stamp
        return None

    def save(self, key: NoteKey, text: str) -> None:
        self.pending[key] = text
        self._submit(key)

    @property
    def unsaved(self) -> bool:
        return bool(self.pending)

    # --- the write --------------------------------------------------------------------------

    def _submit(self, key: NoteKey) -> None:
        if key not in self.pending:
            return
        text = self.pending[key]

        def write() -> Any:
            from models import note_save  # plain sqlite3: the ORM may still be loading

            # Read when the write runs: the writer holds note saves until the file is open
            # for them (early, without the ORM, when it can be), so a note typed meanwhile is
            # saved then.
            notes = self.app.notes
            if notes is None:  # it never opened: a failure like any other, kept and retried
                raise RuntimeError("the database is not open")
            with self._lock:
                base = self._base.get(key, "")
            result = note_save.save_note(notes, *key, text, base)
            with self._lock:
                self._base[key] = result.hlc
                self._durable[key] = text
                self._errors.pop(key, None)
            return result

        def failed(error: BaseException) -> None:  # on the writer thread
            self.failed_on_writer(key, error)
            self.app.post_message(self.Failed(key, text, error))

        # post_message is thread-safe and never waits, so the writer cannot deadlock the UI.
        self.app.writer.submit_latest(
            ("note", key),
            write,
            on_done=lambda result: self.app.post_message(self.Saved(key, text, result.kept_other)),
            on_error=failed,
            early=True,  # needs no ORM: runs while the database is still opening
        )

    def failed_on_writer(self, key: NoteKey, error: BaseException) -> None:
        """Keep `error` as `key`'s newest failure; called on the writer thread."""
        with self._lock:
            self._errors.pop(key, None)
            self._errors[key] = error  # last: the newest

    def reason(self) -> str:
        """The line for the newest failure of a note not yet saved, known as soon as the
        writer has seen it: Ctrl+Q waits for the writer while its own key is handled, before
        the Failed messages of the writes it waited for."""
        with self._lock:
            errors = [error for key, error in self._errors.items() if key in self.pending]
        if errors:
            return save_failed_text(errors[-1], self.app.db_path)
        return self.problem

    # --- results (UI thread, via the app's message handlers) --------------------------------

    def saved(self, message: Saved) -> None:
        key = message.key
        if self.pending.get(key) == message.text:
            del self.pending[key]
            self.failures.pop(key, None)
            if (timer := self._timers.pop(key, None)) is not None:
                timer.stop()
        if not self.failures:
            self.problem = ""
            self._clear_recovery()
        elif self.pending:
            self._write_recovery()
        if message.kept_other and key not in self._told_other:
            from tui.text import tx

            self._told_other.add(key)
            self.app.notify(tx("note_kept_other"), severity="warning", timeout=15, markup=False)

    def failed(self, message: Failed) -> str:
        """Retry later; returns the line to show."""
        key = message.key
        self.problem = save_failed_text(message.error, self.app.db_path)
        if key not in self.pending:  # saved meanwhile by a later write
            return self.problem
        count = self.failures[key] = self.failures.get(key, 0) + 1
        delay = min(RETRY_FIRST_SECONDS * 2 ** (count - 1), RETRY_MAX_SECONDS)
        if (timer := self._timers.pop(key, None)) is not None:
            timer.stop()
        self._timers[key] = self.app.set_timer(delay, lambda: self._retry(key))
        self._write_recovery()
        return self.problem

    def _retry(self, key: NoteKey) -> None:
        self._timers.pop(key, None)
        self._submit(key)

    # --- the recovery file -------------------------------------------------------------------

    def recovery_notes(self) -> list[RecoveredNote]:
        from tui.recovery import RecoveredNote  # not before the first frame: no write failed yet

        with self._lock:
            bases = dict(self._base)
        return [
            RecoveredNote(*key, text=text, base=bases.get(key, ""))
            for key, text in self.pending.items()
        ]

    def _write_recovery(self) -> None:
        self.write_recovery_now()

    def _clear_recovery(self) -> None:
        if self.fields or any(self.earlier):  # every note is saved; that text is still to keep
            self.write_recovery_now([])
            return
        if self._wrote_recovery:
            from tui import recovery

            with contextlib.suppress(OSError):
                recovery.clear(self.app.db_path)
            self._wrote_recovery = False

    def keep_fields(self, fields: list[RecoveredField]) -> str | None:
        """Keep `fields` in the recovery file with the notes not yet stored; its path."""
        self.fields = list(fields)
        return self.write_recovery_now(self.left_unsaved())

    def forget_fields(self) -> None:
        """The user stays: the fields' text is on screen again, not in the file."""
        if self.fields:
            self.fields = []
            left = self.left_unsaved()
            if left:
                self.write_recovery_now(left)
            else:
                self._clear_recovery()

    def left_unsaved(self) -> list[RecoveredNote]:
        """After the writer has stopped: the notes whose newest text no write has stored.

        Read from what the writer thread recorded, not from messages: at exit the messages of
        the last writes are never handled.
        """
        with self._lock:
            durable = dict(self._durable)
        return [note for note in self.recovery_notes() if durable.get(note_key(note)) != note.text]

    def write_recovery_now(self, notes: list[RecoveredNote] | None = None) -> str | None:
        """The recovery file with `notes` (default: every unsaved note) and the kept fields'
        text; its path, or None."""
        from tui import recovery

        try:
            earlier_notes, earlier_fields = self.earlier
            path = recovery.write(
                self.app.db_path,
                [*(self.recovery_notes() if notes is None else notes), *earlier_notes],
                [*self.fields, *earlier_fields],
            )
        except OSError:  # the disk that is full may hold the data folder too: keep trying
            log.debug("recovery file not written", exc_info=True)
            return None
        self._wrote_recovery = True
        return str(path)
