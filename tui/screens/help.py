"""F1: every key of the app, grouped by screen, read from `tui.bindings`."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tui import bindings
from tui.text import tx


def key_label(keys: str) -> str:
    return " / ".join(part.strip() for part in keys.split(","))


def keys_table() -> Table:
    table = Table(box=None, show_header=False, expand=True, padding=(0, 1))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(ratio=1)
    for group, group_bindings in bindings.GROUPS:
        table.add_row(Text(tx(group), style="bold underline"), "")
        for binding in group_bindings:
            table.add_row(key_label(binding.key), binding.description)
        table.add_row("", "")
    table.add_row(Text(tx("help_editing"), style="bold underline"), "")
    table.add_row("", tx("help_editing_keys"))
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = bindings.HELP

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Label(tx("help_title"), classes="dialog-title")
            yield Static(keys_table(), id="help-keys")
            yield Static(tx("help_close"), classes="muted")

    def action_close(self) -> None:
        self.dismiss(None)
