"""A small dialog for a new innsiktsreise: name and description."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from tui import bindings
from tui.forms import clean_line
from tui.text import tx
from tui.widgets.text_field import TextField


@dataclass(frozen=True)
class NewJourney:
    name: str
    description: str


class JourneyScreen(ModalScreen[NewJourney | None]):
    BINDINGS = bindings.MODAL

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(tx("journey_title"), classes="dialog-title")
            yield Label(tx("journey_name"))
            yield TextField(id="journey-name")
            yield Static("", id="journey-error", classes="field-error")
            yield Label(tx("journey_description"))
            yield TextField(id="journey-description")

    @on(Input.Submitted)
    def submit(self) -> None:
        name = clean_line(self.query_one("#journey-name", Input).value)[:500]
        if not name:
            error = self.query_one("#journey-error", Static)
            error.update(tx("journey_name_empty"))
            error.add_class("-shown")
            self.query_one("#journey-name", Input).focus()
            return
        description = clean_line(self.query_one("#journey-description", Input).value)[:2000]
        self.dismiss(NewJourney(name, description))

    def action_cancel(self) -> None:
        self.dismiss(None)
