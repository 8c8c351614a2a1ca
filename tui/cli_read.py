"""Read-only CLI listings through `models.read`: plain sqlite3, no ORM imported."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tui.cli_common import opened_db, resolve_db_path


@contextmanager
def reading_db(db_path: Path | None) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the chosen database for one listing.

    A file that is missing or at an older schema is first created or migrated by the usual
    open (which says so on stderr), so that a listing behaves as it always did; a current
    file, the everyday case, is read without importing SQLAlchemy.
    """
    from models.dbfile import SCHEMA_VERSION, inspect_file
    from models.read import reading

    path = resolve_db_path(db_path).expanduser()
    header = inspect_file(path)
    if header is None or header.user_version < SCHEMA_VERSION:
        with opened_db(path):
            pass
    with reading(path) as connection:
        yield connection
