"""Verifying a database file: integrity, schema version, foreign keys."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from models.dbfile import SCHEMA_VERSION, inspect_file
from models.text import t


def check_database(path: Path) -> list[str]:
    """What is wrong with the database at `path`, as user-facing lines; empty if nothing is."""
    inspect_file(path)
    problems: list[str] = []
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        if rows != ["ok"]:
            problems.extend(t("check_integrity", detail=row) for row in rows[:20])
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            problems.append(t("check_version", found=version, expected=SCHEMA_VERSION))
        for table, rowid, parent, _fk in connection.execute("PRAGMA foreign_key_check"):
            problems.append(t("check_fk", table=table, rowid=rowid, parent=parent))
    except sqlite3.DatabaseError as error:
        problems.append(t("check_integrity", detail=str(error)))
    finally:
        connection.close()
    return problems
