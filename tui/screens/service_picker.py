"""Find an existing service by typing part of its name (fuzzy), to link it to a meeting."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from models.service_search import ServiceChoice, rank_services
from models.storage import Database
from tui import bindings
from tui.screens.type_ahead import TypesAhead
from tui.store.services import load_service_choices
from tui.text import tx
from tui.widgets.text_field import TextField

NEW_OPTION = "new-service"


@dataclass(frozen=True)
class NewService:
    """The user found nothing and asked for a new service called `name`."""

    name: str


class ServicePickerScreen(TypesAhead, ModalScreen[ServiceChoice | NewService | None]):
    """Dismisses with the chosen service, a request for a new one, or None when cancelled."""

    TYPE_AHEAD_FIELD = "#query"

    CSS_PATH = Path(__file__).parent.parent / "styles" / "service_picker.tcss"

    BINDINGS: ClassVar[list[BindingType]] = bindings.SERVICE_PICKER

    def __init__(self, db: Database, *, exclude: Collection[str] = ()) -> None:
        super().__init__()
        self.db = db
        self.exclude = frozenset(exclude)
        self.choices: list[ServiceChoice] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(tx("svc_picker_title"), classes="title")
            yield TextField(placeholder=tx("svc_picker_placeholder"), id="query")
            yield OptionList(id="matches")
            yield Static("", id="picker-status", classes="hint")

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exclusive=True)
    def _load(self) -> None:
        choices = load_service_choices(self.db, self.exclude)
        # A newer load replaced this one; its result would show stale rows.
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._loaded, choices)

    def _loaded(self, choices: list[ServiceChoice]) -> None:
        self.choices = choices
        self._show(self.query_one("#query", Input).value)

    @on(Input.Changed, "#query")
    def _query_changed(self, event: Input.Changed) -> None:
        self._show(event.value)

    def _show(self, query: str) -> None:
        matches = rank_services(self.choices, query)
        option_list = self.query_one("#matches", OptionList)
        option_list.clear_options()
        option_list.add_options(
            Option(Text.assemble(match.name, ("  " + match.owner, "dim")), id=match.id)
            for match in matches
        )
        if query.strip():
            # Last, so that Enter still links the best match; ↑ from the top reaches it fast.
            new = Text(tx("svc_picker_new", name=query.strip()), style="italic")
            option_list.add_option(Option(new, id=NEW_OPTION))
        if matches or query.strip():
            option_list.highlighted = 0
        if matches:
            status = tx("svc_picker_hint")
        elif not self.choices:
            status = tx("svc_picker_empty")
        else:
            status = tx("svc_picker_none", query=query.strip())
        self.query_one("#picker-status", Static).update(Text(status))

    def action_move(self, step: int) -> None:
        option_list = self.query_one("#matches", OptionList)
        if option_list.option_count:
            current = option_list.highlighted or 0
            option_list.highlighted = max(0, min(option_list.option_count - 1, current + step))

    @on(Input.Submitted, "#query")
    def _submit(self) -> None:
        option_list = self.query_one("#matches", OptionList)
        if option_list.highlighted is not None and option_list.option_count:
            self._dismiss_with(option_list.get_option_at_index(option_list.highlighted).id)

    @on(OptionList.OptionSelected, "#matches")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self._dismiss_with(event.option.id)

    def _dismiss_with(self, option_id: str | None) -> None:
        if option_id == NEW_OPTION:
            self.dismiss(NewService(self.query_one("#query", Input).value.strip()))
        else:
            self.dismiss(next((c for c in self.choices if c.id == option_id), None))

    def action_cancel(self) -> None:
        self.dismiss(None)
