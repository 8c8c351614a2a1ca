"""Open follow-ups across all meetings, soonest due first; mark one done and it leaves the list."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static
from textual.worker import get_current_worker

from models.followups import (
    FollowUpRow,
    next_followup_status,
    set_followup_status,
)
from models.storage import Database
from tui import bindings
from tui.store.followups import load_open_followups
from tui.text import tx
from tui.widgets.followups_panel import due_text, status_change_text, status_text, today_of
from tui.widgets.table_columns import Column, clipped, fit_columns
from tui.widgets.write_failure import failure_text
from tui.writer import write_from


class FollowUpsScreen(Screen[None]):
    """The list of follow-ups that are not closed yet."""

    CSS_PATH = Path(__file__).parent.parent / "styles" / "followups.tcss"

    BINDINGS = bindings.FOLLOWUPS

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.rows: list[FollowUpRow] = []
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="followups-status")
        yield DataTable(id="followups-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = tx("fu_screen_title")
        self.query_one(DataTable).focus()
        self.reload()

    def on_screen_resume(self) -> None:
        if self.loaded:
            self.reload()

    def reload(self, near: int | None = None) -> None:
        self._load(near)

    @work(thread=True, exclusive=True, group="followups-screen")
    def _load(self, near: int | None) -> None:
        rows = load_open_followups(self.db)
        # A newer load replaced this one; its result would show stale rows.
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, rows, near)

    def _show(self, rows: list[FollowUpRow], near: int | None) -> None:
        index = self.query_one(DataTable).cursor_row if near is None else near
        self.rows = rows
        self.loaded = True
        self._fill(index)
        status = tx("fu_screen_count", count=len(rows)) if rows else tx("fu_screen_none")
        self.query_one("#followups-status", Static).update(status)

    def _fill(self, index: int) -> None:
        table = self.query_one(DataTable)
        widths = fit_columns(
            table,
            [
                Column("meeting", tx("fu_col_meeting")),
                Column("what", tx("fu_col_what"), flex=2),
                Column("who", tx("fu_col_who"), 14),
                Column("due", tx("fu_col_due"), 10),
                Column("status", tx("fu_col_status"), 6),
            ],
        )
        today = today_of(self.app)
        for row in self.rows:
            table.add_row(
                clipped(row.organisations or row.meeting, widths["meeting"]),
                clipped(row.what, widths["what"]),
                clipped(row.who, widths["who"]),
                due_text(row.due_date, row.status, today),
                status_text(row.status),
                key=row.id,
            )
        if self.rows:
            table.move_cursor(row=max(0, min(index, len(self.rows) - 1)))

    def on_resize(self) -> None:
        if self.loaded:
            self.call_after_refresh(self._fill, self.query_one(DataTable).cursor_row)

    def selected(self) -> FollowUpRow | None:
        table = self.query_one(DataTable)
        if not self.rows or not table.is_valid_row_index(table.cursor_row):
            return None
        return self.rows[table.cursor_row]

    def action_mark_done(self) -> None:
        row = self._selected_or_tell()
        if row is not None:
            self._set_status(row, "lukket")

    def action_cycle_status(self) -> None:
        row = self._selected_or_tell()
        if row is not None:
            self._set_status(row, next_followup_status(row.status))

    def _set_status(self, row: FollowUpRow, status: str) -> None:
        message = status_change_text(row.what, status)
        self._write(lambda: set_followup_status(self.db, row.id, status), message)

    def _selected_or_tell(self) -> FollowUpRow | None:
        row = self.selected()
        if row is None:
            self.notify(tx("fu_none_selected"), severity="warning")
        return row

    def _write(self, change: Callable[[], object], message: str) -> None:
        def done(_result: object) -> None:
            self.notify(message, markup=False)
            self.reload(None)

        write_from(
            self,
            change,
            on_done=done,
            # the disk or the database: tell, keep the list usable
            on_error=lambda error: self.notify(failure_text(error), severity="error", markup=False),
        )

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
