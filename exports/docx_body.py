"""The end of a Word document's body, where a renderer appends: in constant time per block."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exports.docx_common import last_section, text_width_twips

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.enum.section import WD_SECTION
    from docx.section import Section
    from docx.shared import Length
    from docx.text.paragraph import Paragraph as DocxParagraph

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
P_TAG = f"{{{W_NS}}}p"
PARSE_BATCH = 500  # paragraphs parsed at once: fewer parser calls, a bounded piece of text
# Characters of body XML placed (as a tree or as a table's rows kept as text) before the
# finished part is kept as text instead: about a megabyte of tree. Counting body elements
# instead left a short report's tables, a dozen elements each per cell, all in the tree.
SPILL_AT = 200_000
ROWS_AS_TEXT = 50_000  # characters of a table's rows from which they are kept as text
ELEMENT_WEIGHT = 100  # what a paragraph or table made through python-docx's API counts


class BodyEnd:
    """Paragraphs and tables appended at the end of a document's body, in constant time each.

    python-docx's `add_paragraph` and `add_table` find the body's closing sectPr by scanning
    every child, and `add_table` lists every section for the width: once per block, that made
    a long report quadratic in its length. The closing sectPr is found once here (and again
    after a section break, `section`); new blocks go in just before it, as python-docx puts them.
    """

    def __init__(self, document: DocxDocument) -> None:
        from exports.docx_spill import Spill

        self.document = document
        self._pending: list[str] = []
        self._weight = 0  # characters of XML placed since the body was last written out
        self._spill = Spill(document)
        self._refresh()

    def _refresh(self) -> None:
        self._closing = self.document.element.body.sectPr
        self.measure()

    def measure(self) -> None:
        """Take the widths from the last section again (after its page was turned)."""
        from docx.shared import Emu, Inches

        section = last_section(self.document)
        self.text_width = text_width_twips(self.document)
        # As python-docx's `Document._block_width`, which new tables take their grid from.
        self.block_width: Length = Emu(
            (section.page_width or Inches(8.5))
            - (section.left_margin or Inches(1))
            - (section.right_margin or Inches(1))
        )

    def add_xml(self, xml: str) -> None:
        """Append body content given as WordprocessingML text (`w` prefix, no declaration);
        it is parsed in batches, before anything else is appended and by `flush`."""
        self._pending.append(xml)
        self._weight += len(xml)
        if len(self._pending) >= PARSE_BATCH:
            self.flush()

    def flush(self) -> None:
        """Parse and append the content given as text so far."""
        from docx.oxml import parse_xml

        if not self._pending:
            return
        pending, self._pending = "".join(self._pending), []
        fragment = parse_xml(f'<w:body xmlns:w="{W_NS}">{pending}</w:body>')
        for element in list(fragment):
            self._place(element)

    def append(self, element: object) -> None:
        self.flush()
        self._weight += ELEMENT_WEIGHT
        self._place(element)

    def add_rows(self, table: Any, rows: Iterable[str]) -> None:
        """Append `rows` (WordprocessingML text of `w:tr`s, `w` prefix) to `table`, an
        element in the body; a large table's as text (`exports/docx_spill.py:Spill.add_rows`),
        taken from `rows` as it is written: its text is never whole in memory."""
        from docx.oxml import parse_xml

        rows = iter(rows)
        first: list[str] = []
        size = 0
        for row in rows:
            first.append(row)
            size += len(row)
            if size >= ROWS_AS_TEXT:
                self._weight += self._spill.add_rows(table, itertools.chain(first, rows))
                return
        self._weight += size
        fragment = parse_xml(f'<w:tbl xmlns:w="{W_NS}">{"".join(first)}</w:tbl>')
        for row in list(fragment):
            table.append(row)

    def checkpoint(self) -> None:
        """Between two blocks: every SPILL_AT characters of XML, keep the finished part as
        text (`exports/docx_spill.py`), compressed: a fortieth of the memory of its tree."""
        if self._weight < SPILL_AT:
            return
        self.flush()
        self._spill.write_out(self._closing)
        self._weight = 0

    def save(self, path: Path) -> None:
        """Save the document atomically, with the body kept as text back in its place."""
        from exports.safe import atomic_write

        self.flush()
        atomic_write(path, self._spill.save)

    def _place(self, element: object) -> None:
        if self._closing is None:
            self.document.element.body.append(element)
        else:
            self._closing.addprevious(element)

    def paragraph(self) -> DocxParagraph:
        """A new empty paragraph at the end of the body."""
        from docx.oxml.parser import OxmlElement
        from docx.text.paragraph import Paragraph

        element = OxmlElement("w:p")
        self.append(element)
        return Paragraph(element, self.document._body)  # type: ignore[arg-type]

    def section(self, start: WD_SECTION) -> Section:
        """A new section at the end (python-docx's own), the width then taken from it."""
        self.flush()
        section = self.document.add_section(start)
        self._refresh()
        return section

    def paragraph_before_last(self) -> DocxParagraph | None:
        """The body's second-to-last paragraph (`document.paragraphs[-2]`), found from the end."""
        from docx.text.paragraph import Paragraph

        body = self.document.element.body
        last = self._closing.getprevious() if self._closing is not None else body[-1]
        paragraphs = (e for e in _backwards(last) if e.tag == P_TAG)
        next(paragraphs, None)
        found = next(paragraphs, None)
        return None if found is None else Paragraph(found, self.document._body)  # type: ignore[arg-type]


def _backwards(element: Any) -> Iterator[Any]:
    while element is not None:
        yield element
        element = element.getprevious()
