"""«Passordfrase»: asked at start when the database is encrypted at rest (models.atrest)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from tui import bindings
from tui.text import tx
from tui.widgets.text_field import TextField


class PassphraseScreen(ModalScreen[str | None]):
    """Dismisses with the passphrase typed (hidden), or None to leave the app."""

    CSS_PATH = Path(__file__).parent.parent / "styles" / "passphrase.tcss"

    BINDINGS: ClassVar[list[BindingType]] = bindings.PASSPHRASE

    def __init__(self, path: str, problem: str = "") -> None:
        super().__init__()
        self.path = path
        self.problem = problem

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(tx("passphrase_title"), classes="dialog-title")
            yield Static(tx("passphrase_prompt", path=self.path))
            yield TextField(password=True, id="passphrase-input")
            yield Static(self.problem, id="passphrase-error")

    @on(Input.Submitted, "#passphrase-input")
    def submit(self, event: Input.Submitted) -> None:
        if event.value:
            self.dismiss(event.value)

    def action_leave(self) -> None:
        self.dismiss(None)
