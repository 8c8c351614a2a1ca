"""The report reads each record without the merge's bookkeeping (exports/lean_reads.py).

At 366 meetings, the per-field stamps, devices and version vectors of every record, decoded from
JSON, took 50 of the 112 MB the report's records held.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.exc import InvalidRequestError
from sqlmodel import select

from exports.lean_reads import BOOKKEEPING, lean_reads
from exports.report import write_report
from models.storage import Database
from models.tables import Note


def test_the_report_selects_no_bookkeeping_column(demo_db: Database, tmp_path: Path) -> None:
    statements: list[str] = []

    def seen(_connection, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(demo_db.engine, "before_cursor_execute", seen)
    try:
        write_report(demo_db, None, tmp_path / "rapport.docx")
    finally:
        event.remove(demo_db.engine, "before_cursor_execute", seen)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert any("note.text" in s for s in selects)  # the notes were read
    for name in BOOKKEEPING:
        assert not [s for s in selects if f".{name}" in s], name
    assert (tmp_path / "rapport.docx").stat().st_size > 10_000


def test_reading_a_lean_records_bookkeeping_raises_instead_of_querying(demo_db: Database) -> None:
    with lean_reads(demo_db.session()) as session:
        note = session.exec(select(Note).where(Note.text != "")).first()
        assert note is not None and note.text and note.meeting_id
        with pytest.raises(InvalidRequestError):
            _ = note.clocks
        assert session.exec(select(Note.id, Note.hlc)).first() is not None  # columns as asked
    with demo_db.session() as session:  # other sessions read whole records
        assert session.exec(select(Note)).first().clocks
