"""A one-line prompt for what was said about a service in this meeting."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui import bindings
from tui.screens.type_ahead import TypesAhead
from tui.text import tx
from tui.widgets.text_field import TextField


class RemarkPromptScreen(TypesAhead, ModalScreen[str | None]):
    """Dismisses with the edited remark, or None when cancelled."""

    TYPE_AHEAD_FIELD = "#remark"

    CSS_PATH = Path(__file__).parent.parent / "styles" / "remark_prompt.tcss"

    BINDINGS: ClassVar[list[BindingType]] = bindings.REMARK_PROMPT

    def __init__(self, service_name: str, remark: str) -> None:
        super().__init__()
        self.service_name = service_name
        self.remark = remark

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(tx("svc_remark_title", name=self.service_name)), classes="title")
            yield TextField(self.remark, id="remark")
            yield Static(tx("svc_remark_hint"), classes="hint")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
