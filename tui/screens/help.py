"""F1: every key of the app, grouped by screen, read from `tui.bindings`; the keys of the
screen (and the panel) in use come first."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from tui import bindings
from tui.text import tx


def key_label(keys: str) -> str:
    return " / ".join(part.strip() for part in keys.split(","))


def current_groups(screen: Screen[object]) -> list[str]:
    """The help groups of what has the keyboard on `screen`: an entered panel's keys before
    the screen's own (each node's class BINDINGS is one of the lists in `tui.bindings`)."""
    chain: list[DOMNode] = []
    if screen.focused is not None:
        chain = [node for node in screen.focused.ancestors_with_self if node is not screen.app]
    if screen not in chain:
        chain.append(screen)
    found: list[str] = []
    for node in chain:
        for group, group_bindings in bindings.GROUPS:
            if type(node).BINDINGS is group_bindings and group not in found:
                found.append(group)
    return found


def keys_table(first: list[str] | tuple[str, ...] = ()) -> Table:
    table = Table(box=None, show_header=False, expand=True, padding=(0, 1))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(ratio=1)
    groups = dict(bindings.GROUPS)
    order = [group for group in first if group in groups]
    order += [group for group in groups if group not in order]
    for group in order:
        title = tx("help_here", group=tx(group)) if group in first else tx(group)
        table.add_row(Text(title, style="bold underline"), "")
        for binding in groups[group]:
            table.add_row(key_label(binding.key), binding.description)
        table.add_row("", "")
    table.add_row(Text(tx("help_editing"), style="bold underline"), "")
    table.add_row("", tx("help_editing_keys"))
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = bindings.HELP

    def __init__(self, first: list[str] | tuple[str, ...] = ()) -> None:
        super().__init__()
        self.first = tuple(first)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Label(tx("help_title"), classes="dialog-title")
            yield Static(keys_table(self.first), id="help-keys")
            yield Static(tx("help_close"), classes="muted")

    def action_close(self) -> None:
        self.dismiss(None)
