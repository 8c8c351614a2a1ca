"""The capture screen: walk the guide question by question and type notes that save themselves."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input, Label, Static, TextArea, Tree

from models.meeting_form import AnswerState
from tui import bindings
from tui.messages import EditMeeting
from tui.screens.capture_lines import NoteLineKeys
from tui.screens.capture_marks import QuestionMarks
from tui.screens.capture_time import FLUSH_SECONDS, QuestionTimer
from tui.screens.holds_notes import HoldsNotes, RoutesKeys
from tui.store import save_answer
from tui.text import tx
from tui.widgets.answer_panel import AnswerPanel
from tui.widgets.choice_list import ChoiceList
from tui.widgets.entered_panel import EnteredPanel
from tui.widgets.guide_tree import GuideTree
from tui.widgets.meeting_clock import MeetingClock, meeting_start
from tui.widgets.notes_editor import NotesEditor
from tui.widgets.save_indicator import SaveIndicator
from tui.widgets.write_failure import failure_text

if TYPE_CHECKING:
    from models.guides import Question
    from models.storage import Database
    from tui.app import InnsiktApp
    from tui.store import CaptureData
    from tui.writer import Writer


def side_panel(kind: str, db: object, meeting_id: str, question_key: str) -> Widget | None:
    """The services or follow-ups panel for a question of that kind, if it is installed."""
    try:
        if kind == "services":
            from tui.widgets.services_panel import ServicesPanel

            return ServicesPanel(db, meeting_id, question_key)
        if kind == "followups":
            from tui.widgets.followups_panel import FollowUpsPanel

            return FollowUpsPanel(db, meeting_id)
        if kind == "people":
            from tui.widgets.contacts_panel import ContactsPanel

            return ContactsPanel(db, meeting_id, question_key)
    except ImportError:
        return Static(tx("capture_panel_missing", what=kind), classes="muted")
    return None


class CaptureScreen(
    NoteLineKeys, QuestionMarks, QuestionTimer, HoldsNotes, RoutesKeys, Screen[None]
):
    BINDINGS = bindings.CAPTURE

    class AnswerSaved(Message):
        """An answer write is durable."""

    def __init__(self, data: CaptureData, author: str, question_key: str | None = None) -> None:
        super().__init__()
        self.data = data
        self.author = author
        self.questions = data.guide.questions()
        keys = [question.key for question in self.questions]
        self.start = keys.index(question_key) if question_key in keys else 0
        self.index = 0
        self._shown_key = ""
        # The side panels mounted so far by (kind, question key), and the one shown.
        self._panels: dict[tuple[str, str], Widget] = {}
        self._panel: Widget | None = None
        # A first Escape in the notes only warns; a second one, with nothing in between, leaves.
        self._escape_pressed = False
        self.question_seconds = dict(data.question_seconds)

    @property
    def innsikt(self) -> InnsiktApp:
        return cast("InnsiktApp", self.app)

    @property
    def question(self) -> Question:
        return self.questions[self.index]

    # --- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        opened = self.innsikt.clock()
        started = meeting_start(
            self.data.date, self.data.start_time, opened, self.recorded_seconds()
        )
        title = self.data.title
        if self.data.organisations and self.data.organisations not in title:
            title = f"{title} – {self.data.organisations}"
        yield MeetingClock(title, started, self.innsikt.clock)
        with Horizontal(id="capture-body"):
            marks = {q.key: self.mark_for(q.key) for q in self.questions}
            yield GuideTree(self.data.guide, marks, id="guide-tree")
            with Vertical(id="capture-main"):
                yield Static(id="question-text")
                yield Static(id="question-help", classes="muted")
                with VerticalScroll(id="capture-extras", can_focus=False):
                    yield AnswerPanel(id="answer")
                    yield Vertical(id="panel-slot")
                yield Label(tx("capture_notes", author=self.author), id="notes-label")
                yield NotesEditor(self.innsikt.saver, id="notes")
                yield Static(id="others")
        with Horizontal(id="capture-status"):
            yield Static(id="question-state")
            yield SaveIndicator(id="save-indicator")
        yield Footer()

    async def on_mount(self) -> None:
        self.query_one(GuideTree).show_times(self.question_seconds)
        self.set_interval(FLUSH_SECONDS, self.flush_time)
        await self.go_to(self.start)
        from tui.gc_tuning import freeze_after_start

        self.call_after_refresh(freeze_after_start)

    def on_screen_resume(self) -> None:
        # Back from a form or a dialog: the keyboard belongs to the note again.
        self._escape_pressed = False
        self.resume_timing()
        self.focus_notes()

    def timing_target(self) -> tuple[Database, Writer, str] | None:
        db = self.innsikt.db
        return (
            None if db is None or db.read_only else (db, self.innsikt.writer, self.data.meeting_id)
        )

    def on_resize(self) -> None:
        self.set_class(self.size.width < 90, "-narrow")

    # --- marks ----------------------------------------------------------------------------

    def answer(self, question_key: str, author: str | None = None) -> AnswerState:
        return self.data.answers.get((question_key, author or self.author), AnswerState())

    # --- moving between questions -----------------------------------------------------------

    async def go_to(self, index: int) -> None:
        self._escape_pressed = False
        editor = self.query_one(NotesEditor)
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
        self.query_one("#question-text", Static).update(heading)
        help_text = self.query_one("#question-help", Static)
        help_text.update(Text(question.help))
        help_text.display = bool(question.help)
        await self.query_one(AnswerPanel).show(question, self.answer(question.key))
        await self.show_side_panel(question)
        self.show_others()
        self.show_state()
        editor.show_note(
            (self.data.meeting_id, question.key, self.author),
            self.data.notes.get((question.key, self.author), ""),
            self.data.note_stamps.get((question.key, self.author), ""),
        )
        self.query_one(GuideTree).show_question(question.key)
        self.focus_notes()

    async def show_side_panel(self, question: Question) -> None:
        """Show the question's services, follow-ups or contacts panel, hiding the others.

        Each panel is mounted the first time its question is shown and kept (hidden) after:
        removing and re-mounting them on every PgDn was slow, and a panel half removed could
        be asked for its table (NoMatches).
        """
        slot = self.query_one("#panel-slot", Vertical)
        # One follow-ups panel per meeting; the others per question.
        key = (question.kind, "" if question.kind == "followups" else question.key)
        panel = self._panels.get(key)
        if panel is None:
            made = side_panel(question.kind, self.innsikt.db, self.data.meeting_id, question.key)
            if made is not None:
                self._panels[key] = panel = made
                await slot.mount(made)
        elif isinstance(panel, EnteredPanel) and panel is not self._panel:
            panel.reload()  # its rows may have changed while it was hidden
        for other in self._panels.values():
            other.display = other is panel
        self._panel = panel
        slot.display = panel is not None

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
        widget.border_title = tx("capture_others")
        widget.update(others)
        widget.display = bool(others)

    def show_state(self) -> None:
        state = self.answer(self.question.key).state
        position = f"{self.index + 1}/{len(self.questions)}"
        spent = self.question_time_text(self.question.key)
        if spent:
            position += "  " + tx("capture_time_here", spent=spent)
        text = f"{position}  " + (tx("capture_state", state=tx(f"state_{state}")) if state else "")
        self.query_one("#question-state", Static).update(text)

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

    @on(Tree.NodeSelected, "#guide-tree")
    async def tree_selected(self, event: Tree.NodeSelected[str]) -> None:
        keys = [q.key for q in self.questions]
        if event.node.data in keys and not self.query_one(GuideTree).is_section(event.node):
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
        self.query_one(GuideTree).focus()

    def action_focus_notes(self) -> None:
        self.focus_notes()

    def action_focus_panel(self) -> None:
        """Enter the services or follow-ups panel (its keys work from now), else the choices."""
        self._escape_pressed = False
        panel = self.entered_panel_slot()
        if panel is not None:
            panel.enter()
            return
        chooser = self.query_one(AnswerPanel).choice_list
        if chooser is not None:
            # At once, not deferred as focus() is: a key in the same burst as F2 is for the list.
            self.set_focus(chooser)

    # --- who owns the keyboard --------------------------------------------------------------

    def entered_panel_slot(self) -> EnteredPanel | None:
        return self._panel if isinstance(self._panel, EnteredPanel) else None

    def focus_notes(self) -> None:
        """Give the keyboard to the current author's note; panels and «annet» are left."""
        editor = next(iter(self.query(NotesEditor)), None)
        if editor is None:  # not composed yet, or already closing
            return
        for panel in self.query(EnteredPanel):
            panel.leave()
        self.query_one(AnswerPanel).close_other()
        self.set_focus(editor)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._escape_pressed = False
        focused = event.widget
        panel = self.entered_panel_slot()
        if panel is not None and panel.entered and panel not in focused.ancestors_with_self:
            panel.leave()
        for answer_panel in self.query(AnswerPanel):
            if answer_panel.other_input is not focused:
                answer_panel.close_other()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._escape_pressed = False

    def owns_key(self, widget: Widget | None, event: events.Key) -> bool:
        """Whether the focused `widget` should act on this printable key itself."""
        if widget is None:
            return False
        if isinstance(widget, (Input, TextArea)):
            return True  # the notes editor, «annet» once opened, a panel's fields once entered
        if isinstance(widget, ChoiceList):
            return event.key == "space"
        panel = self.entered_panel_slot()
        if panel is not None and panel.entered and panel in widget.ancestors_with_self:
            return event.key in panel.panel_keys()
        return False

    def route_key(self, event: events.Key) -> tuple[EnteredPanel, str] | None:
        """Called by the app for each key before it is sent to the focused widget: a printable
        key the focused widget does not own moves the focus to the note first, so that the key
        itself is delivered there, in order, even when several arrive at once. An entered
        panel's own key is handed back to be run at once, so that the next key sees its effect."""
        if not (event.is_printable and event.character is not None):
            return None
        if not self.owns_key(self.focused, event):
            self.focus_notes()
            return None
        panel = self.entered_panel_slot()
        focused = self.focused
        if panel is None or focused is None or isinstance(focused, (Input, TextArea)):
            return None
        if panel.entered and panel in focused.ancestors_with_self:
            action = panel.action_for(event.key)
            return (panel, action) if action else None
        return None

    def action_escape(self) -> None:
        """Escape returns to the note; in the note, Escape twice leaves the meeting."""
        if self.focused is not self.query_one(NotesEditor):
            self.focus_notes()
            return
        if self._escape_pressed:
            self.action_back()
            return
        self._escape_pressed = True
        self.notify(tx("capture_escape_again"), timeout=3)

    def action_choose(self, number: int) -> None:
        """alt+1 … alt+9 tick choice 1–9 of the question; alt+0 opens «annet»."""
        self._escape_pressed = False
        answer_panel = self.query_one(AnswerPanel)
        done = answer_panel.open_other() if number == 0 else answer_panel.toggle(number - 1)
        if not done:
            self.notify(tx("capture_no_choice", number=number), severity="warning", timeout=3)

    def on_answer_panel_other_closed(self) -> None:
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

    # --- writing --------------------------------------------------------------------------

    def action_timestamp(self) -> None:
        self._escape_pressed = False
        editor = self.query_one(NotesEditor)
        editor.focus()
        row, column = editor.cursor_location
        # A time stamp starts a line, the way minutes are written («10:42 Ola: …»).
        before = "\n" if editor.document.get_line(row)[:column].strip() else ""
        editor.insert(before + self.innsikt.clock().strftime("%H:%M") + " ")

    def action_toggle_state(self, state: str) -> None:
        self._escape_pressed = False
        current = self.answer(self.question.key)
        new_state = "" if current.state == state else state
        self.store_answer(AnswerState(current.choices, current.other_text, new_state))
        self.show_state()

    @on(AnswerPanel.Changed)
    def answer_changed(self, event: AnswerPanel.Changed) -> None:
        current = self.answer(event.question_key)
        choices = current.choices if event.choices is None else event.choices
        other_text = current.other_text if event.other_text is None else event.other_text
        if (choices, other_text) != (current.choices, current.other_text):
            self.store_answer(AnswerState(choices, other_text, current.state), event.question_key)

    def store_answer(self, answer: AnswerState, question_key: str | None = None) -> None:
        key = question_key or self.question.key
        self.data.answers[(key, self.author)] = answer
        self.refresh_mark(key)
        self.query_one(SaveIndicator).saving()
        db, meeting_id, author = self.innsikt.db, self.data.meeting_id, self.author
        self.innsikt.writer.submit_latest(
            ("answer", meeting_id, key, author),
            lambda: save_answer(db, meeting_id, key, author, answer),
            on_done=lambda _result: self.post_message(self.AnswerSaved()),
            on_error=lambda error: self.post_message(
                NotesEditor.SaveFailed((meeting_id, key, author), failure_text(error))
            ),
        )

    @property
    def shown_meeting_id(self) -> str | None:
        return self.data.meeting_id

    @property
    def shown_question_key(self) -> str | None:
        return self.question.key

    def flush_notes(self) -> None:
        # query, not query_one: a screen just pushed has no editor until it is composed.
        for editor in self.query(NotesEditor):
            editor.flush()

    def on_screen_suspend(self) -> None:
        self.flush_notes()
        self.pause_timing()

    def on_notes_editor_saving(self) -> None:
        self.query_one(SaveIndicator).saving()

    def on_notes_editor_saved(self, message: NotesEditor.Saved) -> None:
        _, question_key, _ = message.key
        self.data.notes[(question_key, self.author)] = message.text
        self.refresh_mark(question_key)
        if not self.query_one(NotesEditor).dirty:
            self.query_one(SaveIndicator).saved(self.innsikt.clock())

    def on_capture_screen_answer_saved(self) -> None:
        if not self.query_one(NotesEditor).dirty:
            self.query_one(SaveIndicator).saved(self.innsikt.clock())

    def on_notes_editor_save_failed(self, message: NotesEditor.SaveFailed) -> None:
        indicator = self.query_one(SaveIndicator)
        if indicator.problem != message.detail:  # a retry failing again is not news
            self.notify(message.detail, severity="error", timeout=10, markup=False)
        indicator.failed(message.detail)

    def on_notes_editor_cleaned(self) -> None:
        self.notify(tx("paste_cleaned"), severity="warning")
