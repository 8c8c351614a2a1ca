"""Schema migrations, each run after a backup copy of the file is written beside it."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from models.errors import DatabaseError

# STEPS[n] upgrades a database from version n to n + 1, inside one transaction.
STEPS: dict[int, Callable[[sqlite3.Connection], None]] = {}


def backup(path: Path, version: int) -> Path:
    """Copy `path` with SQLite's backup API to `<path>.bak-<version>-<timestamp>`."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = path.with_name(f"{path.name}.bak-{version}-{stamp}")
    source = sqlite3.connect(path)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    target.chmod(0o600)
    return target


def migrate(path: Path, from_version: int) -> Path:
    """Bring the file at `path` up to the current schema version; returns the backup's path."""
    from models.storage import SCHEMA_VERSION

    backup_path = backup(path, from_version)
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("BEGIN IMMEDIATE")
        try:
            for version in range(from_version, SCHEMA_VERSION):
                if version not in STEPS:
                    raise DatabaseError(
                        "db_newer", path=path, found=from_version, supported=SCHEMA_VERSION
                    )
                STEPS[version](connection)
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
    finally:
        connection.close()
    return backup_path
