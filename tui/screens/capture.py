"""The capture screen: walk the guide question by question and type notes that save themselves.

Its jobs beside moving between questions are in mixins of their own: who owns the keyboard
(capture_keys), the side panels (capture_panels), the writes (capture_writing), the note's line
keys (capture_lines), the tree's marks (capture_marks) and the time per question (capture_time).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Label, Static, Tree

from models.meeting_form import AnswerState
from tui import bindings
from tui.crop_compositor import crop_updates
from tui.gc_tuning import PauseCollector
from tui.messages import EditMeeting
from tui.screens.capture_keys import CaptureKeys
from tui.screens.capture_lines import NoteLineKeys
from tui.screens.capture_marks import QuestionMarks
from tui.screens.capture_panels import CapturePanels
from tui.screens.capture_time import FLUSH_SECONDS, QuestionTimer
from tui.screens.capture_writing import CaptureWriting
from tui.screens.holds_notes import HoldsNotes, OpensLate, RoutesKeys
from tui.screens.keys_in_order import KeysInOrder
from tui.screens.laid_out import LaidOutOnce
from tui.text import tx
from tui.widgets.answer_panel import AnswerPanel
from tui.widgets.guide_tree import GuideTree
from tui.widgets.header_text import HeaderBox, HeaderScroll, HeaderText
from tui.widgets.meeting_clock import MeetingClock, meeting_start
from tui.widgets.notes_editor import NotesEditor
from tui.widgets.quiet_footer import QuietFooter
from tui.widgets.save_indicator import SaveIndicator

if TYPE_CHECKING:
    from models.guides import Question
    from models.storage import Database
    from tui.autosave import NoteSaver
    from tui.capture_data import CaptureData
    from tui.writer import Writer


NARROW_BELOW = 90  # a narrower terminal gives the guide tree less room (app.tcss: -narrow)


class CaptureScreen(
    NoteLineKeys,
    CaptureKeys,
    CapturePanels,
    CaptureWriting,
    QuestionMarks,
    QuestionTimer,
    HoldsNotes,
    OpensLate,
    RoutesKeys,
    KeysInOrder,
    LaidOutOnce,
    Screen[None],
):
    """One meeting's capture. `db` is None while the database is still opening: the screen
    shows and takes typing at once, and its writes wait in the writer until `database_opened`."""

    BINDINGS = bindings.CAPTURE
    database_failed = False  # no database to mount the side panels with

    class Painted(Message):
        """The screen has painted its first question (the app waits with heavy work)."""

    def __init__(
        self,
        data: CaptureData,
        author: str,
        question_key: str | None = None,
        *,
        db: Database | None,
        writer: Writer,
        saver: NoteSaver,
        clock: Callable[[], dt.datetime],
        early_text: Callable[[], str] = str,
    ) -> None:
        super().__init__()
        crop_updates(self)  # a key repaints the note, not the screen's other widgets too
        self.data = data
        self.author = author
        self.db = db
        self.writer = writer
        self.saver = saver
        self.clock = clock
        self.early_text = early_text
        self.questions = data.guide.questions()
        keys = [question.key for question in self.questions]
        self.start = keys.index(question_key) if question_key in keys else 0
        self.index = 0
        self._shown_key = ""
        self.shown = False
        # The width and lines each header widget wrapped to, last shown, and the text it was given.
        self._heights: dict[str, tuple[int, int]] = {}
        self._texts: dict[str, Text] = {}
        self.init_panels()
        # The parts every PgDn and key touch, kept at hand: query_one walks the screen again
        # after any widget is shown or hidden, which each PgDn does.
        self.notes_editor = NotesEditor(saver, id="notes")
        self.answer_panel = AnswerPanel(id="answer")
        self.save_indicator = SaveIndicator(id="save-indicator")
        marks = {q.key: self.mark_for(q.key) for q in self.questions}
        self.guide_tree = GuideTree(data.guide, marks, id="guide-tree")
        # A first Escape in the notes only warns; a second one, with nothing in between, leaves.
        self._escape_pressed = False
        self.question_seconds = dict(data.question_seconds)
        self.collector = PauseCollector()

    @property
    def question(self) -> Question:
        return self.questions[self.index]

    # --- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        opened = self.clock()
        started = meeting_start(
            self.data.date, self.data.start_time, opened, self.recorded_seconds()
        )
        title = self.data.title
        if self.data.organisations and self.data.organisations not in title:
            title = f"{title} – {self.data.organisations}"
        yield MeetingClock(title, started, self.clock)
        with Horizontal(id="capture-body"):
            yield self.guide_tree
            with Vertical(id="capture-main"):
                yield HeaderText(id="question-text")
                yield HeaderText(id="question-help", classes="muted")
                with HeaderScroll(id="capture-extras", can_focus=False):
                    yield self.answer_panel
                    yield HeaderBox(id="panel-slot")
                yield Label(tx("capture_notes", author=self.author), id="notes-label")
                yield self.notes_editor
                others = HeaderText(id="others")
                others.border_title = tx("capture_others")
                yield others
        with Horizontal(id="capture-status"):
            yield Static(id="question-state")
            yield self.save_indicator
        yield QuietFooter(keys_at_once=True)  # in the first frame: the focus changes none

    async def on_mount(self) -> None:
        # Narrow already for the first layout: set by its Resize, it cost a restyle, a second
        # layout and a frame with the guide tree at its wide width first.
        self.set_class(self.app.size.width < NARROW_BELOW, "-narrow")
        self.guide_tree.show_times(self.question_seconds)
        self.set_interval(FLUSH_SECONDS, self.flush_time)
        await self.go_to(self.start)
        # Typed before the meeting showed: into the first question's note, as if typed there,
        # and before any key after it (the app keeps keys until `shown`).
        early = self.early_text()
        if early:
            self.notes_editor.insert(early)
        self.shown = True
        self.call_after_refresh(self._painted)

    def _painted(self) -> None:
        if not self.is_attached:
            # Left before its first frame: Textual hands this callback to the screen shown
            # next and may run it after this one's on_unmount, which would leave Python's
            # collection threshold raised for good.
            return
        from tui.gc_tuning import PAUSE_TICK, freeze_after_start

        freeze_after_start()
        # From now on Python's collections run between the keys, not inside a PgDn.
        self.collector.start()
        self.set_interval(PAUSE_TICK, self.collector.tick)
        self.post_message(self.Painted())

    def on_unmount(self) -> None:
        self.collector.stop()

    def database_opened(self, db: Database) -> None:
        """The database the screen was shown before is open: the held writes and the panels
        can use it now."""
        self.db = db
        if self.is_mounted:
            self.call_later(self.show_side_panel, self.question)
            self.opened_for_f2()

    def database_not_opened(self) -> None:
        self.database_failed = True
        self.opened_for_f2()

    def on_screen_resume(self) -> None:
        # Back from a form or a dialog: the keyboard belongs to the note again.
        self._escape_pressed = False
        self.resume_timing()
        self.focus_notes()

    def timing_target(self) -> tuple[Database, Writer, str] | None:
        db = self.db
        return None if db is None or db.read_only else (db, self.writer, self.data.meeting_id)

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW_BELOW, "-narrow")

    def answer(self, question_key: str, author: str | None = None) -> AnswerState:
        return self.data.answers.get((question_key, author or self.author), AnswerState())

    # --- moving between questions -----------------------------------------------------------

    async def go_to(self, index: int) -> None:
        self._escape_pressed = False
        editor = self.notes_editor
        if self._shown_key:
            self.data.notes[(self._shown_key, self.author)] = editor.text
            self.refresh_mark(self._shown_key)
        self.index = index
        question = self.question
        self._shown_key = question.key
        self.start_timing(question.key)
        section = self.data.guide.section_of(question.key)
        heading = Text(f"{question.key} · {section.title if section else ''}\n", style="dim")
        heading.append(question.text, style="bold")
        self._update_in_place(self.query_one("#question-text", Static), heading)
        help_text = self.query_one("#question-help", Static)
        if question.help:
            self._update_in_place(help_text, Text(question.help))
        help_text.display = bool(question.help)  # unchanged: nothing happens
        await self.answer_panel.show(question, self.answer(question.key))
        await self.show_side_panel(question)
        self.show_others()
        self.show_state()
        editor.show_note(
            (self.data.meeting_id, question.key, self.author),
            self.data.notes.get((question.key, self.author), ""),
            self.data.note_stamps.get((question.key, self.author), ""),
        )
        self.guide_tree.show_question(question.key)
        self.focus_notes()

    def _update_in_place(self, widget: Static, content: Text) -> None:
        """Update `widget`, relaying the screen out only when its wrapped height changes (a
        layout of the whole screen was most of a PgDn), and not at all to the same text."""
        key = widget.id or ""
        if self._texts.get(key) == content:
            return
        self._texts[key] = content
        widget.update(content, layout=False)
        # Measured as the layout measures it (and kept for that layout).
        width = widget.content_size.width
        height = widget.get_content_height(widget.content_size, self.size, width) if width else 0
        if not height or (width, height) != self._heights.get(key):
            widget.refresh(layout=True)
        self._heights[key] = (width, height)

    def show_others(self) -> None:
        key = self.question.key
        others = Text()
        for (question_key, author), text in sorted(self.data.notes.items()):
            if question_key == key and author != self.author and text.strip():
                others.append(f"{author}:\n", style="bold")
                others.append(text.rstrip() + "\n")
        for (question_key, author), answer in sorted(self.data.answers.items()):
            if question_key == key and author != self.author and not answer.empty:
                chosen = ", ".join([*answer.choices, answer.other_text, answer.state])
                others.append(f"{author}: ", style="bold")
                others.append(chosen.strip(", ") + "\n")
        others.rstrip()
        widget = self.query_one("#others", Static)
        if others:
            self._update_in_place(widget, others)
        widget.display = bool(others)  # unchanged: nothing happens

    def show_state(self) -> None:
        state = self.answer(self.question.key).state
        position = f"{self.index + 1}/{len(self.questions)}"
        spent = self.question_time_text(self.question.key)
        if spent:
            position += "  " + tx("capture_time_here", spent=spent)
        text = f"{position}  " + (tx("capture_state", state=tx(f"state_{state}")) if state else "")
        self.query_one("#question-state", Static).update(text, layout=False)  # one line, 1fr

    async def action_next_question(self) -> None:
        self._escape_pressed = False
        if self.index + 1 >= len(self.questions):
            self.notify(tx("capture_last"))
            return
        await self.go_to(self.index + 1)

    async def action_previous_question(self) -> None:
        self._escape_pressed = False
        if self.index == 0:
            self.notify(tx("capture_first"))
            return
        await self.go_to(self.index - 1)

    async def open_tree_cursor(self) -> None:
        """Enter in the tree, run as it is routed: open the question under its cursor (a
        section opens or closes, as Textual's Enter does)."""
        node = self.guide_tree.cursor_node
        keys = [q.key for q in self.questions]
        if node is not None and node.data in keys and not self.guide_tree.is_section(node):
            await self.go_to(keys.index(node.data))
        else:
            self.guide_tree.action_select_cursor()

    @on(Tree.NodeSelected, "#guide-tree")
    async def tree_selected(self, event: Tree.NodeSelected[str]) -> None:
        keys = [q.key for q in self.questions]
        if event.node.data in keys and not self.guide_tree.is_section(event.node):
            await self.go_to(keys.index(event.node.data))

    def action_jump_section(self) -> None:
        from tui.screens.section_jump import SectionJumpScreen

        section = self.data.guide.section_of(self.question.key)

        async def jump(section_key: str | None) -> None:
            keys = [self.data.guide.section_of(q.key) for q in self.questions]
            for index, owner in enumerate(keys):
                if owner is not None and owner.key == section_key:
                    await self.go_to(index)
                    break
            self.focus_notes()

        self.app.push_screen(
            SectionJumpScreen(self.data.guide, section.key if section else None), jump
        )

    def action_focus_tree(self) -> None:
        # At once, not deferred as focus() is: the arrows and Enter typed right after ctrl+l
        # are for the tree, not the note.
        self.set_focus(self.guide_tree)

    def action_focus_notes(self) -> None:
        self.focus_notes()

    def action_edit_meeting(self) -> None:
        self.post_message(EditMeeting(self.data.meeting_id))

    def action_toggle_transcript(self) -> None:
        from tui.widgets.transcript_panel import toggle_transcript

        toggle_transcript(self)

    def action_back(self) -> None:
        self.flush_notes()
        self.pause_timing()
        self.dismiss(None)

    @property
    def shown_meeting_id(self) -> str | None:
        return self.data.meeting_id

    @property
    def shown_question_key(self) -> str | None:
        return self.question.key
