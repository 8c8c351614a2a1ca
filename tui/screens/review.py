"""Review mode: every note-taker's notes read-only beside the referat text being written.

Opened from the capture screen after the meeting. Per question the left pane shows all notes
(select lines with the mouse or shift+arrows); a key copies the selection, or the note under the
cursor, into the referat editor. Below it, the section's «Konklusjon / avklaringer». Both editors
save themselves through the app's writer, like the notes editor.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label, Static, TextArea

from tui import bindings
from tui.autosave import NoteSaver
from tui.screens.holds_notes import HoldsNotes
from tui.text import tx
from tui.text_saver import TextSaver
from tui.widgets.notes_editor import NotesEditor

if TYPE_CHECKING:
    from models.guides import Question
    from models.storage import Database
    from tui.app import InnsiktApp
    from tui.store import CaptureData

TEXT, CONCLUSION = "tekst", "konklusjon"


def notes_view(data: CaptureData, question_key: str) -> tuple[str, list[tuple[int, int]]]:
    """The notes of a question as one text, and per note its (first, last) line in it."""
    lines: list[str] = []
    spans: list[tuple[int, int]] = []
    for (key, author), text in sorted(data.notes.items()):
        if key != question_key or not text.strip():
            continue
        lines.append(f"{author}:")
        first = len(lines)
        lines.extend(text.rstrip().split("\n"))
        spans.append((first, len(lines) - 1))
        lines.append("")
    return "\n".join(lines).rstrip("\n"), spans


class ReviewScreen(HoldsNotes, Screen[None]):
    """Write the minutes' text of each question from everyone's notes."""

    BINDINGS = bindings.REVIEW
    CSS_PATH = Path(__file__).parent.parent / "styles" / "review.tcss"

    def __init__(
        self, data: CaptureData, question_key: str, texts: dict[tuple[str, str], str]
    ) -> None:
        super().__init__()
        self.data = data
        self.texts = dict(texts)  # (kind, key) → text, kept current as saves land
        self.questions = data.guide.questions()
        keys = [q.key for q in self.questions]
        self.index = keys.index(question_key) if question_key in keys else 0
        self.spans: list[tuple[int, int]] = []

    @property
    def innsikt(self) -> InnsiktApp:
        return cast("InnsiktApp", self.app)

    @property
    def question(self) -> Question:
        return self.questions[self.index]

    def compose(self) -> ComposeResult:
        self.saver = TextSaver(self.innsikt, self, _store_referat)
        yield Static(id="review-question")
        with Horizontal(id="review-body"):
            with Vertical(id="review-notes-pane"):
                yield Label(tx("rv_notes"))
                yield TextArea(id="review-notes", read_only=True, soft_wrap=True)
            with Vertical(id="review-write-pane"):
                yield Label(tx("rv_text"), id="review-text-label")
                yield NotesEditor(self.saver, id="review-text")
                yield Label(id="review-conclusion-label")
                yield NotesEditor(self.saver, id="review-conclusion")
        yield Footer()

    def on_mount(self) -> None:
        self.show()
        self.query_one("#review-text", NotesEditor).focus()

    def show(self) -> None:
        question = self.question
        section = self.data.guide.section_of(question.key)
        heading = Text(
            f"{question.key} · {section.title if section else ''} "
            f"({self.index + 1}/{len(self.questions)})\n",
            style="dim",
        )
        heading.append(question.text, style="bold")
        self.query_one("#review-question", Static).update(heading)
        text, self.spans = notes_view(self.data, question.key)
        notes = self.query_one("#review-notes", TextArea)
        notes.load_text(text or tx("rv_no_notes"))
        meeting = self.data.meeting_id
        self.query_one("#review-text", NotesEditor).show_note(
            (meeting, question.key, TEXT), self.texts.get((TEXT, question.key), "")
        )
        section_key = section.key if section else ""
        self.query_one("#review-conclusion-label", Label).update(
            tx("rv_conclusion", section=section.title if section else "")
        )
        self.query_one("#review-conclusion", NotesEditor).show_note(
            (meeting, section_key, CONCLUSION), self.texts.get((CONCLUSION, section_key), "")
        )

    def on_note_saver_saved(self, message: NoteSaver.Saved) -> None:
        message.stop()  # the app's own saver handles notes, not these
        self.saver.saved(message)
        _, key, kind = message.key
        self.texts[(kind, key)] = message.text

    def on_note_saver_failed(self, message: NoteSaver.Failed) -> None:
        message.stop()
        line = self.saver.failed(message)
        self.notify(line, severity="error", timeout=10, markup=False)

    def copied_text(self) -> str:
        """The selected lines of the notes, or else the whole note under the cursor."""
        notes = self.query_one("#review-notes", TextArea)
        if not self.spans:
            return ""
        if notes.selected_text.strip():
            return notes.selected_text.strip("\n")
        row = notes.cursor_location[0]
        for first, last in self.spans:
            if first - 1 <= row <= last:
                return "\n".join(notes.document.get_line(i) for i in range(first, last + 1))
        return ""

    def action_copy_in(self) -> None:
        text = self.copied_text()
        if not text:
            self.notify(tx("rv_nothing_to_copy"), severity="warning")
            return
        target = self.query_one("#review-text", NotesEditor)
        if isinstance(self.focused, NotesEditor):
            target = self.focused
        end = target.document.end
        before = "\n" if target.text and not target.text.endswith("\n") else ""
        target.insert(before + text, end)
        target.focus()

    def action_switch_pane(self) -> None:
        """From the writing side to the notes and back."""
        if isinstance(self.focused, NotesEditor):
            self.query_one("#review-notes", TextArea).focus()
        else:
            self.query_one("#review-text", NotesEditor).focus()

    def _flush(self) -> None:
        for editor in self.query(NotesEditor):
            editor.flush()

    @property
    def shown_meeting_id(self) -> str | None:
        return self.data.meeting_id

    def flush_notes(self) -> None:
        """Called by the app before quitting and exporting, like the capture screen's."""
        self._flush()

    def action_next_question(self) -> None:
        if self.index + 1 < len(self.questions):
            self._flush()
            self.index += 1
            self.show()

    def action_previous_question(self) -> None:
        if self.index > 0:
            self._flush()
            self.index -= 1
            self.show()

    def on_screen_suspend(self) -> None:
        self._flush()

    def action_back(self) -> None:
        self._flush()
        self.dismiss(None)


def _store_referat(db: Database, key: tuple[str, str, str], text: str) -> None:
    """A referat text (kind «tekst») or a section's conclusion; runs on the writer thread."""
    from models.minutes import save_referat

    meeting_id, question_key, kind = key
    save_referat(db, meeting_id, question_key, text, kind=kind)
