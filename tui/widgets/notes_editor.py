"""The notes editor: a TextArea that saves itself shortly after the last keystroke.

The editor knows which note it is showing (meeting, question, author). It hands the text to the
app's single writer thread after a pause in typing, when it loses focus, when it is switched to
another question and when it is unmounted; it never touches the disk itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import events
from textual.message import Message
from textual.widgets import TextArea

from tui.forms import NOTE_LIMIT, clean_note

if TYPE_CHECKING:
    from tui.writer import Writer

# Short enough that a note is on disk well within a second of the last keystroke, long enough
# that fast typing makes one write per pause rather than one per key.
DEBOUNCE_SECONDS = 0.3

NoteKey = tuple[str, str, str]  # meeting id, question key, author
SaveNote = Callable[[str, str, str, str], object]  # run on the writer thread


class NotesEditor(TextArea):
    """A soft-wrapping TextArea bound to one note at a time, with autosave."""

    class Saving(Message):
        """Text was handed to the writer."""

    class Saved(Message):
        """The text of `key` is durable."""

        def __init__(self, key: NoteKey, text: str) -> None:
            super().__init__()
            self.key = key
            self.text = text

    class SaveFailed(Message):
        def __init__(self, key: NoteKey, detail: str) -> None:
            super().__init__()
            self.key = key
            self.detail = detail

    class Cleaned(Message):
        """A paste held control characters, now shown as visible symbols."""

    def __init__(self, writer: Writer, save: SaveNote, *, id: str | None = None) -> None:
        super().__init__(soft_wrap=True, tab_behavior="focus", id=id)
        self.writer = writer
        self._save = save
        self.key: NoteKey | None = None
        self._submitted = ""
        self._timer = None

    def show_note(self, key: NoteKey, text: str) -> None:
        """Save the current note if it changed, then show `text` for `key`."""
        self.flush()
        self.key = key
        self._submitted = text
        self.load_text(text)
        self.move_cursor(self.document.end)

    @property
    def dirty(self) -> bool:
        return self.key is not None and self.text != self._submitted

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area is not self or not self.dirty:
            return
        self.post_message(self.Saving())
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE_SECONDS, self.flush)

    def flush(self) -> None:
        """Hand the current text to the writer if it differs from what was last handed over."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self.dirty or self.key is None:
            return
        key, text = self.key, self.text
        self._submitted = text
        save = self._save

        def write() -> None:
            save(*key, text)

        # post_message is thread-safe and never waits, so the writer cannot deadlock the UI.
        self.writer.submit_latest(
            key,
            write,
            on_done=lambda _result: self.post_message(self.Saved(key, text)),
            on_error=lambda error: self.post_message(self.SaveFailed(key, str(error))),
        )

    def _on_blur(self, event: events.Blur) -> None:
        self.flush()

    def on_unmount(self) -> None:
        self.flush()

    async def _on_paste(self, event: events.Paste) -> None:
        cleaned = clean_note(event.text)
        if len(self.text) + len(cleaned) > NOTE_LIMIT:
            cleaned = cleaned[: max(NOTE_LIMIT - len(self.text), 0)]
        if cleaned != event.text.replace("\r\n", "\n").replace("\r", "\n"):
            self.post_message(self.Cleaned())
        event.prevent_default()
        event.stop()
        if self.read_only:
            return
        result = self.replace(cleaned, *self.selection)
        self.move_cursor(result.end_location)
        self.focus()
