"""The structured answer of a `choice` or `multi` question: a choice list plus «annet» text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, RadioButton, RadioSet, SelectionList

from tui.forms import clean_line
from tui.text import tx

if TYPE_CHECKING:
    from models.guides import Question
    from tui.store import AnswerState


class AnswerPanel(Vertical):
    """Rebuilt for each question; posts `Changed` with the question key and new choices."""

    DEFAULT_CSS = """
    AnswerPanel { height: auto; }
    AnswerPanel RadioSet, AnswerPanel SelectionList { height: auto; max-height: 12; width: 1fr; }
    AnswerPanel Input { width: 1fr; }
    """

    class Changed(Message):
        def __init__(self, question_key: str, choices: list[str], other_text: str) -> None:
            super().__init__()
            self.question_key = question_key
            self.choices = choices
            self.other_text = other_text

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
        if question.kind == "choice":
            chooser = RadioSet(
                *(
                    RadioButton(choice, value=choice in answer.choices)
                    for choice in question.choices
                ),
                name=question.key,
                compact=True,
            )
        else:
            chooser = SelectionList[str](
                *((choice, choice, choice in answer.choices) for choice in question.choices),
                name=question.key,
                compact=True,
            )
        other = Input(
            answer.other_text,
            placeholder=tx("capture_other_placeholder"),
            name=question.key,
            classes="other-text",
            compact=True,
        )
        await self.mount(chooser, other)

    def _choices(self) -> list[str]:
        if self.question is None:
            return []
        for radio_set in self.query(RadioSet):
            pressed = radio_set.pressed_index
            return [self.question.choices[pressed]] if pressed >= 0 else []
        for selection_list in self.query(SelectionList):
            return list(selection_list.selected)
        return []

    def _other_text(self) -> str:
        for field in self.query(".other-text").results(Input):
            return clean_line(field.value)
        return ""

    def _post(self, control_name: str | None) -> None:
        # Messages from the widgets of the previous question may arrive after a switch.
        if control_name == self.question_key:
            self.post_message(self.Changed(self.question_key, self._choices(), self._other_text()))

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        self._post(event.radio_set.name)

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        self._post(event.selection_list.name)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._post(event.input.name)
