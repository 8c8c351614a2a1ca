"""Fit a DataTable's columns to its width: fixed columns keep their size, the others share the rest."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.widgets import DataTable

SCROLLBAR = 2  # cells the vertical scrollbar takes
MIN_FLEX = 8


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: int | None = None  # None: a share (`flex`) of what the fixed columns leave
    flex: int = 1


def fit_columns(table: DataTable[Text], columns: Sequence[Column]) -> dict[str, int]:
    """Clear `table` and add `columns` sized for its width; returns the width of each.

    Call it again when the table is resized (after the refresh, once its size is known).
    """
    fixed = sum(column.width or 0 for column in columns)
    padding = 2 * table.cell_padding * len(columns) + SCROLLBAR
    left = table.size.width - fixed - padding
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
