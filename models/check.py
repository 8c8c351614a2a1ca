"""Verifying a database file, read-only: integrity, schema version, foreign keys."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from models.dbfile import BUSY_TIMEOUT, SCHEMA_VERSION, inspect_file
from models.errors import DatabaseError
from models.failures import classify, failure_error
from models.paths import read_only_uri, sqlite_uri
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
    return examine(path)[0]


def examine(path: Path) -> tuple[list[str], str | None]:
    """`check_database`'s lines, and the file's device id (None if it has problems).

    One connection does it all: each connection reads the schema (its tables, indexes and
    some hundred triggers) before its first statement, which was most of a small file's check.
    """
    from models import atrest

    if atrest.is_encrypted(path):
        connection = atrest.connect(path)  # read through SQLCipher
        try:
            problems = _problems(connection)
            return problems, None if problems else _device(connection)
        except sqlite3.DatabaseError as error:
            return [t("check_integrity", detail=str(error))], None
        finally:
            connection.close()
    if inspect_file(path) is None:
        raise DatabaseError("db_empty" if path.exists() else "db_missing", path=path)
    from models import search_check

    writable = search_check.writable(path)
    try:
        # By exact URI (a «#» in the name stays in it). Read-only, it leaves no -wal/-shm
        # behind; read-write (for FTS5's integrity-check, which is an INSERT) SQLite removes
        # them when it closes, as the app's own connection does.
        uri = sqlite_uri(path, mode="rw") if writable else read_only_uri(path)
        connection = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT, isolation_level=None)
        try:
            problems = _problems(connection)
            device = None if problems else _device(connection)
            if problems:
                return problems, None
            try:
                found = search_check.verify_open(connection, integrity=writable)
            except sqlite3.OperationalError as error:
                if not writable or not search_check.read_only_refusal(error):
                    raise
                found = search_check.verify(path)  # read-only after all: verified without it
            except sqlite3.DatabaseError as error:
                found = [t("search_damaged", detail=str(error))]
            return found, None if found else device
        finally:
            connection.close()
    except sqlite3.Error as error:
        if classify(error) != "damaged":
            raise failure_error(error, path) from error
        return [t("check_integrity", detail=str(error))], None


def _device(connection: sqlite3.Connection) -> str | None:
    row = connection.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()
    return row[0] if row else None
