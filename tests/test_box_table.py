"""The terminal's table (tui/cli/box_table.py): it fits the width, and every word of every cell is shown in order."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.cli.box_table import box_table, fitted_widths, wrapped

WORD = st.text(alphabet="abcæøåXYZ0123–-:(),漢😀", min_size=1, max_size=14)
CELL = st.lists(WORD, max_size=6).map(" ".join)


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]], int]:
    count = draw(st.integers(1, 6))
    columns = draw(st.lists(WORD, min_size=count, max_size=count))
    rows = draw(st.lists(st.lists(CELL, min_size=count, max_size=count), max_size=5))
    return columns, rows, draw(st.integers(10, 120))


def cells_of(drawn: str, columns: int) -> list[list[str]]:
    """The text of each column per line of the drawn table's body and header."""
    lines = drawn.splitlines()[1:]
    return [
        [part.strip() for part in line[1:-1].split(line[0])] for line in lines if line[0] in "│┃"
    ]


@given(tables())
def test_every_line_is_as_wide_as_the_terminal_or_as_narrow_as_the_table_can_be(
    table: tuple[list[str], list[list[str]], int],
) -> None:
    columns, rows, total = table
    drawn = box_table("Møter", columns, rows, total).splitlines()
    narrowest = 4 * len(columns) + 1  # one cell of text a column, its padding and borders
    widest_char = 2  # a wide character is never split
    widths = {cell_len(line) for line in drawn[1:]}
    assert len(widths) == 1  # every line of the box is as wide as the others
    assert widths.pop() <= max(total, narrowest + (widest_char - 1) * len(columns))


@given(tables())
def test_every_word_of_every_cell_is_shown_in_order_in_its_column(
    table: tuple[list[str], list[list[str]], int],
) -> None:
    columns, rows, total = table
    drawn = box_table("Møter", columns, rows, total)
    shown = cells_of(drawn, len(columns))
    widths = fitted_widths(columns, rows, total)
    for index, width in enumerate(widths):
        assert all(cell_len(line[index]) <= width for line in shown)
        column_text = "".join(line[index] for line in shown).replace(" ", "")
        expected = "".join(
            cell.replace(" ", "") for cell in [columns[index], *(row[index] for row in rows)]
        )
        assert column_text == expected


def test_a_column_gives_way_at_a_space_before_a_word_is_split() -> None:
    assert wrapped("Innsiktsmøte med Helse Vest IKT", 14) == [
        "Innsiktsmøte",
        "med Helse Vest",
        "IKT",
    ]
    assert wrapped("driftsorganisasjon", 8) == ["driftsor", "ganisasj", "on"]
    assert wrapped("", 5) == [""]


def test_the_widest_column_gives_way_first_and_the_ids_stay_whole() -> None:
    columns = ["Id", "Møte", "Reise"]
    rows = [["ada20a5b", "Innsiktsmøte med Sykehuspartner HF", "Eksempel: Mobile tjenester"]]
    widths = fitted_widths(columns, rows, 50)
    assert widths[0] == 8
    assert sum(widths) + 3 * len(widths) + 1 <= 50
    drawn = box_table("Møter", columns, rows, 50)
    assert "ada20a5b" in drawn
    assert drawn.splitlines()[1].startswith("┏━")
    assert drawn.splitlines()[-1].startswith("└─")


def test_at_80_columns_ids_dates_and_counts_stay_whole_while_long_words_are_split() -> None:
    columns = ["Id", "Dato", "Møte", "Virksomheter", "Reise", "Notater", "Åpne oppf."]
    rows = [
        [
            "22095200",
            "2026-11-12",
            "Innsiktsmøte med Norsk Helsenett SF og HDO",
            "HDO – Helsetjenestens driftsorganisasjon for nødnett HF, Norsk Helsenett SF",
            "Eksempel: Mobile tjenester i helse – innsiktsreise 2026",
            "29",
            "3",
        ]
    ]
    drawn = box_table("Møter", columns, rows, 80)
    assert all(cell_len(line) <= 80 for line in drawn.splitlines())
    body = cells_of(drawn, len(columns))
    rows_lines = body[2:]  # the header takes two lines («Åpne / oppf.»)
    assert rows_lines[0][:2] == ["22095200", "2026-11-12"]
    assert all(line[:2] == ["", ""] for line in rows_lines[1:])
    organisations = " ".join(line[3] for line in rows_lines)
    assert "driftsorganisasjon" not in organisations.split()  # the long word gave way instead
