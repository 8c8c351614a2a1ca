"""Fit a DataTable's columns to its width: fixed columns keep their size, the others share the rest."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.geometry import Size
from textual.widgets import DataTable
from textual.widgets._data_table import RowKey

SCROLLBAR = 2  # cells the vertical scrollbar takes
MIN_FLEX = 8


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: int | None = None  # None: a share (`flex`) of what the fixed columns leave
    flex: int = 1


def fit_columns(
    table: DataTable[Text], columns: Sequence[Column], width: int | None = None
) -> dict[str, int]:
    """Clear `table` and add `columns` sized for its width (`width` when it is not shown yet);
    returns the width of each.

    Call it again when the table is resized (after the refresh, once its size is known).
    """
    fixed = sum(column.width or 0 for column in columns)
    padding = 2 * table.cell_padding * len(columns) + SCROLLBAR
    left = (table.size.width if width is None else width) - fixed - padding
    shares = sum(column.flex for column in columns if column.width is None) or 1
    widths = {
        column.key: column.width or max(MIN_FLEX, left * column.flex // shares)
        for column in columns
    }
    table.clear(columns=True)
    for column in columns:
        table.add_column(column.title, key=column.key, width=widths[column.key])
    return widths


def clipped(value: str, width: int, style: str = "") -> Text:
    """`value` on one line, cut with «…» to `width` cells."""
    text = Text(" ".join(value.split()), style=style)
    text.truncate(width, overflow="ellipsis")
    return text


class FixedWidthTable(DataTable[Text]):
    """A DataTable whose columns all have a width (see `fit_columns`): new rows are not measured.

    DataTable measures every cell of every new row to widen auto-width columns, asking the
    terminal for its size once per cell; with fixed widths that changes nothing and was most
    of the time the service catalogue took to show 2,000 services.
    """

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        new_rows = list(new_rows)
        measured = any(column.auto_width for column in self.columns.values()) or any(
            row.label is not None or row.auto_height
            for row in (self.rows.get(key) for key in new_rows)
            if row is not None
        )
        if measured or not self.columns:
            super()._update_dimensions(new_rows)
            return
        width = sum(column.get_render_width(self) for column in self.columns.values())
        header_height = self.header_height if self.show_header else 0
        self.virtual_size = Size(
            width + self._row_label_column_width, self._total_row_height + header_height
        )
