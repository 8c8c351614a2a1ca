"""Lay a `Document` out as a Word file with real heading, list and table styles."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from exports.document import (
    Chart,
    Contents,
    Document,
    Heading,
    Landscape,
    PageBreak,
    Paragraph,
    Portrait,
    Table,
)
from exports.docx_body import BodyEnd
from exports.docx_common import (
    add_contents,
    add_page_numbers,
    add_running_header,
    last_section,
    new_document,
    set_properties,
)
from exports.docx_paragraphs import BOLD, EMPTY_PARAGRAPH, MUTED, paragraph_xml, run_xml
from exports.docx_tables import add_chart, add_table
from models.progress import Progress, report

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument


class _Styles:
    """Style ids by name, looked up once: python-docx scans every style on each lookup by name
    (about 8 ms with a full style sheet), which dominated a large report's time."""

    def __init__(self, word: DocxDocument) -> None:
        self.ids = {style.name: style.style_id for style in word.styles}

    def heading(self, end: BodyEnd, text: str, level: int, keep_next: bool = False) -> None:
        style = self.ids["Title" if level == 0 else f"Heading {level}"]
        end.add_xml(paragraph_xml([run_xml(text)], style, keep_next))


def _add_paragraph(
    end: BodyEnd, paragraph: Paragraph, styles: _Styles, keep_next: bool = False
) -> None:
    """Add `paragraph`, one Word paragraph per line; the last one kept with the next block."""
    style = styles.ids["List Bullet"] if paragraph.kind == "bullet" else None
    lines = paragraph.text.split("\n")
    for number, line in enumerate(lines):
        runs = [run_xml(paragraph.lead, BOLD)] if number == 0 and paragraph.lead else []
        runs.append(run_xml(line, MUTED if paragraph.kind == "muted" else ""))
        end.add_xml(paragraph_xml(runs, style, keep_next and number == len(lines) - 1))


def _turn(end: BodyEnd, landscape: bool) -> None:
    """Start a new landscape (or portrait) section; it keeps the letterhead (linked header and
    footer). The paragraph that carries the break is made tiny, so that it never spills onto a
    page of its own."""
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Pt

    previous = last_section(end.document)
    is_landscape = previous.orientation == WD_ORIENT.LANDSCAPE
    section = end.section(WD_SECTION.NEW_PAGE)
    carrier = end.paragraph_before_last()
    if carrier is not None and not carrier.text:
        carrier.paragraph_format.space_before = carrier.paragraph_format.space_after = Pt(0)
        carrier.paragraph_format.line_spacing = Pt(1)
    if is_landscape != landscape and previous.page_width is not None:
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = previous.page_height, previous.page_width
        end.measure()


def render_docx(
    document: Document, path: Path, template: Path | None = None, progress: Progress | None = None
) -> None:
    """Write `document` to `path` (atomically), into `template` when one is given.

    `progress` hears how many of the document's blocks are laid out.
    """
    from docx.enum.text import WD_BREAK

    word = new_document(template, document.title)
    set_properties(word, document.title, document.properties)
    styles = _Styles(word)
    end = BodyEnd(word)
    if document.show_title:
        styles.heading(end, document.title, 0)
    blocks = document.blocks
    for index, block in enumerate(blocks):
        report(progress, index, len(blocks))
        end.checkpoint()
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if isinstance(block, Landscape | Portrait):
            _turn(end, isinstance(block, Landscape))
            continue
        if isinstance(block, PageBreak):
            end.paragraph().add_run().add_break(WD_BREAK.PAGE)
            continue
        if isinstance(block, Contents):
            entries = [(b.text, b.level) for b in blocks[index + 1 :] if isinstance(b, Heading)]
            add_contents(end, block.title, block.hint, [e for e in entries if e[1] <= 2])
            continue
        if isinstance(block, Chart):
            add_chart(end, block)
            end.add_xml(EMPTY_PARAGRAPH)
            continue
        if isinstance(block, Table):
            add_table(end, block)
            # Word merges two adjacent tables into one; a small paragraph keeps them apart (not
            # before a new section, whose own break paragraph does it).
            if not isinstance(following, Landscape | Portrait):
                end.add_xml(EMPTY_PARAGRAPH)
            continue
        if isinstance(block, Heading):
            # A heading never stays behind at the foot of a page.
            styles.heading(end, block.text, min(max(block.level, 0), 3), keep_next=True)
        else:
            # An introduction stays with its table, a first line with its heading.
            keep = isinstance(following, Table | Chart) or bool(
                index and isinstance(blocks[index - 1], Heading)
            )
            _add_paragraph(end, block, styles, keep_next=keep)
    end.flush()
    add_running_header(word, document.properties.running_header)
    add_page_numbers(word)
    end.save(path)
    report(progress, len(blocks), len(blocks))
