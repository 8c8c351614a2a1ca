"""A small document model that Word and Markdown both render, so the two never say different things.

Content modules (`minutes_content`, `report_content`) turn database records into a `Document`: a
list of headings, paragraphs and tables holding plain, already cleaned text. Renderers only lay
it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ParagraphKind = Literal["normal", "bullet", "muted"]


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int  # 0 = document title, 1..3 = headings


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    kind: ParagraphKind = "normal"
    lead: str = ""  # a bold lead-in, e.g. the note-taker's initials


@dataclass(frozen=True, slots=True)
class Table:
    """A table; with `header` empty it is a key/value block whose first column is bold."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()  # relative column widths; equal when empty
    compact: bool = False  # smaller type for wide tables
    centered: bool = False  # centre every column but the first (marks and counts)
    shades: tuple[tuple[str, ...], ...] = ()  # per body cell a fill colour (hex) or ""

    @property
    def columns(self) -> int:
        if self.header:
            return len(self.header)
        return len(self.rows[0]) if self.rows else 0


@dataclass(frozen=True, slots=True)
class Landscape:
    """What follows is on landscape pages (wide tables); Markdown ignores it."""


@dataclass(frozen=True, slots=True)
class Portrait:
    """What follows is on portrait pages again (after a landscape part)."""


@dataclass(frozen=True, slots=True)
class PageBreak:
    """What follows starts on a new page (after a front page); Markdown ignores it."""


@dataclass(frozen=True, slots=True)
class Contents:
    """A table-of-contents field (Word fills it in); Markdown ignores it."""

    title: str
    hint: str  # shown until the field is updated


@dataclass(frozen=True, slots=True)
class Chart:
    """A horizontal stacked bar chart: per row label, one count per series."""

    title: str
    series: tuple[str, ...]
    colours: tuple[str, ...]  # hex per series
    patterns: tuple[str, ...]  # a fill pattern per series, readable in black and white
    rows: tuple[tuple[str, tuple[int, ...]], ...]


Block = Heading | Paragraph | Table | Landscape | Portrait | PageBreak | Contents | Chart


@dataclass
class Properties:
    """The file's document properties and its running page header."""

    subject: str = ""
    author: str = ""
    keywords: str = ""
    running_header: str = ""


@dataclass
class Document:
    title: str
    blocks: list[Block] = field(default_factory=list)
    properties: Properties = field(default_factory=Properties)
    show_title: bool = True  # False when a front page carries the title

    def heading(self, text: str, level: int) -> None:
        self.blocks.append(Heading(text, level))

    def paragraph(self, text: str, kind: ParagraphKind = "normal", lead: str = "") -> None:
        self.blocks.append(Paragraph(text, kind, lead))

    def table(
        self,
        header: tuple[str, ...] | list[str],
        rows: list[tuple[str, ...]] | list[list[str]],
        widths: tuple[float, ...] = (),
        *,
        compact: bool = False,
        centered: bool = False,
        shades: tuple[tuple[str, ...], ...] = (),
    ) -> None:
        rows_tuple = tuple(tuple(row) for row in rows)
        self.blocks.append(
            Table(
                tuple(header),
                rows_tuple,
                widths,
                compact=compact,
                centered=centered,
                shades=shades,
            )
        )
