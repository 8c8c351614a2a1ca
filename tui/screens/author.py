"""«Hvem skriver?»: asks once for the name that notes are written under."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from tui import bindings
from tui.forms import clean_line
from tui.text import tx
from tui.widgets.text_field import TextField


class AuthorScreen(ModalScreen[str | None]):
    """Dismisses with the trimmed name, or None when cancelled."""

    BINDINGS = bindings.MODAL

    def __init__(self, current: str = "", *, can_cancel: bool = True) -> None:
        super().__init__()
        self.current = current
        self.can_cancel = can_cancel

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(tx("author_title"), classes="dialog-title")
            yield Static(tx("author_prompt"))
            yield TextField(self.current, placeholder=tx("author_placeholder"), id="author-name")
            yield Static("", id="author-error", classes="field-error")

    @on(Input.Submitted, "#author-name")
    def submit(self, event: Input.Submitted) -> None:
        name = clean_line(event.value)
        if not name:
            error = self.query_one("#author-error", Static)
            error.update(tx("author_empty"))
            error.add_class("-shown")
            return
        self.dismiss(name[:200])

    def action_cancel(self) -> None:
        if self.can_cancel:
            self.dismiss(None)
