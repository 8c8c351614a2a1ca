"""Pulling from the hub: the rows changed since a version, as an SQLite snapshot file.

Besides the changed rows, the snapshot holds what merging them needs, as a snapshot of the
whole hub would: the records of changed conflict rows, every open conflict of a pulled record
(they travel with their records), and the parents pulled rows refer to (a parent this laptop
merged away by natural key is then matched again, and the reference follows it). Merging that
file is merging the hub: the records left out are ones this laptop already holds as they are.
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.hub.schema import SEQ
from models.hub.tracking import Digests, columns_of, digest, synced_names


@dataclass
class Pulled:
    path: Path
    rows: int = 0
    digests: Digests = field(default_factory=dict)  # of every pulled row, as the hub holds it
    removed: list[tuple[str, str]] = field(default_factory=list)  # (table, id) taken off the hub


def _references() -> dict[str, dict[str, str]]:
    """table → column → the table whose id it holds (foreign keys only)."""
    from models.tables import SQLModel

    result: dict[str, dict[str, str]] = {}
    for name in synced_names():
        table = SQLModel.metadata.tables[name]
        result[name] = {
            column.name: next(iter(column.foreign_keys)).column.table.name
            for column in table.columns
            if column.foreign_keys
        }
    return result


def _select(
    cursor: Any, table: str, condition: str, parameters: tuple[Any, ...]
) -> list[tuple[Any, ...]]:
    # SQLite keeps booleans as 0 and 1, as SQLAlchemy writes them on the laptop: cast on the hub.
    columns = ", ".join(
        f'"{name}"::int' if _is_boolean(table, name) else f'"{name}"' for name in columns_of(table)
    )
    cursor.execute(f'SELECT {columns} FROM "{table}" WHERE {condition}', parameters)
    return list(cursor.fetchall())


def _is_boolean(table: str, column: str) -> bool:
    from sqlalchemy import Boolean

    from models.tables import SQLModel

    return isinstance(SQLModel.metadata.tables[table].c[column].type, Boolean)


def _rows_by_id(cursor: Any, table: str, since: int) -> dict[str, tuple[Any, ...]]:
    return {row[0]: row for row in _select(cursor, table, f"{SEQ} > %s", (since,))}


def pull(cursor: Any, since: int, target: Path, device_names: dict[str, str]) -> Pulled:
    """The hub's rows changed after version `since` (all when 0) in a new snapshot at `target`."""
    names = synced_names()
    pulled: dict[str, dict[str, tuple[Any, ...]]] = {
        name: _rows_by_id(cursor, name, since) for name in names
    }
    result = Pulled(target)
    cursor.execute("SELECT table_name, id FROM hub_removed WHERE hub_seq > %s", (since,))
    result.removed = [tuple(row) for row in cursor.fetchall()]  # type: ignore[misc]
    if since:
        _complete(cursor, pulled)
    result.rows = sum(len(found) for found in pulled.values())
    if result.rows:
        _write(target, pulled, device_names)
        # As the laptop will read them back: SQLite gives the values it was given here.
        result.digests = {
            name: {row_id: digest(*row) for row_id, row in found.items()}
            for name, found in pulled.items()
            if found
        }
    return result


def _fetch(
    cursor: Any, table: str, ids: set[str], pulled: dict[str, dict[str, tuple[Any, ...]]]
) -> None:
    wanted = sorted(ids - pulled[table].keys())
    if wanted:
        for row in _select(cursor, table, "id = ANY(%s)", (wanted,)):
            pulled[table][row[0]] = row


def _complete(cursor: Any, pulled: dict[str, dict[str, tuple[Any, ...]]]) -> None:
    """Add the records of changed conflicts, the pulled records' parents and their conflicts."""
    conflict_columns = columns_of("conflict")
    table_at, record_at = conflict_columns.index("table_name"), conflict_columns.index("record_id")
    wanted: dict[str, set[str]] = {}
    for row in pulled["conflict"].values():
        wanted.setdefault(row[table_at], set()).add(row[record_at])
    references = _references()
    names = [name for name in synced_names() if name != "conflict"]
    for name in reversed(names):  # children first: their parents come earlier in the tuple
        if name in wanted:
            _fetch(cursor, name, wanted[name], pulled)
        columns = columns_of(name)
        for column, parent in references[name].items():
            at = columns.index(column)
            ids = {row[at] for row in pulled[name].values() if row[at] is not None}
            if ids:
                wanted.setdefault(parent, set()).update(ids)
    for name in names:
        ids = sorted(pulled[name])
        if ids:
            for row in _select(
                cursor, "conflict", "table_name = %s AND record_id = ANY(%s)", (name, ids)
            ):
                pulled["conflict"][row[0]] = row


def _schema() -> list[str]:
    """The DDL of the synced tables and `meta`, as `create_all` lays them out in SQLite."""
    from sqlalchemy.dialects import sqlite
    from sqlalchemy.schema import CreateIndex, CreateTable

    from models.tables import SQLModel

    statements = []
    for name in [*synced_names(), "meta"]:
        table = SQLModel.metadata.tables[name]
        statements.append(str(CreateTable(table).compile(dialect=sqlite.dialect())))
        statements += [
            str(CreateIndex(index).compile(dialect=sqlite.dialect())) for index in table.indexes
        ]
    return statements


def _write(
    target: Path, pulled: dict[str, dict[str, tuple[Any, ...]]], device_names: dict[str, str]
) -> None:
    from models.dbfile import APPLICATION_ID, SCHEMA_VERSION
    from models.devices import PREFIX

    # A file the merge takes as a snapshot of the current schema; it only reads the records.
    connection = sqlite3.connect(target, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute("PRAGMA foreign_keys = OFF")  # parents may be on the laptop only
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.execute("BEGIN")
        for statement in _schema():
            connection.execute(statement)
        connection.execute(
            "INSERT INTO meta (key, value) VALUES ('device_id', ?)", (str(uuid.uuid4()),)
        )
        for name, found in pulled.items():
            if found:
                columns = columns_of(name)
                marks = ", ".join("?" * len(columns))
                quoted = ", ".join(f'"{column}"' for column in columns)
                connection.executemany(
                    f'INSERT INTO "{name}" ({quoted}) VALUES ({marks})', list(found.values())
                )
        connection.executemany(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
            [(PREFIX + device, name) for device, name in device_names.items()],
        )
        connection.execute("COMMIT")
    finally:
        connection.close()
