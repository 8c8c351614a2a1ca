"""A capture-screen panel whose letter keys work only after it was entered on purpose (F2).

While the facilitator types, focus can drift into a panel (Tab, a click); a bare letter must then
reach the note, not add or unlink a service. `enter()` arms the panel's keys; leaving it (focus
elsewhere, Escape, another question) disarms them again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable, Static

from tui.widgets.own_keys import OwnKeysOnArrival
from tui.widgets.own_size import SizedByLayout

if TYPE_CHECKING:
    from tui.store.panel_reads import PanelReads

RowT = TypeVar("RowT")
# Rows of a hidden panel's table rendered ahead: as many as its max-height shows.
ROWS_AHEAD = 12


class EnteredPanel(SizedByLayout, Widget):
    """Subclasses list their key bindings in BINDINGS as usual; they act only while `entered`.

    Its size, and its parts' (`tui/widgets/header_text.py:PanelText`), measured by the layout
    that first shows it, ask for no second layout."""

    entered = False

    @dataclass
    class Counted(Message):
        """A panel showed its rows: how many the question (or the meeting) has now, so that
        the guide tree can mark the question answered or not."""

        kind: str  # the guide's question kind: services, followups, people
        question_key: str
        count: int

    def panel_keys(self) -> set[str]:
        """The keys of this panel's own bindings."""
        return {key for key, _ in self._bindings}

    def action_for(self, key: str) -> str | None:
        """The action this panel binds to `key`, if it binds one."""
        bindings = self._bindings.key_to_bindings.get(key, ())
        return bindings[0].action if bindings else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if any(binding.action == action for _, binding in self._bindings):
            return self.entered
        return True

    def enter(self) -> None:
        """Arm the panel's keys and put the focus in it."""
        self.entered = True
        self.add_class("-entered")
        self.on_enter()
        self.refresh_bindings()

    def leave(self) -> None:
        if self.entered:
            self.entered = False
            self.remove_class("-entered")
            self.on_leave()
            self.refresh_bindings()

    def on_enter(self) -> None:
        """Focus the panel's first widget; subclasses may enable fields first."""
        focusable = [widget for widget in self.query("*") if widget.focusable]
        if focusable:
            # At once, not deferred as focus() is: keys in the same burst as F2 are the panel's.
            self.screen.set_focus(focusable[0])

    def reload(self) -> None:
        """Read the panel's rows again; the capture screen calls it when showing it again."""

    def on_leave(self) -> None:
        """Subclasses take their fields out of the Tab order again."""

    def show_text(self, widget: Static, text: str) -> None:
        """Show `text` in `widget` unless it shows it already: an update relays the screen out,
        and the panel shows its rows again each time its question comes back."""
        if widget.content != text:
            widget.update(text)


class PanelTable(OwnKeysOnArrival, DataTable[object]):
    """A panel's rows. An arrow moves the cursor as it arrives, not once it has bubbled up to
    the app: a panel key run at once right after it (x: unlink, e: edit, in one burst with the
    arrows) acts on the row the arrows moved to, not on the row before them."""


class TablePanel(EnteredPanel, Generic[RowT]):
    """An entered panel whose rows stand in its DataTable: the row under the cursor, and the
    table refilled (after a reload, at a resize) with the cursor kept on the same row.

    Its rows are read through `reads` (the capture screen's, shared by its panels; `owned`: the
    panel's own, closed with it)."""

    rows: list[RowT]
    # The rows, the table's width and `fill_state` the table was last filled for.
    _filled: tuple[object, ...] | None = None
    # The width its table will have once shown: a panel mounted ahead, hidden, fills its
    # table for it (its first showing then only shows it).
    width_hint: Callable[[], int] | None = None

    @property
    def showable(self) -> bool:
        """Attached and still holding its table: a panel being removed (the app quitting, its
        screen closed) loses its children first, and a read begun before may still come back."""
        return self.is_attached and bool(self.query(DataTable))

    def __init__(self, reads: PanelReads, *, owned: bool = False, **kwargs: str) -> None:
        super().__init__(**kwargs)
        self.reads = reads
        self._owns_reads = owned

    def on_mount(self) -> None:
        # After the paint of its question. A panel mounted ahead of its question, hidden, reads
        # them when it is first shown (`CapturePanels.show_side_panel`), at its real width.
        if self.display:
            self.call_after_refresh(self.reload)

    def on_unmount(self) -> None:
        if self._owns_reads:
            self.reads.close()

    def row_key(self, row: RowT) -> str:
        """The id by which a row is found again after a refill."""
        raise NotImplementedError

    def add_rows(self, table: DataTable[object]) -> None:
        """Lay out the columns for the table's width and add `rows` to it."""
        raise NotImplementedError

    def fill_state(self) -> object:
        """What else the rows' cells depend on (today, for a due date); None: nothing."""
        return None

    def table_width(self, table: DataTable[object]) -> int:
        """The table's width, or (never shown yet) the width it will have."""
        if table.size.width or self.width_hint is None:
            return table.size.width
        return self.width_hint()

    def fill(self, keep: str | None) -> None:
        table = self.query_one(DataTable)
        self.add_rows(table)
        self._filled = (tuple(self.rows), self.table_width(table), self.fill_state())
        if self.rows:
            self._move_to(table, keep)
        if not self.display:  # mounted ahead: its first showing finds its rows rendered
            from tui import terminal_activity
            from tui.widgets.table_ahead import render_rows_ahead

            if not terminal_activity.answering():  # (a read coming back while a key waits)
                render_rows_ahead(table, ROWS_AHEAD)

    def _move_to(self, table: DataTable[object], keep: str | None) -> None:
        keys = [self.row_key(row) for row in self.rows]
        table.move_cursor(row=keys.index(keep) if keep in keys else 0)

    def replace_rows(self, rows: list[RowT], select: str | None) -> None:
        """Show `rows`, the cursor on `select`, else on the row it was on."""
        table = self.query_one(DataTable)
        if self._filled == (tuple(rows), self.table_width(table), self.fill_state()):
            # As shown already (the panel's question came back): refilling the table cost a
            # layout and a paint of every row on each PgDn to it.
            self.rows = rows
            if select is not None:
                self._move_to(table, select)
            return
        previous = self.selected()
        self.rows = rows
        self.fill(select or (self.row_key(previous) if previous is not None else None))

    def selected(self) -> RowT | None:
        """The row under the cursor, if any."""
        table = self.query_one(DataTable)
        if not self.rows or not table.is_valid_row_index(table.cursor_row):
            return None
        return self.rows[table.cursor_row]

    def on_resize(self) -> None:
        current = self.selected()
        self.call_after_refresh(self._refit, self.row_key(current) if current is not None else None)

    def _refit(self, keep: str | None) -> None:
        table = self.query_one(DataTable)
        if self._filled is None:
            return  # its first read is on the way and fills it
        if self._filled[1] == table.size.width:
            return  # shown again at the same width (a resize event on each return): as filled
        self.fill(keep)
