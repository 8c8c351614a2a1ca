"""Minutes and report as Markdown: the same `Document` the Word files are made from."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from exports.document import Chart, Document, Heading, Paragraph, Table
from exports.minutes_content import minutes_document
from exports.people import Participants
from exports.report_reads import report_document
from exports.safe import atomic_write
from models.errors import ExportError, InnsiktError
from models.text import t

if TYPE_CHECKING:
    import sqlite3

    from models.storage import Database
    from models.tables import Meeting

REPORT_FILE = "sammenstilling.md"
_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
_LINE_START = re.compile(r"^(\s*)([#>+\-=])")
_NUMBERED = re.compile(r"^(\s*\d+)([.)])")


def escape(text: str, *, line_start: bool = True) -> str:
    """`text` shown literally: no accidental emphasis, links, HTML, headings or lists."""
    text = _INLINE.sub(r"\\\1", text)
    if not line_start:
        return text
    text = _NUMBERED.sub(r"\1\\\2", text)
    return _LINE_START.sub(r"\1\\\2", text)


def _cell(text: str) -> str:
    return "<br>".join(escape(line, line_start=False) for line in text.split("\n")) or " "


def _table(table: Table) -> list[str]:
    if not table.header:
        if table.columns != 2:
            # A legend: one line of its cells.
            return [" · ".join(escape(cell) for cell in row) + "  " for row in table.rows] + [""]
        # A key/value block reads better as lines than as a table without a header.
        return [
            f"**{escape(key)}:** "
            + "; ".join(escape(v, line_start=False) for v in value.split("\n"))
            + "  "
            for key, value in table.rows
        ] + [""]
    lines = [
        "| " + " | ".join(_cell(text) for text in table.header) + " |",
        "|" + "---|" * table.columns,
    ]
    lines += ["| " + " | ".join(_cell(text) for text in row) + " |" for row in table.rows]
    return [*lines, ""]


def _paragraph(paragraph: Paragraph) -> list[str]:
    lines = []
    for number, line in enumerate(paragraph.text.split("\n")):
        text = escape(line)
        if paragraph.kind == "muted" and text:
            text = f"*{text}*"
        if number == 0 and paragraph.lead:
            text = f"**{escape(paragraph.lead.strip())}** {escape(line, line_start=False)}".rstrip()
        if paragraph.kind == "bullet":
            text = f"- {text}"
        if text:
            lines += [text, ""]
    return lines


def render_markdown(document: Document) -> str:
    lines = [f"# {escape(document.title)}", ""]
    for block in document.blocks:
        if isinstance(block, Heading):
            lines += [f"{'#' * (min(block.level, 5) + 1)} {escape(block.text)}", ""]
        elif isinstance(block, Table):
            lines += _table(block)
        elif isinstance(block, Paragraph):
            lines += _paragraph(block)
        elif isinstance(block, Chart):
            # The chart's numbers as a table: Markdown has no drawing.
            header = (block.title, *block.series)
            rows = tuple((name, *(str(n) for n in counts)) for name, counts in block.rows)
            lines += _table(Table(header, rows))
    return "\n".join(lines).rstrip("\n") + "\n"


def _slug(text: str) -> str:
    text = text.casefold().translate(str.maketrans({"æ": "ae", "ø": "o", "å": "a"}))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:50] or "mote"


def minutes_file_name(meeting: Meeting) -> str:
    date = meeting.date.isoformat() if meeting.date else "udatert"
    return f"referat-{date}-{_slug(meeting.title)}-{meeting.id[:8]}.md"


def _plan(
    source: Database | sqlite3.Connection,
    path: Path,
    meeting_ref: str | None,
    journey_ref: str | None,
) -> list[tuple[Path, str | None]]:
    """Which files to write: (target, meeting id); a meeting id of None means the report."""
    from models.read_journey import reading_from, resolve_journey
    from models.read_report import meeting_row, meetings_in_file_order

    single_file = path.suffix.lower() == ".md"
    if not single_file and path.suffix and not path.is_dir():
        # «-o notat.txt» is neither: a folder called «notat.txt» is never what was meant.
        raise ExportError("markdown_suffix", path=path)
    with reading_from(source) as connection:
        if meeting_ref is not None:
            meeting = meeting_row(connection, meeting_ref, t("record_meeting"))
            target = path if single_file else path / minutes_file_name(meeting)
            return [(target, meeting.id)]
        if single_file:
            return [(path, None)]
        journey_id = None
        if journey_ref is not None:
            journey_id = resolve_journey(connection, journey_ref, t("record_journey")).id
        meetings = meetings_in_file_order(connection, journey_id)
    return [(path / REPORT_FILE, None)] + [
        (path / minutes_file_name(meeting), meeting.id) for meeting in meetings
    ]


def write_markdown(
    db: Database | sqlite3.Connection,
    path: Path,
    meeting_id: str | None = None,
    *,
    journey_id: str | None = None,
    participants: Participants = "alle",
    force: bool = False,
) -> list[Path]:
    """Write Markdown and return the files written.

    `path` ending in .md is one file: the minutes of `meeting_id`, or else the report. A `path`
    without a suffix, or an existing folder, is a folder (created if its parent exists): the
    minutes of `meeting_id`, or the report plus the minutes of every meeting (of `journey_id`
    when given). Any other suffix is refused.
    """
    path = Path(path)
    plan = _plan(db, path, meeting_id, journey_id)
    if not force:
        for target, _ in plan:
            if target.exists():
                raise InnsiktError("file_exists", path=target)
    folder = plan[0][0].parent
    if not folder.is_dir():
        if not folder.parent.is_dir():
            raise ExportError("output_folder_missing", path=folder.parent)
        folder.mkdir()
    for target, meeting in plan:
        if meeting is None:
            document = report_document(db, journey_id, participants)
        else:
            document = minutes_document(db, meeting, participants)
        data = render_markdown(document).encode("utf-8")
        atomic_write(target, lambda handle, data=data: handle.write(data))
    return [target for target, _ in plan]
