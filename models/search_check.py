"""Verifying the full-text index of a database file (`innsikt check`) and rebuilding it (`--repair`)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from models import search_index
from models.errors import DatabaseError
from models.paths import read_only_uri, sqlite_uri
from models.progress import Progress
from models.text import t


def _connect(path: Path, mode: str) -> sqlite3.Connection:
    connection = sqlite3.connect(
        sqlite_uri(path, mode=mode), uri=True, isolation_level=None, timeout=5
    )
    connection.execute("PRAGMA busy_timeout = 5000")
    return connection


def writable(path: Path) -> bool:
    """Whether this user may write the file and its folder (and so open it read-write)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def verify(path: Path) -> list[str]:
    """What is wrong with the index of the database at `path`, as user-facing lines.

    FTS5's integrity-check is an INSERT statement that writes nothing; it runs in a transaction
    that is rolled back, on a file this user may write. A file on a read-only disk or folder is
    read as `innsikt check` reads it (leaving nothing beside it) and checked without it.
    """
    try:
        if writable(path):
            try:
                found = _verify_with(_connect(path, "rw"), integrity=True)
            except sqlite3.OperationalError as error:
                if not read_only_refusal(error):
                    raise
                found = None
            if found is not None:
                return found
        reader = sqlite3.connect(read_only_uri(path), uri=True, isolation_level=None, timeout=5)
        return _verify_with(reader, integrity=False) or []
    except sqlite3.DatabaseError as error:
        return [t("search_damaged", detail=str(error))]


def _verify_with(connection: sqlite3.Connection, *, integrity: bool) -> list[str] | None:
    """`verify_open` on `connection`, which it closes; None if the file proved read-only."""
    try:
        return verify_open(connection, integrity=integrity)
    except sqlite3.OperationalError as error:
        if not integrity or not read_only_refusal(error):
            raise
        return None
    finally:
        connection.close()


def read_only_refusal(error: sqlite3.OperationalError) -> bool:
    """SQLite refused to write (FTS5's integrity-check is an INSERT): a read-only file."""
    return "readonly" in str(error) or "unable to open" in str(error)


def verify_open(connection: sqlite3.Connection, *, integrity: bool) -> list[str]:
    """What is wrong with the index, read through `connection` (in autocommit, not closed).

    With `integrity`, FTS5's integrity-check runs too: `connection` must be read-write.
    """
    connection.execute("BEGIN")
    try:
        found = search_index.problems(connection, integrity=integrity)
    finally:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
    return [t(key, detail=detail) for key, detail in found]


def rebuild(path: Path, progress: Progress | None = None) -> int:
    """Drop and rebuild the index and its triggers in one transaction; the number of entries.

    `progress` hears how many of the indexed kinds of record are indexed again.
    """
    connection = _connect(path, "rw")
    try:
        connection.execute("BEGIN IMMEDIATE")
        try:
            search_index.drop(connection)
            search_index.install(connection, progress)
            (count,) = connection.execute("SELECT count(*) FROM search_doc").fetchone()
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
    except sqlite3.DatabaseError as error:
        raise DatabaseError("db_corrupt", path=path, detail=str(error)) from error
    finally:
        connection.close()
    return int(count)
