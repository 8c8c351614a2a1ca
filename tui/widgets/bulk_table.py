"""A fixed-width DataTable that takes thousands of rows at once, with one update instead of one per row."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import zip_longest

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text
from textual import events
from textual.widgets._data_table import DuplicateKey, Row, RowKey

from tui.widgets.table_columns import FixedWidthTable, clipped


class ClippedCell:
    """`clipped(value, width)`, made only when the cell is drawn: of 2,000 rows a screenful is.

    Drawn, measured, shown as text and tested for emptiness as that Text is, by the Text itself.
    """

    __slots__ = ("_text", "value", "width")

    def __init__(self, value: str, width: int) -> None:
        self.value = value
        self.width = width
        self._text: Text | None = None

    @property
    def text(self) -> Text:
        if self._text is None:
            self._text = clipped(self.value, self.width)
        return self._text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        return self.text.__rich_console__(console, options)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return self.text.__rich_measure__(console, options)

    def __bool__(self) -> bool:
        return bool(self.text)

    def __str__(self) -> str:
        return str(self.text)


class BulkTable(FixedWidthTable):
    """A FixedWidthTable with `append_rows`: the service catalogue's 2,000 rows in one go.

    DataTable's `add_row` sets the cursor again (a reactive, validated and watched), bumps the
    table's update count (which keys every render cache) and asks for an idle pass, per row:
    2,000 rows cost about as much as several frames, so they had to be added a chunk a frame,
    and every chunk then repainted all the rows on screen. `append_rows` keeps the same
    records as `add_row` (tests/tui/test_bulk_table.py compares them) and does the rest once.
    """

    def _on_resize(self, event: events.Resize) -> None:
        # DataTable forgets every drawn cell at a resize (its update count keys them all): the
        # whole screenful was drawn twice when the rows first arrived, as their scrollbar
        # appeared. Cells here are drawn at their columns' fixed widths, whatever the table's:
        # only the rows, which stretch to the table's width, are drawn again.
        event.prevent_default()  # DataTable._on_resize
        self._row_render_cache.clear()
        self._line_cache.clear()

    def append_rows(self, rows: Iterable[tuple[str, Sequence[Text | ClippedCell]]]) -> None:
        """Add `(key, cells)` rows at the bottom, each one line high, as `add_row` would."""
        columns = self.ordered_columns
        locations, data, records, new_rows = (
            self._row_locations,
            self._data,
            self.rows,
            self._new_rows,
        )
        was_empty = self.row_count == 0
        index = self.row_count
        for key, cells in rows:
            row_key = RowKey(key)
            if row_key in locations:
                raise DuplicateKey(f"The row key {row_key!r} already exists.")
            if len(cells) > len(columns):
                raise ValueError("More values provided than there are columns.")
            locations[row_key] = index
            data[row_key] = {column.key: cell for column, cell in zip_longest(columns, cells)}
            records[row_key] = Row(row_key, 1, None, False)
            new_rows.add(row_key)
            index += 1
        # First, so that the rows' offsets are worked out once, for the table as it is now.
        self._update_count += 1
        self.cursor_coordinate = self.cursor_coordinate
        visible_cursor = self.show_cursor and self.cursor_type != "none"
        if was_empty and self.row_count and self.columns and visible_cursor:
            self._highlight_cursor()  # a cursor can show now, as on add_row's first row
        # The table's size now, not at the next idle as add_row leaves it: rows added before
        # a screen's first layout are laid out with their scrollbar in it, not in a second.
        self._require_update_dimensions = False
        new_rows = set(self._new_rows)
        self._new_rows.clear()
        self._update_dimensions(new_rows)
