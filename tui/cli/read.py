"""Read-only CLI listings through `models.read`: plain sqlite3, no ORM imported."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tui.cli.common import read_db, resolve_db_path


@contextmanager
def reading_db(db_path: Path | None) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the chosen database for one listing.

    A missing file is refused and an older one migrated by the usual open for reading (which
    says so on stderr); a current file, the everyday case, is read without importing SQLAlchemy.
    """
    from models import atrest
    from models.dbfile import SCHEMA_VERSION, inspect_file
    from models.read import reading
    from tui.cli.privacy import unlock

    path = resolve_db_path(db_path).expanduser()
    unlock(path)
    header = atrest.inspect(path) if atrest.is_encrypted(path) else inspect_file(path)
    if header is None or header.user_version < SCHEMA_VERSION:
        with read_db(path):
            pass
    with reading(path) as connection:
        yield connection
