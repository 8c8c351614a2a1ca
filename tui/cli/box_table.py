"""A table drawn with box characters for a terminal: columns fitted to its width, cells wrapped.

rich's Table measured and laid out every cell through its renderable protocol: at 200 meetings
that was most of `innsikt list meetings` (about 0.4 s, with rich's console imported for it).
The table here draws the same box (rich's heavy head) from plain strings in a few
milliseconds; `rich.cells` still gives each character's width on screen (wide CJK, emoji).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len

PADDING = 1  # spaces either side of a cell's text, inside its borders
WHOLE_TOKEN = 12  # a column whose words are no longer than this keeps them whole while it can


def _words(text: str) -> list[str]:
    return text.split()


def natural_widths(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> list[int]:
    """Each column's width with no cell wrapped."""
    return [
        max([cell_len(columns[index]), *(cell_len(row[index]) for row in rows)])
        for index in range(len(columns))
    ]


def _longest(columns: Sequence[str], rows: Sequence[Sequence[str]], pieces: Any) -> list[int]:
    """Each column's widest piece of text, as `pieces` cuts a cell into pieces."""
    return [
        max([1, *(cell_len(piece) for row in [columns, *rows] for piece in pieces(row[index]))])
        for index in range(len(columns))
    ]


def fitted_widths(columns: Sequence[str], rows: Sequence[Sequence[str]], total: int) -> list[int]:
    """Column widths whose table is at most `total` cells wide, where it can be.

    The widest column gives way first, one cell at a time: first down to its longest word
    (words stay whole), then, if the table is still too wide, below it (words are split) in
    columns of long words first, so that short tokens (an id, a date, a count) stay whole, and
    last in every column, but never below its widest character.
    """
    widths = natural_widths(columns, rows)
    words = _longest(columns, rows, _words)
    characters = _longest(columns, rows, list)
    tokens = [w if w <= WHOLE_TOKEN else c for w, c in zip(words, characters, strict=True)]
    frame = len(columns) * (2 * PADDING + 1) + 1  # the borders and padding around the text
    excess = sum(widths) + frame - total
    for floor in (words, tokens, characters):
        while excess > 0:
            shrinkable = [i for i, width in enumerate(widths) if width > floor[i]]
            if not shrinkable:
                break
            widest = max(shrinkable, key=lambda i: (widths[i], -i))
            widths[widest] -= 1
            excess -= 1
    return widths


def _split_word(word: str, width: int) -> list[str]:
    """`word` in pieces of at most `width` cells (a character wider than `width` stays whole)."""
    pieces, current, used = [], "", 0
    for char in word:
        size = cell_len(char)
        if current and used + size > width:
            pieces.append(current)
            current, used = "", 0
        current += char
        used += size
    return [*pieces, current] if current else pieces


def wrapped(text: str, width: int) -> list[str]:
    """`text` as lines of at most `width` cells, broken between words where it can be."""
    lines: list[str] = []
    current, used = "", 0
    for word in _words(text):
        for piece in _split_word(word, width) if cell_len(word) > width else [word]:
            size = cell_len(piece)
            if current and used + 1 + size <= width:
                current, used = f"{current} {piece}", used + 1 + size
                continue
            if current:
                lines.append(current)
            current, used = piece, size
    if current:
        lines.append(current)
    return lines or [""]


def _rule(left: str, line: str, middle: str, right: str, widths: Sequence[int]) -> str:
    return left + middle.join(line * (width + 2 * PADDING) for width in widths) + right


def _row(cells: Sequence[str], widths: Sequence[int], bar: str) -> list[str]:
    """One table row as terminal lines: each cell wrapped to its column, padded to its width."""
    columns = [wrapped(cell, width) for cell, width in zip(cells, widths, strict=True)]
    height = max(len(lines) for lines in columns)
    pad = " " * PADDING
    out = []
    for number in range(height):
        parts = []
        for lines, width in zip(columns, widths, strict=True):
            text = lines[number] if number < len(lines) else ""
            parts.append(pad + text + " " * (width - cell_len(text)) + pad)
        out.append(bar + bar.join(parts) + bar)
    return out


def box_table(title: str, columns: Sequence[str], rows: Sequence[Sequence[str]], total: int) -> str:
    """`title`, then the table in box characters, at most `total` cells wide where it can be.

    The cells are one line of text each (`tui/cli/common.py:one_line`); a cell too wide for
    its column is wrapped onto more lines of its row.
    """
    widths = fitted_widths(columns, rows, total)
    lines = [title, _rule("┏", "━", "┳", "┓", widths)]
    lines.extend(_row(columns, widths, "┃"))
    lines.append(_rule("┡", "━", "╇", "┩", widths))
    for row in rows:
        lines.extend(_row(row, widths, "│"))
    lines.append(_rule("└", "─", "┴", "┘", widths))
    return "\n".join(lines)
