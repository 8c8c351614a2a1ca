"""Every service in one table: filter by owner, status, criticality and Nødnett, sort, edit."""

from __future__ import annotations

import threading
from pathlib import Path

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.dom import DOMNode
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Header, Input, Select, Static
from textual.worker import get_current_worker

from models.read import ServiceRow
from models.service_search import SORT_COLUMNS, ServiceFilter, filter_services, sort_services
from models.storage import Database
from models.tables import CRITICALITIES, NODNETT_DEPENDENCIES, SERVICE_STATUSES
from tui import bindings
from tui.gc_tuning import freeze_after_start
from tui.screens.holds_notes import RoutesKeys
from tui.screens.screen_css import add_own_css
from tui.store.services import load_catalogue, services_matching
from tui.text import tx
from tui.widgets.bulk_table import BulkTable, ClippedCell
from tui.widgets.choice_select import ChoiceSelect
from tui.widgets.quiet_footer import QuietFooter
from tui.widgets.table_columns import Column, clipped, fit_columns
from tui.widgets.text_field import TextField

COLUMN_TITLES = {
    "name": "svc_col_name",
    "owner": "svc_col_owner",
    "status": "svc_col_status",
    "criticality": "svc_col_criticality",
    "nodnett_dependency": "svc_col_nodnett",
    "meetings": "svc_col_meetings",
}
# Widths of the columns after the name, wide (a table of ≥ 96 cells) and narrow; the name takes the rest.
WIDE = {"owner": 16, "status": 15, "criticality": 18, "nodnett_dependency": 7, "meetings": 5}
NARROW = {"owner": 10, "status": 12, "criticality": 13, "nodnett_dependency": 7, "meetings": 5}
# Columns of few distinct values: one cell per value, shared by the rows that have it.
SHARED_CELLS = ("status", "criticality", "nodnett_dependency")
Read = tuple[list[ServiceRow], dict[str, str]]  # every service's row, the owners' short names
# How long the screen's first layout waits for the read begun as it was composed.
FIRST_READ_WAIT = 0.25
FILTERS = (
    ("owner", "svc_filter_owner"),
    ("status", "svc_filter_status"),
    ("criticality", "svc_filter_criticality"),
    ("nodnett_dependency", "svc_filter_nodnett"),
)


def catalogue_columns(width: int) -> list[Column]:
    """The six columns, the name taking what the others leave of `width`."""
    others = WIDE if width >= 96 else NARROW
    return [Column(key, tx(COLUMN_TITLES[key]), others.get(key)) for key in SORT_COLUMNS]


class ServiceCatalogueScreen(RoutesKeys, Screen[None]):
    """The service catalogue; Enter edits the service under the cursor."""

    CSS_PATH = Path(__file__).parent.parent / "styles" / "service_catalogue.tcss"

    BINDINGS = bindings.CATALOGUE
    # Focused as the screen is composed: Textual would focus the text filter first (the first
    # focusable widget), and moving the focus later restyles both and rebuilds the footer.
    AUTO_FOCUS = "#catalogue-table"

    def __init__(self, db: Database) -> None:
        super().__init__()
        # What the app holds now (the ORM, home's rows) out of the collector before the rows
        # add thousands of objects: opened within a second of the start (before the app's own
        # freeze), a full collection walked them all, 100-170 ms of the screen's first frame.
        freeze_after_start()
        add_own_css(self)
        self.db = db
        self.rows: list[ServiceRow] = []
        self.short_names: dict[str, str] = {}
        # A service to put the cursor on at the next reload (one just created in the form).
        self.pending_select: str | None = None
        self.shown: list[ServiceRow] = []
        self.sort_column = "name"
        self.descending = False
        self.loaded = False
        # Ids of the services the text filter finds (from the search index); None: no text.
        self.text_matches: set[str] | None = None
        # Column widths of the table as last built, and the cells its rows share at them.
        self._widths: dict[str, int] = {}
        self._shared: dict[tuple[str, str], Text] = {}
        self._built_width = -1
        self._text_timer: Timer | None = None
        self._current = Text("")  # what the line below the table shows
        # The last read, kept until the widgets are mounted to show it.
        self._read: Read | None = None
        # The first read, set by the worker before it posts it: taken before the first layout.
        self._first_read = threading.Event()
        self._taken: Read | None = None
        self._mounted = False
        self._left = False  # whether another screen has been on top of this one

    def compose(self) -> ComposeResult:
        self._load()  # read while the widgets below are mounted; shown once both are done
        yield Header()
        with Horizontal(id="catalogue-filters"):
            yield TextField(placeholder=tx("svc_filter_text"), id="filter-text", compact=True)
            for name, prompt in FILTERS:
                yield ChoiceSelect([], prompt=tx(prompt), id=f"filter-{name}", compact=True)
        yield Static("", id="catalogue-status")
        yield BulkTable(id="catalogue-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="catalogue-empty")
        yield Static("", id="catalogue-current")
        # Its keys in the first frame: the table, focused as it mounts, adds none it shows.
        yield QuietFooter(keys_at_once=True)

    def on_mount(self) -> None:
        self.title = tx("svc_catalogue_title")
        for name, values in (
            ("status", SERVICE_STATUSES),
            ("criticality", CRITICALITIES),
            ("nodnett_dependency", NODNETT_DEPENDENCIES),
        ):
            self._filter(name).set_options((Text(value), value) for value in values)
        self.call_after_refresh(self._laid_out)

    def _laid_out(self) -> None:
        # Only now has the table its width, which the columns are fitted to.
        self._mounted = True
        if self._taken is not None:  # in the first frame, fitted to the width foreseen
            self._refit()
        elif self._read is not None:
            self._loaded(*self._read)

    def on_screen_suspend(self) -> None:
        self._left = True

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        if not self._left:
            # First shown: every widget was styled as it was mounted, moments ago; Textual
            # (Screen._on_screen_resume, after this) would style them all again. The read is
            # under way or done.
            event.refresh_styles = False
            self._show_first_read()
        elif self.loaded:
            self.reload()  # back from another screen

    def _filter(self, name: str) -> ChoiceSelect:
        return self.query_one(f"#filter-{name}", ChoiceSelect)

    # --- loading --------------------------------------------------------------------------

    def _show_first_read(self) -> None:
        """The rows in the screen's first layout and frame, not in a second one after an empty
        frame (which cost a layout and a render of every widget). The read began as the screen
        was composed and is done, or nearly: it is waited for a moment at most."""
        if not self._first_read.wait(FIRST_READ_WAIT) or self._read is None:
            return  # shown when it arrives, after the first frame
        self._taken = self._read
        # Textual gives the table, 1fr wide, the screen's width less its scrollbar's, whether
        # it shows one or not (_laid_out checks it).
        table = self.query_one("#catalogue-table", DataTable)
        self._loaded(*self._taken, width=self.app.size.width - table.styles.scrollbar_size_vertical)

    def reload(self) -> None:
        """Read the services again (in a worker) and show them with the current filters."""
        self._load()

    @work(thread=True, exclusive=True, group="catalogue")
    def _load(self) -> None:
        read = load_catalogue(self.db)  # plain SQL: linear in the services
        # A newer load replaced this one; its result would show stale rows.
        if not get_current_worker().is_cancelled:
            self._read = read  # for the first showing, which may be waiting for it
            self._first_read.set()
            self.app.call_from_thread(self._arrived, read)

    def _arrived(self, read: Read) -> None:
        self._read = read
        if read is self._taken:
            return  # shown already, in the first frame
        if self._mounted:
            self._loaded(*read)

    def _loaded(
        self, rows: list[ServiceRow], short_names: dict[str, str], width: int | None = None
    ) -> None:
        self.rows = rows
        self.short_names = short_names
        self.loaded = True
        owners = sorted(short_names, key=str.casefold)
        owner_filter = self._filter("owner")
        chosen = owner_filter.selection
        with owner_filter.prevent(Select.Changed):
            owner_filter.set_options((Text(owner), owner) for owner in owners)
            if chosen in owners:
                owner_filter.value = chosen
        self._show(width=width)

    # --- filtering and sorting ------------------------------------------------------------

    def current_filter(self) -> ServiceFilter:
        return ServiceFilter(**{name: self._filter(name).selection for name, _ in FILTERS})

    def _show(self, select_service: str | None = None, width: int | None = None) -> None:
        """Fill the table with the rows the filters and the text let through, sorted, its
        columns fitted to `width` (the table's own by default)."""
        table = self.query_one("#catalogue-table", DataTable)
        select_service, self.pending_select = select_service or self.pending_select, None
        if select_service is None and self.shown and table.is_valid_row_index(table.cursor_row):
            select_service = self.shown[table.cursor_row].id
        shown = filter_services(self.rows, self.current_filter())
        if self.text_matches is not None:
            shown = [row for row in shown if row.id in self.text_matches]
        self.shown = sort_services(shown, self.sort_column, descending=self.descending)
        # Rebuilt with the columns, so that their widths follow the terminal's.
        width = table.size.width if width is None else width
        self._widths = fit_columns(table, catalogue_columns(width), width)
        self._built_width = width
        self._shared = {}
        index = next((i for i, r in enumerate(self.shown) if r.id == select_service), 0)
        table.append_rows(self._cells(row) for row in self.shown)  # every row, in one update
        if self.shown:
            table.move_cursor(row=index)
        self._show_status()
        self._show_current()

    def _cells(self, row: ServiceRow) -> tuple[str, list[Text | ClippedCell]]:
        """The table's key and cells for `row`, clipped to the columns' widths."""
        widths, shared = self._widths, self._shared
        cells: list[Text | ClippedCell] = [ClippedCell(row.name, widths["name"])]
        owner = self.short_names.get(row.owner, row.owner)
        for column, value in (("owner", owner), *((c, getattr(row, c)) for c in SHARED_CELLS)):
            cell = shared.get((column, value))  # a Text a table only draws, never changes
            if cell is None:
                cell = shared[column, value] = clipped(value, widths[column])
            cells.append(cell)
        count = shared.get(("meetings", str(row.meetings)))
        if count is None:
            count = shared["meetings", str(row.meetings)] = Text(str(row.meetings), justify="right")
        cells.append(count)
        return row.id, cells

    @property
    def filled(self) -> bool:
        """Whether every shown row is in the table."""
        table = self.query_one("#catalogue-table", DataTable)
        return self.loaded and table.row_count == len(self.shown)

    def on_resize(self) -> None:
        if self.loaded:
            self.call_after_refresh(self._refit)

    def _refit(self) -> None:
        if self.query_one("#catalogue-table", DataTable).size.width != self._built_width:
            self._show()  # the columns follow the terminal's width

    @on(DataTable.RowHighlighted)
    def _show_current(self) -> None:
        """The full name and owner of the row under the cursor, which the table may clip."""
        table = self.query_one("#catalogue-table", DataTable)
        current = self.query_one("#catalogue-current", Static)
        if self.shown and table.is_valid_row_index(table.cursor_row):
            row = self.shown[table.cursor_row]
            shown = Text.assemble((row.name, "bold"), f"  {row.owner}" if row.owner else "")
        else:
            shown = Text("")
        if shown != self._current:  # told again by the table as the first rows arrive
            self._current = shown
            current.update(shown, layout=False)  # one line the width of the screen

    def _show_status(self) -> None:
        column = tx(COLUMN_TITLES[self.sort_column]).lower()
        arrow = "↓" if self.descending else "↑"
        status = tx(
            "svc_catalogue_count",
            shown=len(self.shown),
            total=len(self.rows),
            column=column,
            arrow=arrow,
        )
        self.query_one("#catalogue-status", Static).update(Text(status), layout=False)
        empty = self.query_one("#catalogue-empty", Static)
        if not self.rows:
            empty.update(tx("svc_catalogue_empty"))
        elif not self.shown:
            empty.update(tx("svc_catalogue_none"))
        empty.display = not self.shown

    @on(Select.Changed)
    def _filter_changed(self) -> None:
        if self.loaded:
            self._show()

    def action_sort(self, index: int) -> None:
        column = SORT_COLUMNS[index]
        self.descending = not self.descending if column == self.sort_column else False
        self.sort_column = column
        self._show()

    @on(DataTable.HeaderSelected)
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        self.action_sort(SORT_COLUMNS.index(str(event.column_key.value)))

    def action_clear_filters(self) -> None:
        for name, _ in FILTERS:
            self._filter(name).clear()
        self.query_one("#filter-text", Input).value = ""

    # --- the text filter: the same full-text index as search -----------------------------

    def route_key(self, event: events.Key) -> tuple[DOMNode, str] | None:
        """«/» is run by the app as it comes, before the keys typed after it are routed: they
        go into the text filter it focuses, not to the table (where e edits a service)."""
        focused = self.focused
        if event.key != "slash" or (
            focused is not None and focused.check_consume_key(event.key, event.character)
        ):
            return None  # typed into a field, or another key
        return (self, "focus_text_filter")

    def action_focus_text_filter(self) -> None:
        # At once, not after the queued keys as `focus()` would: «/ekg» typed in one burst
        # puts «ekg» in the filter, not e (edit) on the table.
        self.set_focus(self.query_one("#filter-text", Input))

    @on(Input.Changed, "#filter-text")
    def _text_changed(self, event: Input.Changed) -> None:
        if self._text_timer is not None:
            self._text_timer.stop()
        query = event.value
        self._text_timer = self.set_timer(0.15, lambda: self._find_text(query))

    @on(Input.Submitted, "#filter-text")
    def _text_submitted(self) -> None:
        self.query_one("#catalogue-table", DataTable).focus()

    @work(thread=True, exclusive=True, group="catalogue-text")
    def _find_text(self, query: str) -> None:
        matches = services_matching(self.db, query)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._text_found, matches)

    def _text_found(self, matches: set[str] | None) -> None:
        self.text_matches = matches
        if self.loaded:
            self._show()

    # --- editing --------------------------------------------------------------------------

    def action_new(self) -> None:
        # Imported when first needed: the form brings Textual's TextArea, which the
        # catalogue's opening does not need.
        from tui.screens.service_form import ServiceFormScreen

        self.app.push_screen(ServiceFormScreen(self.db), self._after_form)

    def action_edit(self) -> None:
        table = self.query_one("#catalogue-table", DataTable)
        if self.shown and table.is_valid_row_index(table.cursor_row):
            from tui.screens.service_form import ServiceFormScreen

            service_id = self.shown[table.cursor_row].id
            self.app.push_screen(ServiceFormScreen(self.db, service_id=service_id))
        else:
            self.notify(tx("svc_none_selected"), severity="warning")

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def _after_form(self, service_id: str | None) -> None:
        if service_id is not None:
            self.pending_select = service_id
            self.reload()

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
