"""A hidden DataTable's rows rendered into its own caches, so that its first showing finds them.

A side panel mounted ahead, hidden, fills its table while no key waits; the PgDn that first
showed it then rendered every cell through Rich (10 ms of a services panel's first PgDn, 0.2 ms
each later one, from the table's caches). `render_rows_ahead` renders the rows the table will
show, as its first frame will ask for them: the same rows, cursor, style and state, so that the
same cache keys are found. Textual 8.2.8's DataTable internals (`_render_line_in_row`); a table
shown, or changed since, is rendered as always. Another Textual whose internals differ gets no
rendering ahead (the first showing renders as it always did), not an error.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.widgets import DataTable


def render_rows_ahead(table: DataTable[object], rows: int) -> int:
    """Render the header and the first `rows` rows of `table`; how many lines it rendered."""
    try:
        return _render_ahead(table, rows)
    except (AttributeError, TypeError):  # Textual's internals changed: render when shown
        logging.getLogger(__name__).debug("rows not rendered ahead", exc_info=True)
        return 0


def _render_ahead(table: DataTable[object], rows: int) -> int:
    table._pseudo_class_state = table.get_pseudo_class_state()
    style = table.rich_style
    keys = [table._header_row_key] if table.show_header else []
    keys += [row.key for row in table.ordered_rows[:rows]]
    lines = 0
    for key in keys:
        for line in range(table.get_row_height(key)):
            table._render_line_in_row(
                key,
                line,
                style,
                cursor_location=table.cursor_coordinate,
                hover_location=table.hover_coordinate,
            )
            lines += 1
    return lines
