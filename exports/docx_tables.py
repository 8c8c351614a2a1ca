"""Big Word tables written fast: rows built as XML in one parse, not cell by cell.

python-docx spends about 0.17 ms on every `cell.text`; a report with a few hundred services and
answers side by side has tens of thousands of cells. Here the table is created through the API
(so it gets a real built-in style and grid), and its body rows are generated as WordprocessingML
text and parsed once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from exports.document import Chart, Table
from exports.docx_body import BodyEnd
from exports.docx_common import DATA_TABLE_STYLE, KEY_VALUE_TABLE_STYLE

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
BODY_SIZE = 18  # half-points: 9 pt in tables
COMPACT_SIZE = 16  # 8 pt in wide tables
KEY_SHADE = "E7ECF3"
HEADER_SHADE = "1F3864"


def _run_xml(text: str, size: int, bold: bool, color: str = "") -> str:
    # Schema order inside w:rPr: b, bCs, color, sz, szCs (Word rejects other orders).
    props = "<w:b/><w:bCs/>" if bold else ""
    props += f'<w:color w:val="{color}"/>' if color else ""
    props += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    pieces = text.split("\t")
    body = "<w:tab/>".join(f'<w:t xml:space="preserve">{escape(piece)}</w:t>' for piece in pieces)
    return f"<w:r><w:rPr>{props}</w:rPr>{body}</w:r>"


def _cell_xml(
    text: str,
    width: int,
    size: int,
    *,
    bold: bool = False,
    shade: str = "",
    color: str = "",
    centered: bool = False,
    keep: bool = False,
) -> str:
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{shade}"/>' if shade else ""
    alignment = '<w:jc w:val="center"/>' if centered else ""
    keep_next = "<w:keepNext/>" if keep else ""
    paragraphs = "".join(
        f'<w:p><w:pPr>{keep_next}<w:spacing w:before="20" w:after="20"/>{alignment}</w:pPr>'
        + (_run_xml(line, size, bold, color) if line else "")
        + "</w:p>"
        for line in text.split("\n")
    )
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>{paragraphs}</w:tc>'


# Average width of a character in twips at 9 pt (8 pt in compact tables) in Arial, bold a
# little wider, and the cell's own margins: what a column needs to hold its longest word.
CHAR_TWIPS = {BODY_SIZE: 112, COMPACT_SIZE: 100}
BOLD_FACTOR = 1.1  # header rows, and the first column that table styles set in bold
CELL_MARGINS = 170
_WORD = re.compile(r"[^\s/–-]+[/–-]?")


def _longest_word(texts: list[str]) -> int:
    return max((len(word) for text in texts for word in _WORD.findall(text)), default=1)


def _widths(table: Table, total: int) -> list[int]:
    """Widths from the table's relative widths, each column widened to its longest word so that
    ordinary words never break mid-word (taken from the columns with room to spare)."""
    relative = list(table.widths) if len(table.widths) == table.columns else [1.0] * table.columns
    scale = total / sum(relative)
    widths = [value * scale for value in relative]
    char = CHAR_TWIPS[COMPACT_SIZE if table.compact else BODY_SIZE]
    columns = [[row[index] for row in table.rows] for index in range(table.columns)]
    needed = [
        min(
            max(
                _longest_word(column) * char * (BOLD_FACTOR if index == 0 else 1),
                _longest_word([table.header[index]]) * char * BOLD_FACTOR if table.header else 0,
            )
            + CELL_MARGINS,
            total * 0.5,
        )
        for index, column in enumerate(columns)
    ]
    if sum(needed) >= total:
        return [int(value * total / sum(needed)) for value in needed]
    for _ in range(table.columns):
        short = [i for i, w in enumerate(widths) if w < needed[i] - 0.5]
        if not short:
            break
        lacking = sum(needed[i] - widths[i] for i in short)
        for i in short:
            widths[i] = needed[i]
        spare = {i: widths[i] - needed[i] for i in range(table.columns) if i not in short}
        room = sum(spare.values())
        for i, extra in spare.items():
            widths[i] -= lacking * extra / room if room else 0
    return [int(value) for value in widths]


def _rows_xml(table: Table, widths: list[int]) -> Iterator[str]:
    """The table's rows as WordprocessingML text, one at a time (a large table's text is
    written out as it is made, `exports/docx_body.py:BodyEnd.add_rows`)."""
    size = COMPACT_SIZE if table.compact else BODY_SIZE
    if table.header:
        cells = "".join(
            _cell_xml(
                text,
                width,
                size,
                bold=True,
                shade=HEADER_SHADE,
                color="FFFFFF",
                centered=table.centered and index > 0,
            )
            for index, (text, width) in enumerate(zip(table.header, widths, strict=True))
        )
        # Repeat the header on every page and never split a header row.
        yield f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{cells}</w:tr>"
    for number, row in enumerate(table.rows):
        cells = []
        shades = table.shades[number] if number < len(table.shades) else ()
        for index, (text, width) in enumerate(zip(row, widths, strict=True)):
            key_column = not table.header and index == 0
            shade = shades[index] if index < len(shades) else ""
            cells.append(
                _cell_xml(
                    text,
                    width,
                    size,
                    bold=key_column,
                    shade=shade or (KEY_SHADE if key_column else ""),
                    centered=table.centered and index > 0,
                )
            )
        yield f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{''.join(cells)}</w:tr>"


_STYLE_IDS: dict[int, dict[str, str]] = {}


def style_id(document: DocxDocument, name: str) -> str:
    """The id of style `name`, looked up once per document (python-docx scans every style on
    each lookup by name, which dominated a large report's time)."""
    key = id(document.styles.element)
    if key not in _STYLE_IDS:
        _STYLE_IDS.clear()  # one document at a time
        _STYLE_IDS[key] = {style.name: style.style_id for style in document.styles}
    return _STYLE_IDS[key][name]


def _new_table(end: BodyEnd, columns: int) -> Any:
    """An empty table at the end of the body, without python-docx's default-style lookup."""
    from docx.oxml.table import CT_Tbl
    from docx.table import Table as DocxTable

    element = CT_Tbl.new_tbl(0, columns, end.block_width)
    end.append(element)
    return DocxTable(element, end.document._body)  # type: ignore[arg-type]


def add_table(end: BodyEnd, table: Table) -> None:
    """Append `table` to the document body with a built-in Word table style."""
    from docx.oxml import parse_xml

    if not table.columns:
        return
    document = end.document
    widths = _widths(table, end.text_width)
    word_table = _new_table(end, table.columns)
    name = KEY_VALUE_TABLE_STYLE if not table.header else DATA_TABLE_STYLE
    word_table._tbl.tblPr.style = style_id(document, name)
    word_table.autofit = False
    # Narrow cell margins: wide tables keep whole words in their columns.
    margins = parse_xml(
        f'<w:tblCellMar xmlns:w="{W_NS}"><w:left w:w="70" w:type="dxa"/>'
        '<w:right w:w="70" w:type="dxa"/></w:tblCellMar>'
    )
    properties = word_table._tbl.tblPr
    look = properties.find(f"{{{W_NS}}}tblLook")  # the schema wants the margins before it
    if look is not None:
        look.addprevious(margins)
    else:
        properties.append(margins)
    grid = word_table._tbl.tblGrid
    for column, width in zip(grid.findall(f"{{{W_NS}}}gridCol"), widths, strict=True):
        column.set(f"{{{W_NS}}}w", str(width))
    end.add_rows(word_table._tbl, _rows_xml(table, widths))


CHART_UNITS = 40  # the longest bar's number of cells


def add_chart(end: BodyEnd, chart: Chart) -> None:
    """A horizontal stacked bar chart drawn with table cells: per row one shaded cell per unit,
    each segment starting with its series' mark so that it reads in black and white too."""

    longest = max((sum(counts) for _, counts in chart.rows), default=0)
    if not longest:
        return
    units = min(CHART_UNITS, longest)
    total = end.text_width
    label_width, count_width = int(total * 0.24), int(total * 0.08)
    unit = (total - label_width - count_width) // units
    word_table = _new_table(end, units + 2)
    word_table.autofit = False
    grid = word_table._tbl.tblGrid
    widths = [label_width, *([unit] * units), count_width]
    for column, width in zip(grid.findall(f"{{{W_NS}}}gridCol"), widths, strict=True):
        column.set(f"{{{W_NS}}}w", str(width))
    rows = []
    for number, (name, counts) in enumerate(chart.rows):
        keep = number + 1 < len(chart.rows)  # the chart stays on one page
        cells = [_cell_xml(name, label_width, COMPACT_SIZE, keep=keep)]
        used = 0
        for series, count in enumerate(counts):
            # Cells per segment by cumulative rounding, so segments add up to the bar's length.
            start = round(used * units / longest)
            used += count
            stop = round(used * units / longest)
            for position in range(start, stop):
                mark = chart.patterns[series] if position == start else ""
                cells.append(
                    _cell_xml(
                        mark,
                        unit,
                        COMPACT_SIZE,
                        shade=chart.colours[series],
                        centered=True,
                        keep=keep,
                    )
                )
        filled = round(used * units / longest)
        cells += [_cell_xml("", unit, COMPACT_SIZE, keep=keep) for _ in range(units - filled)]
        cells.append(
            _cell_xml(str(sum(counts)), count_width, COMPACT_SIZE, centered=True, keep=keep)
        )
        rows.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{''.join(cells)}</w:tr>")
    end.add_rows(word_table._tbl, rows)
