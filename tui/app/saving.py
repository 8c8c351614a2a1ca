"""The app's edges for notes: autosave news, flushing, hang-up and quit, the recovery file."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.message import Message

from tui.autosave import NoteSaver
from tui.key_order import key_hold_of, keys_handled
from tui.screens.holds_notes import HoldsNotes
from tui.terminal_gone import TerminalGone
from tui.text import tx
from tui.unsent_fields import listed, unsent_fields

if TYPE_CHECKING:
    from models.storage import Database
    from tui.recovery import RecoveredField
    from tui.widgets.notes_editor import NotesEditor

log = logging.getLogger(__name__)

# Seconds a SIGHUP waits at most for the driver's input thread to read the terminal's last keys
# and end (a SIGHUP sent to an app whose terminal is still there: it never ends).
LAST_KEYS_SECONDS = 1.0


class Saving:
    """Mixed into `InnsiktApp`: nothing typed is lost at start, on leaving or on a kill."""

    _leaving = False  # a hang-up is being handled: the app saves and ends
    _leaving_task: asyncio.Task[None] | None = None  # kept: the loop holds tasks weakly

    def _save_on_hangup(self) -> None:
        """A closed terminal window (SIGHUP) or a polite kill (SIGTERM) saves before leaving.

        Python's default for both is to die at once, losing the text typed in the last moment
        before the debounced autosave. Windows has no SIGHUP, and its event loop no signal
        handlers: there, each signal that is missing is skipped.
        """
        loop = asyncio.get_running_loop()
        for name in ("SIGHUP", "SIGTERM"):
            signal_number = getattr(signal, name, None)
            if signal_number is None:
                continue
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError, AttributeError):
                # A SIGTERM's terminal is still there: no last keys to wait for.
                loop.add_signal_handler(signal_number, self._leave_now, name == "SIGHUP")

    def on_terminal_gone(self, message: TerminalGone) -> None:
        """The terminal's window closed or its ssh dropped (with or without a SIGHUP)."""
        self._leave_now()

    def _leave_now(self, last_keys: bool = True) -> None:
        if self._leaving:
            return  # a SIGHUP and the driver's TerminalGone both say it
        self._leaving = True
        if last_keys:
            self._leaving_task = asyncio.get_running_loop().create_task(self._after_last_keys())
        else:
            self.call_later(self._flush_and_exit)

    async def _after_last_keys(self) -> None:
        """Keys the terminal sent just before it closed may still be on their way from the
        input thread: once it has read the terminal's end and ended (having posted every key
        it read), leave behind them in the app's queue. The driver's `gone` is no such sign:
        the SIGCONT of the hang-up sets it before the thread has read the last keys."""
        # Textual's LinuxDriver's input thread (private in 8.2.8; other drivers have none).
        thread = getattr(getattr(self, "_driver", None), "_key_thread", None)
        if isinstance(thread, threading.Thread) and thread.is_alive():
            with contextlib.suppress(RuntimeError):  # no thread to wait in: the app is ending
                await asyncio.to_thread(thread.join, LAST_KEYS_SECONDS)
        self.call_later(self._flush_and_exit)

    async def _flush_and_exit(self) -> None:
        # Closing the writer when unmounting finishes these writes; what still fails then goes
        # to the recovery file (see on_unmount).
        try:
            focused = self.screen.focused
            if focused is not None:
                await keys_handled(focused)  # the last keys typed into the note, before its flush
            await self.give_held_now()
        except Exception:  # the hand-over must never keep the notes from their flush
            log.exception("held keys not handed over on hang-up")
        finally:
            try:
                self.flush_notes()
                self.keep_unsent_fields()
            finally:
                self.exit(return_code=0)

    def offer_recovery(self, then: Callable[[bool], None]) -> None:
        """Notes and field text a failed run left in the recovery file: restore them (or not),
        then `then(restored)`."""
        from tui import recovery
        from tui.screens.two_choices import TwoChoicesScreen

        try:
            notes, fields = recovery.read_all(self.db_path)
        except recovery.RecoveryUnreadable as error:
            self.notify(tx("recovery_unreadable", path=error.args[0]), severity="error")
            notes, fields = [], []
        if not notes and not fields:
            then(False)
            return
        bound = [field for field in fields if field.meeting_id and field.question_key]
        loose = [field for field in fields if field not in bound]

        def answered(restore: bool | None) -> None:
            if restore:
                db_path = self.db_path
                self.write(
                    lambda db: _restore(db, notes, bound, db_path, clear=not loose),
                    done=restored_line(notes, bound),
                )
                if loose:  # shown to copy; the file goes once it is closed (after the restore)
                    from tui.screens.loose_text import LooseTextScreen

                    def closed(_: None) -> None:
                        self.write(lambda _db: recovery.clear(db_path))
                        then(True)

                    self.push_screen(LooseTextScreen(loose_text(loose)), closed)
                    return
            elif restore is False:
                recovery.clear(self.db_path)
            else:  # Escape: asked again at the next start, kept in any file written meanwhile
                self.saver.earlier = (notes, fields)
            then(bool(restore))

        self.push_screen(
            TwoChoicesScreen(*recovery_question(notes, fields), focus_yes=True), answered
        )

    # --- autosave at the edges --------------------------------------------------------------

    def on_note_saver_saved(self, message: NoteSaver.Saved) -> None:
        self.saver.saved(message)
        self._tell_editors(lambda editor: editor.Saved(message.key, message.text))

    def on_note_saver_failed(self, message: NoteSaver.Failed) -> None:
        line = self.saver.failed(message)
        self._tell_editors(lambda editor: editor.SaveFailed(message.key, line))

    def _tell_editors(self, make: Callable[[NotesEditor], Message]) -> None:
        """The capture screens hear about their notes' saves from their editors."""
        from tui.widgets.notes_editor import NotesEditor

        for screen in self.screen_stack:
            for editor in screen.query(NotesEditor):
                editor.post_message(make(editor))

    def flush_notes(self) -> None:
        """Every open capture screen hands its unsaved text to the writer."""
        for screen in self.screen_stack:
            if isinstance(screen, HoldsNotes):
                screen.flush_notes()

    async def settle(self) -> None:
        """Hand over every unsaved note and wait until all writes are on disk."""
        self.flush_notes()
        await asyncio.to_thread(self.writer.drain)

    def on_app_blur(self) -> None:
        self.flush_notes()

    def keep_unsent_fields(self) -> list[RecoveredField]:
        """Text typed in panels' fields and forms and never sent, and what `--meeting` kept
        from before its meeting showed: into the recovery file."""
        fields = [*unsent_fields(self), *self.early_fields()]
        if fields:
            self.saver.keep_fields(fields)
        return fields

    async def action_quit(self) -> None:
        # Not after a hold that may last 10 s (F2 while opening): its keys wait aside, and are
        # typed at once if the app leaves, or given where they were going if the user stays.
        key_hold_of(self).set_aside()
        await self.settle()
        # What the writer has stored, not `unsaved`: the Saved messages of the writes just
        # waited for are handled only after this key, and a note typed right before Ctrl+Q
        # would be said to be unsaved.
        left = self.saver.left_unsaved()
        fields = self.keep_unsent_fields()
        if not left and not fields:
            await self._give_held_safely()
            self.flush_notes()  # what they typed: its writes finish as the writer closes
            fields = self.keep_unsent_fields()  # or they typed into a panel's field
            if not fields:
                self.exit()
                return
        from tui.screens.two_choices import TwoChoicesScreen

        if not fields:  # else written with them
            self.saver.write_recovery_now(left)

        async def answered(leave: bool | None) -> None:
            if leave:
                await self._give_held_safely()
                self.flush_notes()
                self.keep_unsent_fields()
                self.exit(return_code=1)  # on_unmount says where the text is
            else:
                self.saver.forget_fields()  # still in their fields, to be sent
                await key_hold_of(self).take_back()  # F2's panel still opens and gets them

        self.push_screen(
            TwoChoicesScreen(*quit_question(left, fields, self.saver.reason()), focus_yes=False),
            answered,
        )

    async def _give_held_safely(self) -> None:
        try:
            await self.give_held_now()
        except Exception:  # quitting goes on: the notes are flushed whatever happened here
            log.exception("held keys not handed over on quit")

    def on_unmount(self) -> None:
        self.writer.close()
        # Writes that were queued at the end have finished now; whatever the database still
        # lacks goes to the recovery file, and the app does not end with 0 as if all were well.
        left = self.saver.left_unsaved()
        if left or self.saver.fields:
            path = self.saver.write_recovery_now(left)
            self._return_code = self._return_code or 1
            if left:
                line = tx("quit_unsaved_stderr", count=len(left), path=path or "-")
            else:
                line = tx("quit_fields_stderr", count=len(self.saver.fields), path=path or "-")
            self._exit_renderables.append(Text(line))
        if self.db is not None:
            self.db.close()
        if self.notes is not None:
            self.notes.close()


def quit_question(
    left: list[Any], fields: list[RecoveredField], reason: str
) -> tuple[str, str, str, str]:
    """The quit question's title, body and answers (leave, stay): for notes not saved, for
    field text not sent, or both."""
    if not left:
        body = tx("quit_fields_body", fields=listed(fields))
        return tx("quit_fields_title"), body, tx("quit_unsaved_leave"), tx("quit_fields_stay")
    body = tx("quit_unsaved_body", reason=reason or tx("save_failed_other"))
    if fields:
        body += "\n\n" + tx("quit_fields_also", fields=listed(fields))
    return tx("quit_unsaved_title"), body, tx("quit_unsaved_leave"), tx("quit_unsaved_stay")


def recovery_question(notes: list[Any], fields: list[RecoveredField]) -> tuple[str, str, str, str]:
    """The next start's question about the recovery file: its title, body and answers."""
    parts = [tx("recovery_body", count=len(notes))] if notes else []
    if fields:
        parts.append(tx("recovery_fields_body", fields=listed(fields)))
    if any(not (field.meeting_id and field.question_key) for field in fields):
        parts[-1] += " " + tx("recovery_fields_loose")
    title = tx("recovery_title") if notes else tx("recovery_fields_title")
    return title, "\n\n".join(parts), tx("recovery_restore"), tx("recovery_discard")


def restored_line(notes: list[Any], bound: list[RecoveredField]) -> str:
    lines = [tx("recovery_restored", count=len(notes))] if notes else []
    if bound:
        lines.append(tx("recovery_fields_restored", count=len(bound)))
    return " ".join(lines)


def loose_text(fields: list[RecoveredField]) -> str:
    """Each form's text in full, under where it was typed."""
    return "\n\n".join(f"{field.place}\n{field.text}" for field in fields)


def _restore(
    db: Database,
    notes: list[Any],
    fields: list[RecoveredField],
    db_path: Path,
    *,
    clear: bool = True,
) -> None:
    """Bring back the recovery file's notes, then the fields' text at the end of their
    question's note; then remove the file (on the writer thread)."""
    from models.note_save import append_to_note, restore_note
    from tui import recovery

    for note in notes:
        restore_note(db, note.meeting_id, note.question_key, note.author, note.text, note.base)
    for field in fields:
        line = f"{field.place}: {field.text}"
        append_to_note(db, field.meeting_id, field.question_key, field.author, line)
    if clear:
        recovery.clear(db_path)
