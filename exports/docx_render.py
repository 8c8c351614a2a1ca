"""Lay a `Document` out as a Word file with real heading, list and table styles."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from exports.document import Document, Heading, Landscape, Paragraph, Table
from exports.docx_common import add_page_numbers, new_document, save_document
from exports.docx_tables import add_table

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph as DocxParagraph

MUTED_COLOUR = (0x59, 0x59, 0x59)


def _add_paragraph(word: DocxDocument, paragraph: Paragraph) -> DocxParagraph:
    """Add `paragraph` (one Word paragraph per line) and return the last one added."""
    from docx.shared import RGBColor

    style = "List Bullet" if paragraph.kind == "bullet" else None
    lines = paragraph.text.split("\n")
    for number, line in enumerate(lines):
        target = word.add_paragraph(style=style)
        if number == 0 and paragraph.lead:
            target.add_run(paragraph.lead).bold = True
        run = target.add_run(line)
        if paragraph.kind == "muted":
            run.italic = True
            run.font.color.rgb = RGBColor(*MUTED_COLOUR)
    return target


def _turn_landscape(word: DocxDocument) -> None:
    """Start a new landscape section; it keeps the letterhead (linked header and footer)."""
    from docx.enum.section import WD_ORIENT, WD_SECTION

    previous = word.sections[-1]
    section = word.add_section(WD_SECTION.NEW_PAGE)
    if previous.orientation != WD_ORIENT.LANDSCAPE and previous.page_width is not None:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = previous.page_height, previous.page_width


def render_docx(document: Document, path: Path, template: Path | None = None) -> None:
    """Write `document` to `path` (atomically), into `template` when one is given."""
    word = new_document(template, document.title)
    word.add_heading(document.title, 0)
    blocks = document.blocks
    for index, block in enumerate(blocks):
        if isinstance(block, Landscape):
            _turn_landscape(word)
            continue
        if isinstance(block, Table):
            add_table(word, block)
            # Word merges two adjacent tables into one; a small paragraph keeps them apart.
            word.add_paragraph()
            continue
        if isinstance(block, Heading):
            added = word.add_heading(block.text, min(max(block.level, 1), 3))
        else:
            added = _add_paragraph(word, block)
        if index + 1 < len(blocks) and isinstance(blocks[index + 1], Table):
            # A heading or an introduction never stays behind at the foot of a page.
            added.paragraph_format.keep_with_next = True
    add_page_numbers(word)
    save_document(word, path)
