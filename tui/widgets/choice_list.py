"""The choices of a `choice` or `multi` question, numbered and ticked in plain text.

«[x] 2 HEMIT HF» / «[ ] 3 Helse Vest IKT» for multiple choice and «(•) 1 …» / «( ) 2 …» for a
single choice, so that the answer reads the same on a monochrome terminal and to a screen
reader. The number is the alt+digit that picks the choice from the notes editor.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui import bindings
from tui.widgets.own_keys import OwnKeysOnArrival
from tui.widgets.own_size import OwnVirtualSize

TICKED, UNTICKED = "[x]", "[ ]"
PICKED, UNPICKED = "(•)", "( )"


def choice_label(number: int, choice: str, chosen: bool, multiple: bool) -> Text:
    """One line of the list: the mark, the alt+digit number (1–9, 0 for the tenth) and the text."""
    marks = (TICKED, UNTICKED) if multiple else (PICKED, UNPICKED)
    mark = marks[0] if chosen else marks[1]
    label = Text(f"{mark} ", style="bold" if chosen else "")
    label.append(f"{number % 10} " if number <= 10 else "  ", style="dim")
    label.append(choice, style="bold" if chosen else "")
    return label


class ChoiceList(OwnKeysOnArrival, OwnVirtualSize, OptionList):
    """Space or Enter toggles the highlighted choice; `toggle(i)` does it from elsewhere."""

    BINDINGS: ClassVar[list[BindingType]] = bindings.CHOICE_LIST

    class Changed(Message):
        def __init__(self, choice_list: ChoiceList) -> None:
            super().__init__()
            self.choice_list = choice_list
            # As they were when posted: the list may show another question when this arrives.
            self.question_key = choice_list.question_key
            self.chosen = list(choice_list.chosen)

        @property
        def control(self) -> ChoiceList:
            return self.choice_list

    def __init__(
        self,
        choices: Sequence[str],
        chosen: Sequence[str],
        *,
        multiple: bool,
        name: str | None = None,
    ) -> None:
        self.choices = tuple(choices)
        self.multiple = multiple
        self.chosen = [choice for choice in self.choices if choice in chosen]
        if not multiple:
            self.chosen = self.chosen[:1]
        super().__init__(*self._labels(), name=name, compact=True)
        self.question_key = name or ""  # whose choices these are; `show` changes it
        # Each question's options as last shown, and the state they show. An Option keeps its
        # laid-out text and height: shown again, it is not measured and wrapped again.
        self._kept: dict[str, tuple[tuple[str, ...], tuple[str, ...], bool, list[Option]]] = {}
        self._width = 0  # the width the options were last laid out for

    def show(
        self, choices: Sequence[str], chosen: Sequence[str], *, multiple: bool, name: str
    ) -> None:
        """Show another question's choices in this list (no new widget: paging stays cheap)."""
        self.question_key = name
        self.choices = tuple(choices)
        self.multiple = multiple
        self.chosen = [choice for choice in self.choices if choice in chosen]
        if not multiple:
            self.chosen = self.chosen[:1]
        state = (self.choices, tuple(self.chosen), multiple)
        kept = self._kept.get(name)
        if kept is None or kept[:3] != state:
            kept = (*state, [Option(label) for label in self._labels()])
            self._kept[name] = kept
        # set_options empties the options' rendered lines; those of kept options still hold
        # (an entry is per option and style, and a new width empties them all in _on_resize).
        rendered = self._option_render_cache
        self._option_render_cache = LRUCache(1)
        try:
            self.set_options(kept[3])
        finally:
            self._option_render_cache = rendered
        if not self.size and self._width:
            # Hidden (after a question without choices), the list measures its lines only when
            # it renders, and the new virtual size then asked for a second layout of the screen.
            # The layout measures the same height: take it now.
            height = self.get_content_height(self.size, self.size, self._width)
            self.set_reactive(Widget.virtual_size, Size(self._width, height))
        self.highlighted = 0 if self.choices else None
        self.scroll_home(animate=False)

    def _on_resize(self, event: events.Resize) -> None:
        # OptionList forgets every option's layout on each Resize, and a list shown again
        # after a question without choices gets one: only a new width changes the layout.
        width = self.scrollable_content_region.width
        if width == self._width:
            event.prevent_default()  # OptionList's own handler, which empties its caches
        self._width = width

    def _labels(self) -> list[Text]:
        return [
            choice_label(number, choice, choice in self.chosen, self.multiple)
            for number, choice in enumerate(self.choices, start=1)
        ]

    def toggle(self, index: int) -> None:
        """Tick or untick choice `index` (a single choice replaces the one picked before)."""
        if not 0 <= index < len(self.choices):
            return
        choice = self.choices[index]
        if choice in self.chosen:
            self.chosen.remove(choice)
        elif self.multiple:
            self.chosen.append(choice)
            self.chosen.sort(key=self.choices.index)
        else:
            self.chosen = [choice]
        for number, label in enumerate(self._labels()):
            self.replace_option_prompt_at_index(number, label)
        kept = self._kept.get(self.question_key)
        if kept is not None:  # its options changed in place: they show the new state
            self._kept[self.question_key] = (self.choices, tuple(self.chosen), *kept[2:])
        self.highlighted = index
        self.post_message(self.Changed(self))

    def action_toggle_highlighted(self) -> None:
        if self.highlighted is not None:
            self.toggle(self.highlighted)
