"""Text from a form that was never saved (found in the recovery file): shown once, to copy.

A form of no meeting's question (a new meeting, a service from the catalogue) has no note to
put the text back into; the user reads it here and copies what is needed before closing.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from tui import bindings
from tui.text import tx


class LooseTextScreen(ModalScreen[None]):
    """The text, read-only but selectable; «Lukk» or Escape closes."""

    CSS_PATH = Path(__file__).parent.parent / "styles" / "loose_text.tcss"

    BINDINGS: ClassVar[list[BindingType]] = bindings.MODAL

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(tx("recovery_loose_title")), id="loose-title")
            yield Static(Text(tx("recovery_loose_body")))
            yield TextArea(self.text, id="loose-text", read_only=True, soft_wrap=True)
            with Horizontal():
                yield Button(tx("recovery_loose_close"), id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#loose-text", TextArea).focus()  # ready to select and copy

    @on(Button.Pressed, "#close")
    def action_cancel(self) -> None:
        self.dismiss(None)
