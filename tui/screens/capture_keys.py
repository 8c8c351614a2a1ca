"""Who owns the keyboard on the capture screen: the note, unless a key belongs elsewhere."""

from __future__ import annotations

from time import monotonic
from typing import TYPE_CHECKING

from textual import events
from textual.widget import Widget
from textual.widgets import Input, TextArea

from tui.text import tx
from tui.widgets.answer_panel import AnswerPanel
from tui.widgets.choice_list import ChoiceList
from tui.widgets.entered_panel import EnteredPanel
from tui.widgets.guide_tree import GuideTree
from tui.widgets.notes_editor import NotesEditor

if TYPE_CHECKING:
    from textual.css.query import DOMQuery
    from textual.dom import DOMNode


# Keys that move the focus, and the actions they run (Textual's screen bindings).
FOCUS_KEYS = {"tab": "app.focus_next", "shift+tab": "app.focus_previous"}


class CaptureKeys:
    """Mixed into CaptureScreen: stray letters go to the note, Escape twice leaves."""

    _escape_pressed: bool
    _escape_edits = 0  # the note's edits at the first Escape: typing since makes it no second
    last_key_at = 0.0  # monotonic time of the last key: panels are mounted ahead in pauses
    notes_editor: NotesEditor
    answer_panel: AnswerPanel
    guide_tree: GuideTree

    if TYPE_CHECKING:
        focused: Widget | None

        def query(self, selector: type[Widget]) -> DOMQuery[Widget]: ...
        def query_one(self, selector: type[AnswerPanel]) -> AnswerPanel: ...
        def side_panels(self) -> list[EnteredPanel]: ...
        def set_focus(self, widget: Widget | None) -> None: ...
        def notify(self, message: str, **options: object) -> None: ...
        def entered_panel_slot(self) -> EnteredPanel | None: ...
        def action_back(self) -> None: ...
        async def open_tree_cursor(self) -> None: ...

    def focus_notes(self) -> None:
        """Give the keyboard to the current author's note; panels and «annet» are left."""
        editor = self.notes_editor
        if not editor.is_attached:  # not composed yet, or already closing
            return
        for panel in self.side_panels():
            panel.leave()
        self.answer_panel.close_other()
        self.set_focus(editor)

    def typing_fallback(self) -> NotesEditor | None:
        """The current author's note, for typing whose panel or form is not there yet."""
        editor = self.notes_editor
        return editor if editor.is_attached else None

    def route_paste(self, event: events.Paste) -> None:
        """A paste with the focus on a list, the tree or a panel's rows goes to the note, as a
        letter typed there does (Textual would give it to the list, which drops it)."""
        self.last_key_at = monotonic()
        if not isinstance(self.focused, (Input, TextArea)):
            self.focus_notes()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._escape_pressed = False
        focused = event.widget
        panel = self.entered_panel_slot()
        if panel is not None and panel.entered and panel not in focused.ancestors_with_self:
            panel.leave()
        for answer_panel in self.query(AnswerPanel):
            assert isinstance(answer_panel, AnswerPanel)
            if answer_panel.other_input is not focused:
                answer_panel.close_other()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._escape_pressed = False  # a panel's text field; the note's own stop at it

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

    def route_key(self, event: events.Key) -> tuple[DOMNode, str] | None:
        """Called by the app for each key before it is sent to the focused widget: a printable
        key the focused widget does not own moves the focus to the note first, so that the key
        itself is delivered there, in order, even when several arrive at once. An entered
        panel's own key is handed back to be run at once, so that the next key sees its effect."""
        self.last_key_at = monotonic()
        focused = self.focused
        if (
            event.key in FOCUS_KEYS
            and focused is not None
            and not focused.check_consume_key(event.key, event.character)
        ):
            # Tab moves the focus at once: Textual would move it once the key had bubbled up
            # from the focused widget, after the keys typed behind it were routed to that
            # widget (Tab, Tab, Space: the Space went to the note, not to the choices).
            return (self, FOCUS_KEYS[event.key])
        if event.key == "enter" and focused is self.guide_tree:
            return (self, "open_in_tree")  # at once: the note typed after it is the question's
        if (
            event.key == "enter"
            and focused is not None
            and focused is self.answer_panel.other_input
        ):
            return (self, "focus_notes")  # «annet» done: what is typed next is the note's
        if event.key == "enter" and isinstance(focused, Input):
            # A panel's field sends what it holds now: Textual would run its Enter once the key
            # had bubbled up to the app, after the letters typed behind it (the next item's).
            return (focused, "submit")
        panel = self.entered_panel_slot()
        if (
            not event.is_printable
            and panel is not None
            and panel.entered
            and focused is not None
            and not isinstance(focused, (Input, TextArea))
            and panel in focused.ancestors_with_self
        ):
            # The panel's other keys (Enter: edit, Delete: unlink, ctrl+z: undo) at once too,
            # in order with its letters: they ran once they had bubbled up to the app.
            action = panel.action_for(event.key)
            if action:
                return (panel, action)
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

    async def action_open_in_tree(self) -> None:
        await self.open_tree_cursor()

    def action_escape(self) -> None:
        """Escape returns to the note; in the note, Escape twice leaves the meeting."""
        editor = self.focused
        if not isinstance(editor, NotesEditor):
            self.focus_notes()
            return
        if self._escape_pressed and editor.edits == self._escape_edits:
            self.action_back()
            return
        self._escape_pressed = True
        self._escape_edits = editor.edits
        self.notify(tx("capture_escape_again"), timeout=3)

    def action_choose(self, number: int) -> None:
        """alt+1 … alt+9 tick choice 1–9 of the question; alt+0 opens «annet»."""
        self._escape_pressed = False
        answer_panel = self.answer_panel
        done = answer_panel.open_other() if number == 0 else answer_panel.toggle(number - 1)
        if not done:
            self.notify(tx("capture_no_choice", number=number), severity="warning", timeout=3)

    def on_answer_panel_other_closed(self) -> None:
        self.focus_notes()
