"""Likely duplicate services, organisations and people; join a pair, keeping either one."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static
from textual.worker import get_current_worker

from models.storage import Database
from models.sync.duplicates import DuplicatePair, JoinResult, join_records
from models.text import t
from tui import bindings
from tui.store.merge import load_duplicates
from tui.text import tx
from tui.widgets.write_failure import failure_text
from tui.writer import write_from


class DuplicatesScreen(Screen[None]):
    """Pairs of records that are probably the same thing, most likely first."""

    CSS_PATH = Path(__file__).parent.parent / "styles" / "duplicates.tcss"

    BINDINGS = bindings.DUPLICATES

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.pairs: list[DuplicatePair] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="dup-status")
        yield DataTable(id="dup-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = tx("dup_screen_title")
        table = self.query_one(DataTable)
        table.add_columns(
            tx("dup_col_kind"),
            tx("dup_col_first"),
            tx("dup_col_second"),
            tx("dup_col_score"),
            tx("dup_col_reasons"),
        )
        table.focus()
        self.reload()

    @work(thread=True, exclusive=True, group="duplicates-screen")
    def reload(self) -> None:
        pairs = load_duplicates(self.db)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, pairs)

    def _show(self, pairs: list[DuplicatePair]) -> None:
        table = self.query_one(DataTable)
        index = table.cursor_row
        self.pairs = pairs
        table.clear()
        for pair in pairs:
            table.add_row(
                t(f"duplicates_kind_{pair.kind}"),
                pair.first_name,
                pair.second_name,
                str(round(pair.score)),
                ", ".join(pair.reasons),
            )
        status = tx("dup_count", count=len(pairs)) if pairs else tx("dup_none")
        self.query_one("#dup-status", Static).update(status)
        if pairs:
            table.move_cursor(row=max(0, min(index, len(pairs) - 1)))

    def selected(self) -> DuplicatePair | None:
        table = self.query_one(DataTable)
        if not self.pairs or not table.is_valid_row_index(table.cursor_row):
            self.notify(tx("dup_none_selected"), severity="warning")
            return None
        return self.pairs[table.cursor_row]

    def action_keep_first(self) -> None:
        pair = self.selected()
        if pair is not None:
            self._join(pair.first_id, pair.second_id)

    def action_keep_second(self) -> None:
        pair = self.selected()
        if pair is not None:
            self._join(pair.second_id, pair.first_id)

    def _join(self, keep: str, absorb: str) -> None:
        db = self.db

        def joined(result: JoinResult) -> None:
            self.notify(tx("dup_joined", absorbed=result.absorbed, kept=result.kept), markup=False)
            self.reload()

        write_from(
            self,
            lambda: join_records(db, keep, absorb),
            on_done=joined,
            # the disk or the database: tell, keep the list usable
            on_error=lambda error: self.notify(failure_text(error), severity="error", markup=False),
        )

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
