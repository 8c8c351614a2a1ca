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
from tui.text import tx

if TYPE_CHECKING:
    from models.guides import Guide


class SectionJumpScreen(ModalScreen[str | None]):
    """ctrl+g, then the section's letter (or arrows and Enter)."""

    BINDINGS = bindings.MODAL

    def __init__(self, guide: Guide, current_section: str | None) -> None:
        super().__init__()
        self.guide = guide
        self.current_section = current_section

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(tx("section_jump"), classes="dialog-title")
            yield Label(tx("section_jump_hint"), classes="muted")
            yield OptionList(
                *(Option(f"{s.key}  {s.title}", id=s.key) for s in self.guide.sections),
                id="sections",
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        keys = [section.key for section in self.guide.sections]
        if self.current_section in keys:
            options.highlighted = keys.index(self.current_section)

    def on_key(self, event: events.Key) -> None:
        if not event.is_printable or event.character is None:
            return
        event.stop()
        event.prevent_default()
        typed = event.character.casefold()
        for section in self.guide.sections:
            if section.key.casefold() == typed:
                self.dismiss(section.key)
                return
        self.notify(tx("section_jump_unknown", key=event.character), severity="warning")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
