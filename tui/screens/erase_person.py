"""«Slett en person for godt»: pick a person, see what the erasure changes, then confirm."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList, Static
from textual.widgets.option_list import Option

from tui import bindings
from tui.text import tx

if TYPE_CHECKING:
    from models.storage import Database
    from tui.store.erase import ErasablePerson
    from tui.writer import Writer


class ErasePersonScreen(ModalScreen[str | None]):
    """Dismisses with the id of the person to erase, or None. The people are read before it is
    shown (tui/store/erase.py); the plan is worked out on the writer thread (it runs the erasure
    in a transaction that is rolled back)."""

    CSS_PATH = Path(__file__).parent.parent / "styles" / "erase_person.tcss"

    BINDINGS: ClassVar[list[BindingType]] = bindings.ERASE_PERSON

    def __init__(self, people: tuple[ErasablePerson, ...], db: Database, writer: Writer) -> None:
        super().__init__()
        self.people = people
        self.db = db
        self.writer = writer
        self.chosen: str | None = None

    def compose(self) -> ComposeResult:
        people = self.people
        with Vertical():
            yield Label(tx("erase_title"), id="erase-title")
            yield Static(tx("erase_pick") if people else tx("erase_none"))
            yield OptionList(
                *(Option(f"{p.name}  ({p.id[:8]})", id=p.id) for p in people), id="erase-people"
            )
            yield Static("", id="erase-plan")
            with Horizontal():
                yield Button(tx("erase_no"), id="erase-cancel")
                yield Button(tx("erase_yes"), id="erase-confirm", variant="error", disabled=True)

    @on(OptionList.OptionSelected, "#erase-people")
    def plan(self, event: OptionList.OptionSelected) -> None:
        from models.erase import describe, erase_person

        person_id = event.option.id
        self.chosen = None
        self.query_one("#erase-confirm", Button).disabled = True
        self.query_one("#erase-plan", Static).update(tx("erase_working"))

        def shown(report: Any) -> None:
            self.app.call_from_thread(self.show_plan, person_id, "\n".join(describe(report)))

        def failed(error: BaseException) -> None:
            self.app.call_from_thread(self.show_plan, None, str(error))

        db = self.db
        self.writer.submit(
            lambda: erase_person(db, person_id, apply=False), on_done=shown, on_error=failed
        )

    def show_plan(self, person_id: str | None, text: str) -> None:
        self.chosen = person_id
        self.query_one("#erase-plan", Static).update(text)
        confirm = self.query_one("#erase-confirm", Button)
        confirm.disabled = person_id is None
        self.query_one("#erase-cancel", Button).focus()

    @on(Button.Pressed, "#erase-confirm")
    def confirm(self) -> None:
        if self.chosen is not None:
            self.dismiss(self.chosen)

    @on(Button.Pressed, "#erase-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
