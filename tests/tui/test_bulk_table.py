"""BulkTable.append_rows: the same table as add_row row by row, and the catalogue filled at once."""

from __future__ import annotations

import asyncio
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.segment import Segment
from rich.text import Text
from textual.app import App, ComposeResult
from textual.coordinate import Coordinate
from textual.widgets import DataTable

from models import records
from models.storage import Database
from models.tables import Meeting, Organisation, Service, ServiceMention
from tests.budget import examples
from tui.screens.service_catalogue import ServiceCatalogueScreen
from tui.widgets.bulk_table import BulkTable, ClippedCell
from tui.widgets.table_columns import clipped

from .services_harness import HarnessApp, settle

COLUMNS = ("a", "b", "c")


class TwoTables(App[None]):
    def compose(self) -> ComposeResult:
        yield BulkTable(id="bulk", cursor_type="row", zebra_stripes=True)
        yield BulkTable(id="one-by-one", cursor_type="row", zebra_stripes=True)


def state(table: DataTable[Any]) -> tuple[object, ...]:
    """What a user or the screen can see of a table: rows, cells, cursor, size, drawn lines."""
    lines = [table.render_line(y).text for y in range(table.size.height)]
    return (
        [row.key.value for row in table.ordered_rows],
        [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)],
        table.cursor_coordinate,
        table.virtual_size,
        lines,
    )


cell_text = st.text(alphabet="abcæøå ÆØÅ-1", max_size=14)
batches = st.lists(
    st.lists(st.lists(cell_text, min_size=0, max_size=3), max_size=25), min_size=1, max_size=4
)


@settings(max_examples=examples(15, 200), deadline=None)
@given(batches=batches)
def test_append_rows_makes_the_table_add_row_makes(batches: list[list[list[str]]]) -> None:
    asyncio.run(same_tables(batches))


async def same_tables(batches: list[list[list[str]]]) -> None:
    app = TwoTables()
    async with app.run_test(size=(60, 30)) as pilot:
        bulk = app.query_one("#bulk", BulkTable)
        single = app.query_one("#one-by-one", BulkTable)
        highlighted: dict[str, int] = {"bulk": 0, "one-by-one": 0}
        app.message_hook = lambda message: (
            isinstance(message, DataTable.RowHighlighted)
            and highlighted.__setitem__(
                str(message.data_table.id), highlighted[str(message.data_table.id)] + 1
            )
        )
        for table in (bulk, single):
            for key in COLUMNS:
                table.add_column(key, key=key, width=8)
        number = 0
        for batch in batches:
            keyed = []
            for cells in batch:
                keyed.append((f"r{number}", [Text(cell) for cell in cells]))
                number += 1
            bulk.append_rows(keyed)
            for key, cells in keyed:
                single.add_row(*cells, key=key)
            await pilot.pause()
            assert state(bulk) == state(single)
        assert highlighted["bulk"] == highlighted["one-by-one"]


values = st.text(alphabet="ab æø[]/\n\t-", max_size=30)


@settings(max_examples=examples(15, 200), deadline=None)
@given(rows=st.lists(st.lists(values, min_size=3, max_size=3), min_size=1, max_size=12))
def test_a_clipped_cell_is_drawn_as_its_clipped_text(rows: list[list[str]]) -> None:
    asyncio.run(same_drawing(rows))


async def same_drawing(rows: list[list[str]]) -> None:
    app = TwoTables()
    async with app.run_test(size=(60, 30)) as pilot:
        table = app.query_one("#bulk", BulkTable)
        widths = (1, 6, 14)
        for key, width in zip(COLUMNS, widths, strict=True):
            table.add_column(key, key=key, width=width)
        drawn = []
        for cell in (ClippedCell, clipped):  # the same table, so that its focus is the same
            table.clear()
            table.append_rows(
                (str(n), [cell(v, w) for v, w in zip(row, widths, strict=True)])
                for n, row in enumerate(rows)
            )
            await pilot.pause()
            lines = [list(table.render_line(y)) for y in range(table.size.height)]
            texts = [list(map(str, table.get_row_at(i))) for i in range(len(rows))]
            drawn.append((lines, texts))
        assert drawn[0] == drawn[1]


shared_cells = st.lists(
    st.tuples(
        values,
        st.sampled_from(["", "bold", "italic red", "on blue"]),
        st.sampled_from([None, "left", "right", "center"]),
    ),
    min_size=1,
    max_size=4,
)


@settings(max_examples=examples(15, 200), deadline=None)
@given(
    pool=shared_cells,
    picks=st.lists(st.lists(st.integers(0, 3), min_size=3, max_size=3), min_size=1, max_size=12),
    cursor=st.integers(0, 11),
    hover=st.integers(-1, 11),
)
def test_a_text_shared_by_rows_is_drawn_for_each_as_datatable_draws_it(
    pool: list[tuple[str, str, str | None]], picks: list[list[int]], cursor: int, hover: int
) -> None:
    """One Text in many rows (the catalogue's status, owner, count) is drawn once for all of
    them: each row's lines are those DataTable draws for a copy of its own, with its row's meta."""
    asyncio.run(same_shared_cells(pool, picks, cursor, hover))


async def same_shared_cells(
    pool: list[tuple[str, str, str | None]], picks: list[list[int]], cursor: int, hover: int
) -> None:
    app = TwoTables()
    async with app.run_test(size=(60, 30)) as pilot:
        shared = app.query_one("#bulk", BulkTable)
        own = app.query_one("#one-by-one", BulkTable)  # each row its own copy, drawn by DataTable
        widths = (1, 6, 14)
        texts = [Text(value, style=style, justify=justify) for value, style, justify in pool]  # type: ignore[arg-type]
        for table, cell in ((shared, lambda t: t), (own, Text.copy)):
            for key, width in zip(COLUMNS, widths, strict=True):
                table.add_column(key, key=key, width=width)
            table.append_rows(
                (str(n), [cell(texts[i % len(texts)]) for i in row]) for n, row in enumerate(picks)
            )
            table.move_cursor(row=min(cursor, len(picks) - 1))
            table.hover_coordinate = Coordinate(max(hover, 0), 0)
            table._set_hover_cursor(hover >= 0)
        app.set_focus(None)
        await pilot.pause()
        base = shared.rich_style
        cells = [
            (r, c, r == shared.cursor_row, hover >= 0 and r == shared.hover_row)
            for r in range(len(picks))
            for c in range(len(COLUMNS))
        ]
        ours = [
            shared._render_cell(r, c, base, widths[c] + 2, on, over) for r, c, on, over in cells
        ]
        theirs = [
            DataTable._render_cell(own, r, c, base, widths[c] + 2, on, over)
            for r, c, on, over in cells
        ]
        assert [cells_of(lines) for lines in ours] == [cells_of(lines) for lines in theirs]
        assert all(line[0].style and line[0].style.meta for lines in ours for line in lines)


def cells_of(lines: list[list[Segment]]) -> list[list[tuple[str, object]]]:
    """What lines put on screen: text and style, without empty segments and with neighbours of
    one style joined."""
    return [[(s.text, s.style) for s in Segment.simplify(line) if s.text] for line in lines]


def add_services(db: Database, total: int) -> None:
    """`total` services more, each with an owner and a mention in a meeting."""
    with db.transaction() as session:
        owners = session.exec(records.live(Organisation)).all()
        meetings = session.exec(records.live(Meeting)).all()
        for number in range(total):
            service = records.create(
                db,
                session,
                Service,
                name=f"Tjeneste {number:04d}",
                owner_id=owners[number % len(owners)].id,
                status="i drift",
            )
            records.create(
                db,
                session,
                ServiceMention,
                service_id=service.id,
                meeting_id=meetings[number % len(meetings)].id,
                question_key="C1",
            )


async def test_the_catalogue_draws_each_cell_on_screen_once_while_its_rows_arrive(
    demo_db: Database,
) -> None:
    """All 400 rows go into the table in one update, so the rows on screen are drawn once.

    Rows added a chunk a frame redrew every row on screen after each chunk: a DataTable's
    render caches are keyed by its update count, which each added row changes.
    """
    add_services(demo_db, 400)
    drawn: list[tuple[int, int, bool]] = []
    original = BulkTable._render_cell

    def counted(self: BulkTable, row: int, column: int, *args: Any, **kwargs: Any) -> Any:
        before = len(self._cell_render_cache)
        lines = original(self, row, column, *args, **kwargs)
        if row >= 0 and len(self._cell_render_cache) != before:  # a cell drawn, not cached
            drawn.append((row, column, bool(kwargs.get("cursor"))))
        return lines

    BulkTable._render_cell = counted  # type: ignore[method-assign]
    try:
        app = HarnessApp(demo_db, ServiceCatalogueScreen)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, ServiceCatalogueScreen) and screen.filled
            table = screen.query_one("#catalogue-table", BulkTable)
            assert table.row_count == 433
            on_screen = table.size.height - 1  # less the header
            assert len(drawn) == len(set(drawn))
            assert len(drawn) <= on_screen * len(table.columns)
    finally:
        BulkTable._render_cell = original  # type: ignore[method-assign]
