"""Open conflicts from merging, each shown side by side: keep mine, theirs, or an edited text."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, Static, TextArea
from textual.worker import get_current_worker

from models.storage import Database
from models.sync.conflicts import ConflictView, Resolution, resolve_conflict
from tui import bindings
from tui.store.merge import load_conflicts
from tui.text import tx
from tui.widgets.write_failure import failure_text
from tui.writer import write_from


class ConflictsScreen(Screen[None]):
    """The list of open conflicts, with the selected one's two values beside each other."""

    CSS_PATH = Path(__file__).parent.parent / "styles" / "conflicts.tcss"

    BINDINGS = bindings.CONFLICTS

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.conflicts: list[ConflictView] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="cf-status")
        yield DataTable(id="cf-table", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="cf-sides"):
            with Vertical(classes="cf-side"):
                yield Label(tx("cf_mine"))
                yield Static("", id="cf-mine", classes="cf-value", markup=False)
                yield Static("", id="cf-mine-by", classes="cf-by", markup=False)
            with Vertical(classes="cf-side"):
                yield Label(tx("cf_theirs"))
                yield Static("", id="cf-theirs", classes="cf-value", markup=False)
                yield Static("", id="cf-theirs-by", classes="cf-by", markup=False)
        yield Label(tx("cf_combined"), id="cf-combined-label")
        yield TextArea(id="cf-combined", soft_wrap=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = tx("cf_screen_title")
        table = self.query_one(DataTable)
        table.add_columns(tx("cf_col_kind"), tx("cf_col_record"), tx("cf_col_field"))
        table.focus()
        self.reload()

    @work(thread=True, exclusive=True, group="conflicts-screen")
    def reload(self) -> None:
        conflicts = load_conflicts(self.db)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, conflicts)

    def _show(self, conflicts: list[ConflictView]) -> None:
        table = self.query_one(DataTable)
        index = table.cursor_row
        self.conflicts = conflicts
        table.clear()
        for conflict in conflicts:
            table.add_row(conflict.kind, conflict.label, conflict.field, key=conflict.id)
        status = tx("cf_count", count=len(conflicts)) if conflicts else tx("cf_none")
        self.query_one("#cf-status", Static).update(status)
        if conflicts:
            table.move_cursor(row=max(0, min(index, len(conflicts) - 1)))
        self._show_sides(self.selected())

    @on(DataTable.RowHighlighted, "#cf-table")
    def _highlighted(self) -> None:
        self._show_sides(self.selected())

    def _show_sides(self, conflict: ConflictView | None) -> None:
        mine = theirs = mine_by = theirs_by = combined = ""
        if conflict is not None:
            mine, theirs = conflict.mine.value, conflict.theirs.value
            mine_by = tx("cf_by", device=conflict.mine.device, at=conflict.mine.at)
            theirs_by = tx("cf_by", device=conflict.theirs.device, at=conflict.theirs.at)
            # A starting point for a combination: both texts, to be trimmed by hand.
            combined = f"{mine}\n{theirs}" if conflict.editable else ""
        self.query_one("#cf-mine", Static).update(mine)
        self.query_one("#cf-theirs", Static).update(theirs)
        self.query_one("#cf-mine-by", Static).update(mine_by)
        self.query_one("#cf-theirs-by", Static).update(theirs_by)
        area = self.query_one("#cf-combined", TextArea)
        area.load_text(combined)
        area.disabled = conflict is None or not conflict.editable

    def selected(self) -> ConflictView | None:
        table = self.query_one(DataTable)
        if not self.conflicts or not table.is_valid_row_index(table.cursor_row):
            return None
        return self.conflicts[table.cursor_row]

    def _selected_or_tell(self) -> ConflictView | None:
        conflict = self.selected()
        if conflict is None:
            self.notify(tx("cf_none_selected"), severity="warning")
        return conflict

    def action_keep_mine(self) -> None:
        conflict = self._selected_or_tell()
        if conflict is not None:
            self._resolve(conflict, "mine")

    def action_keep_theirs(self) -> None:
        conflict = self._selected_or_tell()
        if conflict is not None:
            self._resolve(conflict, "theirs")

    def action_edit(self) -> None:
        conflict = self._selected_or_tell()
        if conflict is None:
            return
        if not conflict.editable:
            self.notify(tx("cf_not_editable", field=conflict.field), severity="warning")
            return
        self.query_one("#cf-combined", TextArea).focus()

    def action_save_combined(self) -> None:
        conflict = self._selected_or_tell()
        if conflict is None:
            return
        if not conflict.editable:
            self.notify(tx("cf_not_editable", field=conflict.field), severity="warning")
            return
        text = self.query_one("#cf-combined", TextArea).text.strip()
        if text:
            self._resolve(conflict, text)

    def _resolve(self, conflict: ConflictView, keep: str) -> None:
        db = self.db

        def resolved(result: Resolution) -> None:
            message = tx(
                "cf_resolved", label=result.view.label, field=result.view.field, value=result.value
            )
            self.notify(message, markup=False)
            self._after_resolve()

        write_from(
            self,
            lambda: resolve_conflict(db, conflict.id, keep),
            on_done=resolved,
            # the disk or the database: tell, keep the list usable
            on_error=lambda error: self.notify(failure_text(error), severity="error", markup=False),
        )

    def _after_resolve(self) -> None:
        self.query_one(DataTable).focus()
        self.reload()

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
