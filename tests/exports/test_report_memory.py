"""The report lets each part of what it read go once nothing after it needs that part."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from exports import report_content
from exports.report import write_report
from models.storage import Database
from models.tables import Answer, Note


def test_no_note_or_answer_is_held_while_the_fact_sheets_are_built(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The fact sheets are a large report's largest part: at 366 meetings its 10,000 notes
    held 25 MB while they were built."""
    alive: list[int] = []
    original = report_content.fact_sheets

    def fact_sheets(*args: object, **kwargs: object) -> None:
        gc.collect()
        alive.append(sum(isinstance(o, Note | Answer) for o in gc.get_objects()))
        original(*args, **kwargs)

    monkeypatch.setattr(report_content, "fact_sheets", fact_sheets)
    write_report(demo_db, None, tmp_path / "rapport.docx")
    assert alive == [0]
    assert (tmp_path / "rapport.docx").stat().st_size > 10_000
