"""Asks where an export should be written; dismisses with the path or None."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from tui import bindings
from tui.forms import clean_line
from tui.text import tx
from tui.widgets.text_field import TextField


class ExportPathScreen(ModalScreen[Path | None]):
    BINDINGS = bindings.MODAL

    def __init__(self, title: str, suggested: Path, suffixes: tuple[str, ...]) -> None:
        super().__init__()
        self.title_text = title
        self.suggested = suggested
        self.suffixes = suffixes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Label(tx("export_path"))
            yield TextField(str(self.suggested), id="export-path")
            yield Static("", id="export-error", classes="field-error")

    @on(Input.Submitted, "#export-path")
    def submit(self, event: Input.Submitted) -> None:
        path = Path(clean_line(event.value)).expanduser()
        error = self.query_one("#export-error", Static)
        if path.suffix.lower() not in self.suffixes:
            problem = tx("export_suffix", suffixes=", ".join(self.suffixes))
        elif path.exists():
            problem = tx("export_exists", path=path)
        elif not path.parent.is_dir():
            problem = tx("export_no_folder", folder=path.parent)
        else:
            self.dismiss(path)
            return
        error.update(problem)
        error.add_class("-shown")

    def action_cancel(self) -> None:
        self.dismiss(None)
