"""Another process on the same database file while the app has it open.

POSIX drops every lock a process holds on a file when the process closes any descriptor of that
file. A read that opened the database file itself (to look at its header) would so drop the app's
SQLite locks: the next process to open and close the database would then think itself the last
one, checkpoint, and delete the -wal file the app still writes into. The app's notes from then
on would be in no file (`innsikt list`, a second window or a backup tool would cause it).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from models import file_head, records
from models.dbfile import inspect_file
from models.paths import is_wal_file
from models.read import reading
from models.storage import open_database
from models.tables import Journey

OTHER_PROCESS = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
print(sorted(name for (name,) in connection.execute("SELECT name FROM journey")))
connection.close()
"""


def names_seen_by_another_process(path: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", OTHER_PROCESS, str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return done.stdout


def test_a_plain_read_in_the_app_leaves_another_process_unable_to_remove_its_wal(
    db_path: Path,
) -> None:
    db = open_database(db_path)
    try:
        with db.transaction() as session:
            records.create(db, session, Journey, name="før")
        with reading(db_path) as connection:  # home and capture read like this
            connection.execute("SELECT count(*) FROM note").fetchone()
        assert "før" in names_seen_by_another_process(db_path)
        assert Path(f"{db_path}-wal").exists(), "another process removed the app's WAL"
        with db.transaction() as session:
            records.create(db, session, Journey, name="etter")
        assert "etter" in names_seen_by_another_process(db_path)
    finally:
        db.close()


def _second_database(path: Path) -> None:
    open_database(path).close()  # the app opens its database while its note file is open


@pytest.mark.parametrize(
    "look",
    [inspect_file, is_wal_file, _second_database],
    ids=["header-read", "wal-check", "second-open"],
)
def test_looking_at_the_open_database_file_leaves_another_process_unable_to_remove_its_wal(
    db_path: Path, look: Callable[[Path], object]
) -> None:
    db = open_database(db_path)
    try:
        with db.transaction() as session:
            records.create(db, session, Journey, name="før")
        look(db_path)
        assert "før" in names_seen_by_another_process(db_path)
        assert Path(f"{db_path}-wal").exists(), "another process removed the app's WAL"
        with db.transaction() as session:
            records.create(db, session, Journey, name="etter")
        assert "etter" in names_seen_by_another_process(db_path)
    finally:
        db.close()


def test_descriptors_kept_for_a_file_in_use_are_closed_once_no_connection_has_it(
    db_path: Path,
) -> None:
    db = open_database(db_path)
    inspect_file(db_path)
    assert any(path == db_path for _, path in file_head._kept.values())
    db.close()
    assert not file_head.in_use(db_path)
    inspect_file(db_path)  # any later read closes what is no longer needed
    assert all(path != db_path for _, path in file_head._kept.values())
