"""The notes editor: a TextArea that saves itself shortly after the last keystroke.

The editor knows which note it is showing (meeting, question, author). It hands the text to the
app's note saver after a pause in typing, at the latest a little after the first unsaved
keystroke however fast one types, when it loses focus, when it is switched to another question
and when it is unmounted; it never touches the disk itself.
"""

from __future__ import annotations

from time import monotonic
from typing import TYPE_CHECKING

from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import TextArea

from tui.forms import NOTE_LIMIT, clean_note

if TYPE_CHECKING:
    from tui.autosave import NoteSaver

# Short enough that a note is on disk well within a second of the last keystroke, long enough
# that fast typing makes one write per pause rather than one per key.
DEBOUNCE_SECONDS = 0.3
# Steady typing never pauses for the debounce: the text is handed over this long after the
# first keystroke not yet handed over, so that it is durable within a second (the write itself
# takes a few milliseconds, more on a slow disk).
MAX_WAIT_SECONDS = 0.6

NoteKey = tuple[str, str, str]  # meeting id, question key, author


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

    def __init__(self, saver: NoteSaver, *, id: str | None = None) -> None:
        super().__init__(soft_wrap=True, tab_behavior="focus", id=id)
        self.saver = saver
        self.key: NoteKey | None = None
        self._submitted = ""
        # One timer for each pause in typing, not one per key (each is an asyncio task): it
        # is set at the first key not yet handed over and, when it fires early, set again for
        # what is left. The keys only note their time.
        self._timer: Timer | None = None
        self._first_key = 0.0  # when the first key not yet handed over was typed
        self._last_key = 0.0
        # Changes of the text, counted: what the screen asks about them instead of hearing
        # each one (a message bubbling up to the app wakes every container on the way).
        self.edits = 0

    def show_note(self, key: NoteKey, text: str, stamp: str = "") -> None:
        """Save the current note if it changed, then show `text` (stored with `stamp`) for `key`.

        Text of `key` that the saver still holds (a save that failed) is newer: it is shown.
        """
        self.flush()
        self.key = key
        unsaved = self.saver.loaded(key, stamp)
        self._submitted = text if unsaved is None else unsaved
        self.load_text(self._submitted)
        self.move_cursor(self.document.end)

    @property
    def dirty(self) -> bool:
        return self.key is not None and self.text != self._submitted

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area is not self:
            return
        event.stop()  # nothing above needs each key: `edits` counts them
        self.edits += 1
        if not self.dirty:  # back to the text handed over: nothing left to save
            if self._timer is not None:  # «Lagrer …» was said: it would stay
                self._timer.stop()
                self._timer = None
                if self.key is not None and self.key not in self.saver.pending:
                    self.post_message(self.Saved(self.key, self._submitted))  # it is on disk
            return
        self._last_key = now = monotonic()
        if self._timer is None:  # the first key since the text was last handed over
            self._first_key = now
            self._timer = self.set_timer(DEBOUNCE_SECONDS, self._due)
            self.post_message(self.Saving())  # once: the line says so until it is saved

    def on_text_area_selection_changed(self, event: TextArea.SelectionChanged) -> None:
        if event.text_area is self:
            event.stop()  # no one above listens; each key moves the cursor

    def _due(self) -> None:
        """Flush once typing has paused, or once the first unsaved key has waited long enough."""
        self._timer = None  # this one has fired
        left = min(self._last_key + DEBOUNCE_SECONDS, self._first_key + MAX_WAIT_SECONDS)
        left -= monotonic()
        if left > 0.001:
            self._timer = self.set_timer(left, self._due)
        else:
            self.flush()

    def flush(self) -> None:
        """Hand the current text to the saver if it differs from what was last handed over."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self.dirty or self.key is None:
            return
        self._submitted = self.text
        self.saver.save(self.key, self._submitted)

    def _on_blur(self, event: events.Blur) -> None:
        self.flush()

    def on_unmount(self) -> None:
        self.flush()

    async def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()
        event.stop()
        self.paste(event.text)
        self.focus()

    def paste(self, text: str) -> None:
        """Put pasted `text` in at the cursor, its control characters made visible."""
        cleaned = clean_note(text)
        if len(self.text) + len(cleaned) > NOTE_LIMIT:
            cleaned = cleaned[: max(NOTE_LIMIT - len(self.text), 0)]
        if cleaned != text.replace("\r\n", "\n").replace("\r", "\n"):
            self.post_message(self.Cleaned())
        if self.read_only:
            return
        result = self.replace(cleaned, *self.selection)
        self.move_cursor(result.end_location)

    def _refresh_size(self) -> None:
        # TextArea sets its new virtual size (the wrapped note's lines) as a reactive that lays
        # the whole screen out: a PgDn to a note of another length did, and so did each key
        # that wrapped to a new line. The editor's box is a share of the screen that its text
        # never changes; only its scrolling does, set here (a scrollbar that comes or goes
        # still lays out, as it must).
        if not self.soft_wrap or not self.is_mounted:
            super()._refresh_size()
            return
        size = Size(0, self.wrapped_document.height)
        if size != self.virtual_size:
            self.set_reactive(Widget.virtual_size, size)
            self._scroll_update(size)
            self.refresh()
