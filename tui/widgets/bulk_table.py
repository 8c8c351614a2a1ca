"""A fixed-width DataTable that takes thousands of rows at once, with one update instead of one per row."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import zip_longest
from typing import Any

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual._types import SegmentLines
from textual.cache import LRUCache
from textual.renderables.styled import Styled
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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Cells drawn for any row they are in: key -> (the cell, kept so its id stays its own;
        # lines). Made first: DataTable clears its caches as it is made.
        self._shared_renders: LRUCache[tuple[object, ...], tuple[Text, SegmentLines]] = LRUCache(
            1000
        )
        super().__init__(*args, **kwargs)

    def _clear_caches(self) -> None:
        super()._clear_caches()
        self._shared_renders.clear()

    def notify_style_update(self) -> None:
        self._shared_renders.clear()
        super().notify_style_update()

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> SegmentLines:
        """A Text that many rows share (one per status, say) is drawn once for all of them, and
        each row's copy gets only its row and column, which a click reads; DataTable drew it
        anew for every row. tests/tui/test_bulk_table.py compares the two."""
        if row_index < self.fixed_rows or column_index < self.fixed_columns:  # headers, labels
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        row = self.rows.get(row_key) if row_key is not None else None
        cell = self._data.get(row_key, {}).get(column_key) if row is not None else None
        # An empty Text is drawn as DataTable's own empty one, without its style.
        if row is None or row.height != 1 or not isinstance(cell, Text) or not cell:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        state = (base_style, cursor, hover, self._show_hover_cursor, self._update_count)
        cache_key = (row_key, column_key, *state, self._pseudo_class_state)
        lines = self._cell_render_cache.get(cache_key)
        if lines is None:
            shared_key = (id(cell), width, *state, self._pseudo_class_state)
            shared = self._shared_renders.get(shared_key)
            if shared is None:
                drawn = self._draw(cell, base_style, width, cursor, hover)
                shared = self._shared_renders[shared_key] = (cell, drawn)
            meta = Style.from_meta({"row": row_index, "column": column_index})
            lines = [
                [
                    Segment(text, None if control else (style + meta if style else meta), control)
                    for text, style, control in line
                ]
                for line in shared[1]
            ]
            self._cell_render_cache[cache_key] = lines
        return lines

    def _draw(
        self, cell: Text, base_style: Style, width: int, cursor: bool, hover: bool
    ) -> SegmentLines:
        """A body cell one line high drawn as DataTable._render_cell draws it, less the meta."""
        component_style, post_style = self._get_styles_to_render_cell(
            False,
            False,
            False,
            hover,
            cursor,
            self.show_cursor,
            self._show_hover_cursor,
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css",
        )
        options = self.app.console_options.update_dimensions(width, 1).update(no_wrap=True)
        return self.app.console.render_lines(
            Styled(
                Padding(cell, (0, self.cell_padding)),
                pre_style=base_style + component_style,
                post_style=post_style,
            ),
            options,
        )

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
        keys = [column.key for column in self.ordered_columns]
        # The two sides of the table's TwoWayDict of row positions, filled straight.
        forward, reverse = self._row_locations._forward, self._row_locations._reverse
        data, records = self._data, self.rows
        was_empty = self.row_count == 0
        index = self.row_count
        added: list[RowKey] = []
        for key, cells in rows:
            row_key = RowKey(key)
            if row_key in forward:
                raise DuplicateKey(f"The row key {row_key!r} already exists.")
            if len(cells) > len(keys):
                raise ValueError("More values provided than there are columns.")
            forward[row_key] = index
            reverse[index] = row_key
            if len(cells) == len(keys):
                data[row_key] = dict(zip(keys, cells, strict=True))
            else:  # the missing cells empty, as add_row leaves them
                data[row_key] = dict(zip_longest(keys, cells))
            records[row_key] = Row(row_key, 1, None, False)
            added.append(row_key)
            index += 1
        # First, so that the rows' offsets are worked out once, for the table as it is now.
        self._update_count += 1
        if was_empty and not self._new_rows:
            # The rows in order and the line each starts, as DataTable would work them out
            # from the positions (a look-up per row), each row one line high.
            ordered = [records[row_key] for row_key in added]
            self._ordered_row_cache[len(ordered), self._update_count] = ordered
            self._offset_cache[self._update_count] = [(row_key, 0) for row_key in added]
        self.cursor_coordinate = self.cursor_coordinate
        visible_cursor = self.show_cursor and self.cursor_type != "none"
        if was_empty and self.row_count and self.columns and visible_cursor:
            self._highlight_cursor()  # a cursor can show now, as on add_row's first row
        # The table's size now, not at the next idle as add_row leaves it: rows added before
        # a screen's first layout are laid out with their scrollbar in it, not in a second.
        self._require_update_dimensions = False
        added.extend(self._new_rows)  # rows add_row left for the next idle
        self._new_rows.clear()
        self._update_dimensions(added)
