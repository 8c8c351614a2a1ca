"""Verifying a database file, read-only: integrity, schema version, foreign keys."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from models.dbfile import BUSY_TIMEOUT, SCHEMA_VERSION, inspect_file
from models.errors import DatabaseError
from models.failures import classify, failure_error
from models.paths import read_only_uri
from models.text import t


def _problems(connection: sqlite3.Connection) -> list[str]:
    problems: list[str] = []
    rows = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    if rows != ["ok"]:
        problems.extend(t("check_integrity", detail=row) for row in rows[:20])
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version != SCHEMA_VERSION:
        problems.append(t("check_version", found=version, expected=SCHEMA_VERSION))
    for table, rowid, parent, _fk in connection.execute("PRAGMA foreign_key_check"):
        problems.append(t("check_fk", table=table, rowid=rowid, parent=parent))
    return problems


def check_database(path: Path) -> list[str]:
    """What is wrong with the database at `path`, as user-facing lines; empty if nothing is.

    A locked or unreadable file raises a DatabaseError saying so: it is not damaged.
    """
    from models import atrest

    if atrest.is_encrypted(path):
        connection = atrest.connect(path)  # read through SQLCipher
        try:
            return _problems(connection)
        except sqlite3.DatabaseError as error:
            return [t("check_integrity", detail=str(error))]
        finally:
            connection.close()
    if inspect_file(path) is None:
        raise DatabaseError("db_empty" if path.exists() else "db_missing", path=path)
    try:
        # By exact URI (a «#» in the name stays in it), leaving no -wal/-shm behind.
        connection = sqlite3.connect(read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT)
        try:
            problems = _problems(connection)
        finally:
            connection.close()
    except sqlite3.Error as error:
        if classify(error) != "damaged":
            raise failure_error(error, path) from error
        return [t("check_integrity", detail=str(error))]
    if not problems:
        from models.search_check import verify

        problems.extend(verify(path))
    return problems
