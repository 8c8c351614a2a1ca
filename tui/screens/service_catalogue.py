"""Every service in one table: filter by owner, status, criticality and Nødnett, sort, edit."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Select, Static

from models.catalogue import SORT_COLUMNS, ServiceFilter, filter_services, sort_services
from models.queries import ServiceRow, organisation_names, service_rows
from models.storage import Database
from models.tables import CRITICALITIES, NODNETT_DEPENDENCIES, SERVICE_STATUSES
from tui.screens.service_form import ServiceFormScreen
from tui.text import tx
from tui.widgets.choice_select import ChoiceSelect

COLUMN_TITLES = {
    "name": "svc_col_name",
    "owner": "svc_col_owner",
    "status": "svc_col_status",
    "criticality": "svc_col_criticality",
    "nodnett_dependency": "svc_col_nodnett",
    "meetings": "svc_col_meetings",
}
FILTERS = (
    ("owner", "svc_filter_owner"),
    ("status", "svc_filter_status"),
    ("criticality", "svc_filter_criticality"),
    ("nodnett_dependency", "svc_filter_nodnett"),
)


def _sort_bindings() -> list[BindingType]:
    first = Binding("1", "sort(0)", tx("svc_key_sort"), key_display="1–6")
    rest = [
        Binding(str(number + 1), f"sort({number})", tx("svc_key_sort"), show=False)
        for number in range(1, len(SORT_COLUMNS))
    ]
    return [first, *rest]


class ServiceCatalogueScreen(Screen[None]):
    """The service catalogue; Enter edits the service under the cursor."""

    DEFAULT_CSS = """
    ServiceCatalogueScreen #catalogue-filters { height: 1; margin: 1 1 0 1; }
    ServiceCatalogueScreen #catalogue-filters ChoiceSelect { width: 1fr; margin-right: 1; }
    ServiceCatalogueScreen #catalogue-status { height: 1; padding: 0 1; color: $text-muted; }
    ServiceCatalogueScreen #catalogue-table { height: 1fr; }
    ServiceCatalogueScreen #catalogue-empty { padding: 1 2; color: $text-muted; height: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", tx("svc_key_back")),
        Binding("n", "new", tx("svc_key_new")),
        Binding("e", "edit", tx("svc_key_edit")),
        *_sort_bindings(),
        Binding("x", "clear_filters", tx("svc_key_clear")),
    ]

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.rows: list[ServiceRow] = []
        self.shown: list[ServiceRow] = []
        self.sort_column = "name"
        self.descending = False
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="catalogue-filters"):
            for name, prompt in FILTERS:
                yield ChoiceSelect([], prompt=tx(prompt), id=f"filter-{name}", compact=True)
        yield Static("", id="catalogue-status")
        table: DataTable[Text] = DataTable(
            id="catalogue-table", cursor_type="row", zebra_stripes=True
        )
        for column in SORT_COLUMNS:
            table.add_column(tx(COLUMN_TITLES[column]), key=column)
        yield table
        yield Static("", id="catalogue-empty")
        yield Footer()

    def on_mount(self) -> None:
        self.title = tx("svc_catalogue_title")
        for name, values in (
            ("status", SERVICE_STATUSES),
            ("criticality", CRITICALITIES),
            ("nodnett_dependency", NODNETT_DEPENDENCIES),
        ):
            self._filter(name).set_options((Text(value), value) for value in values)
        self.query_one("#catalogue-table", DataTable).focus()
        self.reload()

    def on_screen_resume(self) -> None:
        if self.loaded:
            self.reload()

    def _filter(self, name: str) -> ChoiceSelect:
        return self.query_one(f"#filter-{name}", ChoiceSelect)

    # --- loading --------------------------------------------------------------------------

    def reload(self, select_service: str | None = None) -> None:
        self._load(select_service)

    @work(thread=True, exclusive=True, group="catalogue")
    def _load(self, select_service: str | None) -> None:
        with self.db.session() as session:
            rows = service_rows(session)
            owners = sorted(set(organisation_names(session).values()), key=str.casefold)
        self.app.call_from_thread(self._loaded, rows, owners, select_service)

    def _loaded(self, rows: list[ServiceRow], owners: list[str], select: str | None) -> None:
        self.rows = rows
        self.loaded = True
        owner_filter = self._filter("owner")
        chosen = owner_filter.selection
        with owner_filter.prevent(Select.Changed):
            owner_filter.set_options((Text(owner), owner) for owner in owners)
            if chosen in owners:
                owner_filter.value = chosen
        self._show(select)

    # --- filtering and sorting ------------------------------------------------------------

    def current_filter(self) -> ServiceFilter:
        return ServiceFilter(**{name: self._filter(name).selection for name, _ in FILTERS})

    def _show(self, select_service: str | None = None) -> None:
        table = self.query_one("#catalogue-table", DataTable)
        if select_service is None and self.shown and table.is_valid_row_index(table.cursor_row):
            select_service = self.shown[table.cursor_row].id
        shown = filter_services(self.rows, self.current_filter())
        self.shown = sort_services(shown, self.sort_column, descending=self.descending)
        table.clear()
        for row in self.shown:
            table.add_row(
                Text(row.name),
                Text(row.owner),
                Text(row.status),
                Text(row.criticality),
                Text(row.nodnett_dependency),
                Text(str(row.meetings), justify="right"),
                key=row.id,
            )
        self._show_status()
        index = next((i for i, r in enumerate(self.shown) if r.id == select_service), 0)
        if self.shown:
            table.move_cursor(row=index)

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
        self.query_one("#catalogue-status", Static).update(Text(status))
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

    # --- editing --------------------------------------------------------------------------

    def action_new(self) -> None:
        self.app.push_screen(ServiceFormScreen(self.db), self._after_form)

    def action_edit(self) -> None:
        table = self.query_one("#catalogue-table", DataTable)
        if self.shown and table.is_valid_row_index(table.cursor_row):
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
            self.reload(select_service=service_id)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
