"""ctrl+k in the notes: pick who is speaking (type to filter, Enter); dismisses with the prefix."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from tui import bindings
from tui.note_lines import speaker_prefix
from tui.text import tx
from tui.widgets.text_field import TextField

Speaker = tuple[str, str]  # name, organisation


class SpeakerPickerScreen(ModalScreen[str | None]):
    BINDINGS = bindings.SPEAKER_PICKER

    def __init__(self, speakers: list[Speaker]) -> None:
        super().__init__()
        self.speakers = speakers
        self.shown: list[Speaker] = list(speakers)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(tx("speaker_title"), classes="dialog-title")
            yield TextField(placeholder=tx("speaker_filter"), id="speaker-filter", compact=True)
            yield OptionList(id="speakers")
            yield Label(tx("speaker_none") if not self.speakers else "", classes="muted")

    def on_mount(self) -> None:
        self._fill()
        self.query_one(Input).focus()

    def _fill(self) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(
            Option(speaker_prefix(name, org).rstrip(": ")) for name, org in self.shown
        )
        if self.shown:
            options.highlighted = 0

    @on(Input.Changed)
    def _filter(self, event: Input.Changed) -> None:
        words = event.value.casefold().split()
        self.shown = [
            (name, org)
            for name, org in self.speakers
            if all(word in f"{name} {org}".casefold() for word in words)
        ]
        self._fill()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None and 0 <= index < len(self.shown):
            self.dismiss(speaker_prefix(*self.shown[index]))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(speaker_prefix(*self.shown[event.option_index]))

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)
