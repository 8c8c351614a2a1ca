"""Saving texts other than notes (referat texts, findings) with the notes' autosave and retries.

The review and findings screens use the notes editor, whose saver hands each text to the writer,
retries a failed save with backoff and shows one plain line. These texts are not part of the
notes' recovery file (whose entries are notes by author): while a save fails, the text stays in
its editor and the save is retried.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tui.autosave import NoteKey, NoteSaver

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

    from models.storage import Database
    from tui.app import InnsiktApp

Store = Callable[["Database", NoteKey, str], object]


class TextSaver(NoteSaver):
    """A NoteSaver that writes with `store` and reports to `owner` (its screen), not the app."""

    def __init__(self, app: InnsiktApp, owner: MessagePump, store: Store) -> None:
        super().__init__(app)
        self.owner = owner
        self.store = store

    def _submit(self, key: NoteKey) -> None:
        db = self.app.db
        if db is None or key not in self.pending:
            return
        text = self.pending[key]

        def write() -> Any:
            self.store(db, key, text)
            with self._lock:
                self._durable[key] = text
                self._errors.pop(key, None)

        def failed(error: BaseException) -> None:  # on the writer thread
            self.failed_on_writer(key, error)
            self.owner.post_message(self.Failed(key, text, error))

        self.app.writer.submit_latest(
            (type(self).__name__, key),
            write,
            on_done=lambda _: self.owner.post_message(self.Saved(key, text, False)),
            on_error=failed,
        )

    def _write_recovery(self) -> None:
        """Not in the notes' recovery file; see the module docstring."""
