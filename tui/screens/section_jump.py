"""«Gå til seksjon»: pick a section of the guide; dismisses with the section key."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui import bindings
from tui.screens.holds_notes import RoutesKeys
from tui.text import tx
from tui.widgets.own_keys import OwnKeysOnArrival

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from models.guides import Guide


class SectionList(OwnKeysOnArrival, OptionList):
    """The sections; an arrow moves the highlight as it arrives, so that an Enter routed right
    after it (`SectionJumpScreen.route_key`) chooses the section it moved to."""


class SectionJumpScreen(RoutesKeys, ModalScreen[str | None]):
    """ctrl+g, then the section's letter (or arrows and Enter)."""

    BINDINGS = bindings.MODAL

    def __init__(self, guide: Guide, current_section: str | None) -> None:
        super().__init__()
        self.guide = guide
        self.current_section = current_section
        self._typed = ""  # the letter `route_key` saw last

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(tx("section_jump"), classes="dialog-title")
            yield Label(tx("section_jump_hint"), classes="muted")
            yield SectionList(
                *(Option(f"{s.key}  {s.title}", id=s.key) for s in self.guide.sections),
                id="sections",
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        keys = [section.key for section in self.guide.sections]
        if self.current_section in keys:
            options.highlighted = keys.index(self.current_section)

    def route_key(self, event: events.Key) -> tuple[DOMNode, str] | None:
        """A letter or Enter chooses at once, in the app, before the next key is routed: the
        keys typed right after it (in one burst) are for the note of the section chosen, not
        for this list, which would take them as more letters."""
        if event.key == "enter":
            return (self, "choose_highlighted")
        if event.is_printable and event.character is not None:
            self._typed = event.character
            return (self, "choose_typed")
        return None

    def action_choose_typed(self) -> None:
        typed = self._typed.casefold()
        for section in self.guide.sections:
            if section.key.casefold() == typed:
                self.dismiss(section.key)
                return
        self.notify(tx("section_jump_unknown", letter=self._typed), severity="warning")

    def action_choose_highlighted(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
