"""The structured answer of a `choice` or `multi` question: a numbered choice list plus «annet».

The «annet» text field is out of the Tab order until it is opened on purpose (alt+0), so that
tabbing around the capture screen never leaves the typing in a field the user did not choose.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input

from tui.forms import clean_line
from tui.text import tx
from tui.widgets.choice_list import ChoiceList
from tui.widgets.own_size import SizedByLayout
from tui.widgets.text_field import TextField

if TYPE_CHECKING:
    from models.guides import Question
    from models.meeting_form import AnswerState


class OtherInput(TextField):
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
        self.question_key = name  # whose «annet» this is; the panel changes it per question

    class Edited(Message):
        """The text changed; with the question it was typed for (the field is reused)."""

        def __init__(self, question_key: str, value: str) -> None:
            super().__init__()
            self.question_key = question_key
            self.value = value

    def post_message(self, message: Message) -> bool:
        # Input.Changed is read when it arrives, by then perhaps on the next question: say now
        # which question the text belongs to.
        if isinstance(message, Input.Changed):
            message = self.Edited(self.question_key, message.value)
        return super().post_message(message)


class AnswerPanel(SizedByLayout, Vertical):
    """Shows each question in the same widgets; posts `Changed` with the question key and new choices."""

    DEFAULT_CSS = """
    AnswerPanel { height: auto; }
    AnswerPanel ChoiceList { height: auto; max-height: 12; width: 1fr; }
    AnswerPanel Input { width: 1fr; }
    """

    class Changed(Message):
        """The choices or «annet» of `question_key` changed; None: that part is as stored."""

        def __init__(
            self, question_key: str, choices: list[str] | None, other_text: str | None
        ) -> None:
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

    def compose(self) -> ComposeResult:
        # Built once and reused for every question: re-mounting them on each PgDn cost a
        # layout and a style pass, and widgets being removed could be queried half-gone.
        yield ChoiceList([], [], multiple=False, name="")
        yield OtherInput("", name="")

    async def show(self, question: Question, answer: AnswerState) -> None:
        """Show the choices and «annet» of `question`, with `answer`."""
        self.question_key = question.key
        self.question = question
        self.display = question.kind in ("choice", "multi")
        chooser = self.query_one(ChoiceList)
        other = self.query_one(OtherInput)
        if not self.display:
            chooser.question_key = other.question_key = (
                ""  # late messages of the list are not for this question
            )
            return
        with chooser.prevent(ChoiceList.Changed), other.prevent(OtherInput.Edited):
            chooser.show(
                question.choices,
                answer.choices,
                multiple=question.kind == "multi",
                name=question.key,
            )
            other.question_key = question.key
            other.value = answer.other_text
        other.can_focus = False
        other.display = bool(answer.other_text)

    @property
    def choice_list(self) -> ChoiceList | None:
        """The question's choice list; None on a question without choices."""
        if not self.display:
            return None
        return next(iter(self.query(ChoiceList)), None)

    @property
    def other_input(self) -> OtherInput | None:
        if not self.display:
            return None
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
        self.screen.set_focus(other)  # at once: letters typed right after alt+0 are for it
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

    def on_choice_list_changed(self, event: ChoiceList.Changed) -> None:
        event.stop()
        # A message from the previous question may arrive after a switch: it still counts.
        current = event.question_key == self.question_key
        other = self._other_text() if current else None
        if event.question_key:
            self.post_message(self.Changed(event.question_key, event.chosen, other))

    def on_other_input_edited(self, event: OtherInput.Edited) -> None:
        event.stop()
        current = event.question_key == self.question_key
        choices = self._choices() if current else None
        if event.question_key:
            self.post_message(self.Changed(event.question_key, choices, clean_line(event.value)))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.close_other()
        self.post_message(self.OtherClosed())
