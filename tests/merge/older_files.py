"""Files as schema 9 left them: association records under random ids (the migration's input)."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

from models.identity import DERIVED_KEYS, conflict_id

# One random-looking id per record, the same on every laptop holding a copy of it (as a record
# made before schema 8 had one id everywhere).
OLD_NAMESPACE = uuid.UUID("0b7a4c2e-9d15-4f63-8e21-6a3c5b7d9e10")


def old_id(new_id: str) -> str:
    return str(uuid.uuid5(OLD_NAMESPACE, new_id))


def as_version_9(path: Path) -> dict[str, str]:
    """Rewrite the closed database at `path` as a v9 file: every association record (and its
    conflict rows, and the hub tracking's rows) under a random id. Returns new id → old id."""
    connection = sqlite3.connect(path)
    mapping: dict[str, str] = {}
    try:
        with connection:
            for table in DERIVED_KEYS:
                for (id_,) in connection.execute(f'SELECT id FROM "{table}"').fetchall():
                    mapping[id_] = old_id(id_)
                    connection.execute(
                        f'UPDATE "{table}" SET id = ? WHERE id = ?', (mapping[id_], id_)
                    )
                conflicts = connection.execute(
                    "SELECT id, record_id, field, value_hlc, value_device FROM conflict "
                    "WHERE table_name = ?",
                    (table,),
                ).fetchall()
                for id_, record, field, stamp, device in conflicts:
                    old = mapping.get(record, record)
                    connection.execute(
                        "UPDATE conflict SET id = ?, record_id = ? WHERE id = ?",
                        (conflict_id(table, old, field, stamp, device), old, id_),
                    )
                if connection.execute(
                    "SELECT 1 FROM sqlite_master WHERE name = 'hub_row'"
                ).fetchone():
                    connection.executemany(
                        "UPDATE hub_row SET row_id = ? WHERE table_name = ? AND row_id = ?",
                        [(old, table, new) for new, old in mapping.items()],
                    )
            connection.execute("PRAGMA user_version = 9")
    finally:
        connection.close()
    return mapping


def user_version(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA user_version").fetchone()[0]
    finally:
        connection.close()
