"""A snapshot is a consistent, complete copy, taken even while the app is writing."""

from __future__ import annotations

from pathlib import Path

from models import records
from models.check import check_database
from models.storage import Database, open_database
from models.sync.snapshot import write_snapshot
from models.tables import Journey


def journey_names(db: Database) -> list[str]:
    with db.session() as session:
        return sorted(journey.name for journey in session.exec(records.live(Journey)))


def test_a_snapshot_taken_during_a_write_holds_what_was_committed(
    fresh_db: Database, tmp_path: Path
) -> None:
    with fresh_db.transaction() as session:
        records.create(fresh_db, session, Journey, name="Lagret")
    with fresh_db.transaction() as session:
        records.create(fresh_db, session, Journey, name="Underveis")
        session.flush()  # the app is mid-write: the row is in the file's WAL, uncommitted
        target = write_snapshot(fresh_db, tmp_path / "kopi.sqlite")
    assert check_database(target) == []
    copy = open_database(target)
    try:
        assert journey_names(copy) == ["Lagret"]
    finally:
        copy.close()
    assert journey_names(fresh_db) == ["Lagret", "Underveis"]


def test_a_snapshot_is_one_file_without_a_journal_beside_it(
    fresh_db: Database, tmp_path: Path
) -> None:
    target = write_snapshot(fresh_db, tmp_path / "kopi.sqlite")
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith("kopi")) == [
        "kopi.sqlite"
    ]
    assert target.read_bytes()[18:20] == b"\x01\x01"  # rollback journal, not WAL
