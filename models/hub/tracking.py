"""What this laptop knows the hub holds: a digest of every row as the hub has it, and versions.

`hub_row` (in the laptop's own file, next to `meta`; never merged, never exported) keeps, per
synced row, a digest of the row as the hub holds it after the last sync. A row whose digest
differs now, or that is missing, is what the hub has not seen; a tracked row the laptop no longer
has was merged away (by natural key, or a resolved conflict) and is taken off the hub. The
digest covers every column, so writes, merges and erasure scrubs are all seen alike, whatever
wrote them. `meta` keeps the hub's id, the hub version seen, the device the tracking belongs to
(a snapshot's copy gets a new device id and starts afresh), when and with which address (never
a password) the laptop last synced.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TABLE_DDL = (
    "CREATE TABLE IF NOT EXISTS hub_row (table_name TEXT NOT NULL, row_id TEXT NOT NULL, "
    "digest TEXT NOT NULL, PRIMARY KEY (table_name, row_id)) WITHOUT ROWID"
)
DIRTY_DDL = (
    "CREATE TABLE IF NOT EXISTS hub_dirty (table_name TEXT NOT NULL, row_id TEXT NOT NULL, "
    "UNIQUE (table_name, row_id))"
)
KEYS = ("hub_id", "hub_version", "hub_device", "hub_synced_at", "hub_address")

Digests = dict[str, dict[str, str]]  # table → row id → digest


def digest(*values: Any) -> str:
    """A row's fingerprint: equal values (as SQLite gives them back) give equal digests."""
    return hashlib.blake2b(repr(values).encode(), digest_size=12).hexdigest()


def columns_of(table: str) -> tuple[str, ...]:
    from models.tables import SQLModel

    return tuple(column.name for column in SQLModel.metadata.tables[table].columns)


def synced_names() -> list[str]:
    from models import tables

    return [model.__tablename__ for model in tables.SYNCED_TABLES]  # type: ignore[misc]


@contextmanager
def opened(path: Path, *, plain: bool = False) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection (SQLCipher's for an encrypted laptop) with `hub_digest`."""
    from models import atrest, storage

    if plain or not atrest.is_encrypted(path):
        connection = sqlite3.connect(path, isolation_level=None, timeout=storage.BUSY_TIMEOUT)
    else:
        connection = atrest.connect(path, isolation_level=None, timeout=storage.BUSY_TIMEOUT)
    try:
        connection.create_function("hub_digest", -1, digest, deterministic=True)
        yield connection
    finally:
        connection.close()


def row_digests(
    connection: sqlite3.Connection, table: str, ids: set[str] | None = None
) -> dict[str, str]:
    """Digests of every row of `table`, or of the rows with these ids that exist."""
    from models.sync.table_rows import chunked

    columns = ", ".join(f'"{name}"' for name in columns_of(table))
    select = f'SELECT id, hub_digest({columns}) FROM "{table}"'
    if ids is None:
        return dict(connection.execute(select))
    found: dict[str, str] = {}
    for part in chunked(sorted(ids)):
        marks = ", ".join("?" * len(part))
        found.update(connection.execute(f"{select} WHERE id IN ({marks})", part))
    return found


def rows(connection: sqlite3.Connection, table: str, ids: list[str]) -> list[tuple[Any, ...]]:
    """Full rows, columns in the schema's order, of the given ids."""
    from models.sync.table_rows import chunked

    columns = ", ".join(f'"{name}"' for name in columns_of(table))
    found: list[tuple[Any, ...]] = []
    for part in chunked(ids):
        marks = ", ".join("?" * len(part))
        found += connection.execute(
            f'SELECT {columns} FROM "{table}" WHERE id IN ({marks})', part
        ).fetchall()
    return found


Ids = dict[str, set[str]]  # table → row ids


def trigger_statements() -> list[tuple[str, str]]:
    """Triggers noting every row written or removed, whatever writes it (app, merge, import)."""
    statements = []
    for table in synced_names():
        note = "INSERT OR REPLACE INTO hub_dirty (table_name, row_id) VALUES ('{table}', {row});"
        for suffix, event, rows in (
            ("ai", "INSERT", ("NEW.id",)),
            ("au", "UPDATE", ("OLD.id", "NEW.id")),
            ("ad", "DELETE", ("OLD.id",)),
        ):
            body = " ".join(note.format(table=table, row=row) for row in rows)
            name = f"hub_dirty_{table}_{suffix}"
            statements.append(
                (name, f'CREATE TRIGGER {name} AFTER {event} ON "{table}" BEGIN {body} END')
            )
    return statements


def triggers_intact(connection: sqlite3.Connection) -> bool:
    """Whether every row change since the triggers were made is noted (a migration that
    rebuilds a table drops its triggers: then the next sync compares every row)."""
    names = {
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'hub_dirty_%'"
        )
    }
    return names == {name for name, _ in trigger_statements()}


def install_triggers(connection: sqlite3.Connection) -> None:
    connection.execute(DIRTY_DDL)
    for name, statement in trigger_statements():
        connection.execute(f"DROP TRIGGER IF EXISTS {name}")
        connection.execute(statement)


def dirty(connection: sqlite3.Connection) -> tuple[Ids, int]:
    """Rows changed since the last sync, and the mark up to which they were read."""
    if not connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'hub_dirty'"
    ).fetchone():
        return {}, 0
    found: Ids = {}
    mark = 0
    for rowid, table, row_id in connection.execute(
        "SELECT rowid, table_name, row_id FROM hub_dirty"
    ):
        found.setdefault(table, set()).add(row_id)
        mark = max(mark, rowid)
    return found, mark


def known_for(connection: sqlite3.Connection, ids: Ids) -> Digests:
    """The tracked digests of just these rows."""
    from models.sync.table_rows import chunked

    result: Digests = {}
    if (
        not ids
        or not connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'hub_row'"
        ).fetchone()
    ):
        return result
    for table, wanted in ids.items():
        for part in chunked(sorted(wanted)):
            marks = ", ".join("?" * len(part))
            result.setdefault(table, {}).update(
                connection.execute(
                    f"SELECT row_id, digest FROM hub_row WHERE table_name = ? "
                    f"AND row_id IN ({marks})",
                    (table, *part),
                )
            )
    return result


@dataclass
class State:
    """This laptop's sync facts (from `meta`)."""

    hub_id: str = ""
    version: int = 0
    device: str = ""
    synced_at: str = ""
    address: str = ""

    def since(self, hub_id: str, device_id: str) -> int:
        """The hub version this laptop has seen of that hub, 0 when it starts afresh."""
        return self.version if (self.hub_id, self.device) == (hub_id, device_id) else 0


def read_state(connection: sqlite3.Connection) -> State:
    marks = ", ".join("?" * len(KEYS))
    values = dict(connection.execute(f"SELECT key, value FROM meta WHERE key IN ({marks})", KEYS))
    return State(
        hub_id=values.get("hub_id", ""),
        version=int(values.get("hub_version", "0") or 0),
        device=values.get("hub_device", ""),
        synced_at=values.get("hub_synced_at", ""),
        address=values.get("hub_address", ""),
    )


def tracked(connection: sqlite3.Connection) -> Digests:
    """The digests of the rows the hub holds, as of the last sync."""
    if not connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'hub_row'"
    ).fetchone():
        return {}
    result: Digests = {}
    for table, row_id, value in connection.execute(
        "SELECT table_name, row_id, digest FROM hub_row"
    ):
        result.setdefault(table, {})[row_id] = value
    return result


def record(
    connection: sqlite3.Connection,
    state: State,
    *,
    fresh: bool,
    written: Digests,
    removed: list[tuple[str, str]],
    read_up_to: int,
) -> None:
    """After the hub committed: what it now holds, and the laptop's sync facts, in one go.

    Rows noted as changed up to `read_up_to` were compared; a row changed again since has been
    noted anew (with a later rowid) and is compared next time.
    """
    connection.execute("BEGIN IMMEDIATE")
    try:
        connection.execute(TABLE_DDL)
        if not triggers_intact(connection):
            install_triggers(connection)
        connection.execute("DELETE FROM hub_dirty WHERE rowid <= ?", (read_up_to,))
        # A row the hub took off that this laptop still holds is compared at the next sync.
        connection.executemany(
            "INSERT OR REPLACE INTO hub_dirty (table_name, row_id) VALUES (?, ?)", removed
        )
        if fresh:
            connection.execute("DELETE FROM hub_row")
        connection.executemany("DELETE FROM hub_row WHERE table_name = ? AND row_id = ?", removed)
        connection.executemany(
            "INSERT OR REPLACE INTO hub_row (table_name, row_id, digest) VALUES (?, ?, ?)",
            [
                (table, row_id, value)
                for table, found in written.items()
                for row_id, value in found.items()
            ],
        )
        connection.executemany(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
            [
                ("hub_id", state.hub_id),
                ("hub_version", str(state.version)),
                ("hub_device", state.device),
                ("hub_synced_at", state.synced_at),
                ("hub_address", state.address),
            ],
        )
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
