"""Schema version 2 (merge bookkeeping, service joins, conflicts) and its migration from v1."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from models.dbfile import SCHEMA_VERSION
from models.storage import open_database
from tests.conftest import DATA


def schema_of(path: Path) -> dict[str, object]:
    """Tables with their columns, indexes and foreign keys, independent of column order."""
    connection = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        schema: dict[str, object] = {}
        for table in tables:
            columns = sorted(
                (name, kind, notnull, default, pk)
                for _cid, name, kind, notnull, default, pk in connection.execute(
                    f'PRAGMA table_info("{table}")'
                )
            )
            indexes = sorted(
                (
                    name,
                    unique,
                    tuple(col[2] for col in connection.execute(f'PRAGMA index_info("{name}")')),
                )
                for _seq, name, unique, _origin, _partial in connection.execute(
                    f'PRAGMA index_list("{table}")'
                )
                if not name.startswith("sqlite_autoindex")
            )
            uniques = sorted(
                tuple(col[2] for col in connection.execute(f'PRAGMA index_info("{name}")'))
                for _seq, name, unique, _origin, _partial in connection.execute(
                    f'PRAGMA index_list("{table}")'
                )
                if name.startswith("sqlite_autoindex")
            )
            keys = sorted(
                (row[2], row[3], row[4])
                for row in connection.execute(f'PRAGMA foreign_key_list("{table}")')
            )
            schema[table] = (columns, indexes, uniques, keys)
        return schema
    finally:
        connection.close()


def test_migrating_the_v1_fixture_gives_the_schema_of_a_fresh_database(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    shutil.copy(DATA / "schema-v1.sqlite", old)
    migrated = open_database(old)
    migrated.close()
    fresh = open_database(tmp_path / "fresh.sqlite")
    fresh.close()

    assert migrated.migrated_from == 1
    assert migrated.backup_path is not None and migrated.backup_path.exists()
    assert SCHEMA_VERSION >= 2  # later steps run too; the result must equal a fresh file
    assert schema_of(old) == schema_of(tmp_path / "fresh.sqlite")


def test_migrated_records_know_their_writer_and_what_they_have_seen(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    shutil.copy(DATA / "schema-v1.sqlite", old)
    open_database(old).close()
    connection = sqlite3.connect(old)
    row = connection.execute(
        "SELECT device_id, hlc, clocks, field_devices, seen FROM note LIMIT 1"
    ).fetchone()
    connection.close()
    device, hlc, clocks, field_devices, seen = row
    assert json.loads(seen) == {device: hlc}
    assert json.loads(field_devices) == dict.fromkeys(json.loads(clocks), device)
