"""The structured answer of a `choice` or `multi` question: a numbered choice list plus «annet».

The «annet» text field is out of the Tab order until it is opened on purpose (alt+0), so that
tabbing around the capture screen never leaves the typing in a field the user did not choose.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input

from tui.forms import clean_line
from tui.text import tx
from tui.widgets.choice_list import ChoiceList

if TYPE_CHECKING:
    from models.guides import Question
    from models.meeting_form import AnswerState


class OtherInput(Input):
    """The «annet» field; focusable only while opened, so Tab passes it by."""

    def __init__(self, value: str, *, name: str) -> None:
        super().__init__(
            value,
            placeholder=tx("capture_other_placeholder"),
            name=name,
            classes="other-text",
            compact=True,
        )
        self.can_focus = False


class AnswerPanel(Vertical):
    """Rebuilt for each question; posts `Changed` with the question key and new choices."""

    DEFAULT_CSS = """
    AnswerPanel { height: auto; }
    AnswerPanel ChoiceList { height: auto; max-height: 12; width: 1fr; }
    AnswerPanel Input { width: 1fr; }
    """

    class Changed(Message):
        def __init__(self, question_key: str, choices: list[str], other_text: str) -> None:
            super().__init__()
            self.question_key = question_key
            self.choices = choices
            self.other_text = other_text

    class OtherClosed(Message):
        """Enter or Escape in «annet»: the notes editor takes the keyboard back."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.question_key = ""
        self.question: Question | None = None

    async def show(self, question: Question, answer: AnswerState) -> None:
        """Replace the widgets with those of `question`, showing `answer`."""
        await self.remove_children()
        self.question_key = question.key
        self.question = question
        self.display = question.kind in ("choice", "multi")
        if not self.display:
            return
        chooser = ChoiceList(
            question.choices,
            answer.choices,
            multiple=question.kind == "multi",
            name=question.key,
        )
        other = OtherInput(answer.other_text, name=question.key)
        other.display = bool(answer.other_text)
        await self.mount(chooser, other)

    @property
    def choice_list(self) -> ChoiceList | None:
        return next(iter(self.query(ChoiceList)), None)

    @property
    def other_input(self) -> OtherInput | None:
        return next(iter(self.query(OtherInput)), None)

    def toggle(self, index: int) -> bool:
        """Toggle choice `index` of the current question; False when it has no such choice."""
        chooser = self.choice_list
        if chooser is None or not 0 <= index < len(chooser.choices):
            return False
        chooser.toggle(index)
        return True

    def open_other(self) -> bool:
        """Show «annet», let it take focus and put the cursor in it."""
        other = self.other_input
        if other is None:
            return False
        other.display = True
        other.can_focus = True
        other.focus()
        other.cursor_position = len(other.value)
        return True

    def close_other(self) -> None:
        other = self.other_input
        if other is not None:
            other.can_focus = False
            other.display = bool(other.value)

    def _choices(self) -> list[str]:
        chooser = self.choice_list
        return list(chooser.chosen) if chooser is not None else []

    def _other_text(self) -> str:
        other = self.other_input
        return clean_line(other.value) if other is not None else ""

    def _post(self, control_name: str | None) -> None:
        # Messages from the widgets of the previous question may arrive after a switch.
        if control_name == self.question_key:
            self.post_message(self.Changed(self.question_key, self._choices(), self._other_text()))

    def on_choice_list_changed(self, event: ChoiceList.Changed) -> None:
        event.stop()
        self._post(event.choice_list.name)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._post(event.input.name)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.close_other()
        self.post_message(self.OtherClosed())
