"""The reasons a note save fails for, as the app sees them: locked, disk full, read-only, damaged."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from models import records
from models.failures import classify
from models.storage import Database, make_engine


def failure_of(action: object) -> BaseException:
    try:
        action()  # type: ignore[operator]
    except BaseException as error:
        return error
    raise AssertionError("no error")


def test_a_database_locked_by_another_connection_is_locked(fresh_db: Database) -> None:
    other = sqlite3.connect(fresh_db.path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    engine = make_engine(fresh_db.path)
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA busy_timeout = 50")
            error = failure_of(
                lambda: connection.execute(text("INSERT INTO meta VALUES ('x', 'y')"))
            )
    finally:
        engine.dispose()
        other.close()
    assert isinstance(error, OperationalError)
    assert "[SQL:" in str(error)  # what must never reach the user
    assert classify(error) == "locked"


def test_a_read_only_database_is_read_only(fresh_db: Database) -> None:
    with fresh_db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA query_only = ON")
        error = failure_of(lambda: connection.execute(text("INSERT INTO meta VALUES ('x', 'y')")))
    assert classify(error) == "read_only"


def test_a_file_that_is_not_a_database_is_damaged(tmp_path: Path) -> None:
    path = tmp_path / "garbage.sqlite"
    path.write_bytes(b"not a database at all" * 100)
    error = failure_of(lambda: sqlite3.connect(path).execute("SELECT * FROM sqlite_master"))
    assert classify(error) == "damaged"


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (sqlite3.OperationalError("database or disk is full"), "disk_full"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "read_only"),
        (sqlite3.DatabaseError("database disk image is malformed"), "damaged"),
        (sqlite3.OperationalError("unable to open database file"), "cant_open"),
        (OSError(errno.ENOSPC, "No space left on device"), "disk_full"),
        (OSError(errno.EROFS, "Read-only file system"), "read_only"),
        (ValueError("something else"), "other"),
    ],
)
def test_errors_are_named_through_their_wrappers(error: BaseException, reason: str) -> None:
    assert classify(error) == reason
    wrapped = OperationalError("UPDATE meta SET value=?", ("x",), error)
    assert classify(wrapped) == reason
    try:
        try:
            raise error
        except BaseException as inner:
            raise RuntimeError("while saving") from inner
    except RuntimeError as outer:
        assert classify(outer) == reason


def test_a_note_save_on_a_full_disk_is_disk_full(
    fresh_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from models.tables import Journey, Meeting

    with fresh_db.transaction() as session:
        journey = records.create(fresh_db, session, Journey, name="J")
        meeting = records.create(fresh_db, session, Meeting, journey_id=journey.id, title="M")

    def full(*_args: object, **_kwargs: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(fresh_db, "stamp", full)
    error = failure_of(lambda: records.save_note(fresh_db, meeting.id, "A1", "Kari", "x"))
    assert classify(error) == "disk_full"
