"""A merge that brings more rows than the database holds fills the search index once, at the end,
and leaves the same index (and working triggers) as indexing row by row."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from unittest.mock import patch

from models import records, search_index
from models.storage import open_database
from models.sync import reindex
from models.sync.merge import merge_files
from models.sync.snapshot import write_snapshot
from models.tables import Meeting
from tests.templates import copy_demo


def documents(path: Path) -> list[tuple[str, ...]]:
    connection = sqlite3.connect(path)
    try:
        return sorted(
            connection.execute(
                "SELECT kind, record_id, coalesce(meeting_id, ''), question_key, author, body "
                "FROM search_doc"
            ).fetchall()
        )
    finally:
        connection.close()


def matches(path: Path, word: str) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(
            connection.execute(
                "SELECT count(*) FROM search_fts WHERE search_fts MATCH ?", (word,)
            ).fetchone()[0]
        )
    finally:
        connection.close()


def test_a_merge_into_an_empty_laptop_indexes_once_and_alike(tmp_path: Path) -> None:
    source = open_database(copy_demo(tmp_path / "demo.sqlite"))
    snapshot = write_snapshot(source, tmp_path / "demo-snapshot.sqlite")
    source.close()
    by_row, at_end = (open_database(tmp_path / f"{name}.sqlite") for name in ("row", "end"))
    with patch.object(reindex, "MIN_ROWS", 10**9):
        merge_files(by_row, [snapshot])
    with (
        patch.object(reindex, "MIN_ROWS", 0),
        patch.object(search_index, "fill", wraps=search_index.fill) as fill,
    ):
        merge_files(at_end, [snapshot])
    assert fill.call_count == 1
    assert documents(at_end.path) and documents(at_end.path) == documents(by_row.path)
    connection = sqlite3.connect(at_end.path)
    try:
        assert search_index.problems(connection) == []
    finally:
        connection.close()
    # The triggers are back: a note written after the merge is found.
    with at_end.session() as session:
        meeting = session.exec(records.live(Meeting)).first()
        assert meeting is not None
        meeting_id = meeting.id
    records.save_note(at_end, meeting_id, "q1", "Kari", "sjøsprøyt på antennen")
    assert matches(at_end.path, "sjøsprøyt") == 1
    by_row.close()
    at_end.close()


def test_a_merge_bringing_no_more_rows_than_the_laptop_holds_indexes_row_by_row(
    tmp_path: Path,
) -> None:
    db = open_database(tmp_path / "laptop.sqlite")
    other = open_database(copy_demo(tmp_path / "other.sqlite"))
    snapshot = write_snapshot(other, tmp_path / "other-snapshot.sqlite")
    other.close()
    merge_files(db, [snapshot])
    with patch.object(search_index, "fill") as fill:
        merge_files(db, [snapshot])
    fill.assert_not_called()
    db.close()
