"""A question with two answers: quitting with unsaved notes, restoring a recovery file."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui import bindings


class TwoChoicesScreen(ModalScreen[bool | None]):
    """Dismisses with True for `yes`, False for `no`, None for Escape; `focus_yes` picks the
    button that has focus (the safe answer)."""

    CSS_PATH = Path(__file__).parent.parent / "styles" / "two_choices.tcss"

    BINDINGS: ClassVar[list[BindingType]] = bindings.TWO_CHOICES

    def __init__(self, title: str, body: str, yes: str, no: str, *, focus_yes: bool) -> None:
        super().__init__()
        self.texts = (title, body, yes, no)
        self.focus_yes = focus_yes

    def compose(self) -> ComposeResult:
        title, body, yes, no = self.texts
        with Vertical():
            yield Static(Text(title), id="two-title")
            yield Static(Text(body), id="two-body")
            with Horizontal():
                yield Button(no, id="no", variant="default" if self.focus_yes else "primary")
                yield Button(yes, id="yes", variant="primary" if self.focus_yes else "default")

    def on_mount(self) -> None:
        self.query_one("#yes" if self.focus_yes else "#no", Button).focus()

    def action_neither(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#yes")
    def action_yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_no(self) -> None:
        self.dismiss(False)
