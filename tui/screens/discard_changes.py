"""Asks before throwing away what was typed in a form: «Forkast» or keep editing."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui import bindings
from tui.text import tx


class DiscardChangesScreen(ModalScreen[bool]):
    """Dismisses with True to discard the changes, False to go back to the form."""

    CSS_PATH = Path(__file__).parent.parent / "styles" / "discard_changes.tcss"

    BINDINGS: ClassVar[list[BindingType]] = bindings.DISCARD_CHANGES

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(tx("svc_discard_title"), id="discard-title")
            yield Static(tx("svc_discard_body"))
            with Horizontal():
                yield Button(tx("svc_discard_no"), id="keep")
                yield Button(tx("svc_discard_yes"), id="discard", variant="error")

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    @on(Button.Pressed, "#discard")
    def action_discard(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        self.dismiss(False)
