"""A yes/no question before an action that removes something; «Avbryt» has the focus."""

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


class ConfirmScreen(ModalScreen[bool]):
    """Dismisses with True only for «j» or the confirm button; Enter alone keeps things."""

    CSS_PATH = Path(__file__).parent.parent / "styles" / "confirm.tcss"

    BINDINGS: ClassVar[list[BindingType]] = bindings.CONFIRM

    def __init__(self, question: str, yes_label: str) -> None:
        super().__init__()
        self.question = question
        self.yes_label = yes_label

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, id="confirm-question", markup=False)
            yield Static(tx("confirm_keys"), classes="muted")
            with Horizontal():
                yield Button(tx("cancel"), id="no")
                yield Button(self.yes_label, id="yes", variant="warning")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed, "#yes")
    def action_yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_no(self) -> None:
        self.dismiss(False)
