"""Ids of association records derived from their natural key, so two laptops name them alike.

A note is one author's note on one question of one meeting: created on two laptops, it gets the
same id on both (uuid5 of the table and the key), and merging matches the two copies by id. The
key fields never change after creation (`models.records.update` moves a record whose key is
edited: the old one is tombstoned and the record of the new key made or brought back), and
schema 10 gave every older record the id of its key (`rekey_sqlite`), so id and key stay one.
Two exceptions keep an id that is not their key's: a record whose author was erased (the
erased name is a placeholder; its id still names the note it was), and a record made while
its key's id was held by such a record (`free_derived_id` counts on, alike everywhere).
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from models.conflict_ids import conflict_id

NAMESPACE = uuid.UUID("2d0f5c1e-8a47-4b6e-9f3a-5c7e1b9d4a62")
ERASED_PREFIX = "[slettet person"
REKEYED_IN = 10  # the schema version from which every association record holds its key's id  # models.erasure.ERASED and erased_author() begin so

# Table → the fields that say which thing a record is about (the unique constraints of tables.py).
DERIVED_KEYS: dict[str, tuple[str, ...]] = {
    "meeting_organisation": ("meeting_id", "organisation_id"),
    "participation": ("meeting_id", "person_id", "role"),
    "note": ("meeting_id", "question_key", "author"),
    "answer": ("meeting_id", "question_key", "author"),
    "service_mention": ("service_id", "meeting_id", "question_key"),
    "referat": ("meeting_id", "question_key", "kind"),
    "minutes_status": ("meeting_id",),
    "finding": ("journey_id", "topic"),
}


def derived_id(table: str, values: tuple[Any, ...], count: int = 0) -> str:
    """The id of the record of `table` whose natural key is `values` (the `count`th if taken)."""
    name = json.dumps([table, *values, *([count] if count else [])], ensure_ascii=False)
    return str(uuid.uuid5(NAMESPACE, name))


def free_derived_id(table: str, values: tuple[Any, ...], taken: Callable[[str], bool]) -> str:
    """The first derived id of the key that no stored record holds."""
    count = 0
    while taken(candidate := derived_id(table, values, count)):
        count += 1
    return candidate


def erased_key(values: Iterable[Any]) -> bool:
    """Whether a key names an erased author: its id stays the one it had (see the module)."""
    return any(isinstance(value, str) and value.startswith(ERASED_PREFIX) for value in values)


def rekeyed(table: str, rows: Iterable[tuple[Any, ...]]) -> dict[str, str]:
    """Old id → derived id of the rows (id, *key) of `table` whose id is not their key's.

    Keys are unique within a file (the unique constraints), so the targets are distinct; a row
    whose target an erased record keeps holding stays as it is.
    """
    rows = list(rows)
    staying = {row[0] for row in rows if erased_key(row[1:])}
    moves = {}
    for id_, *key in rows:
        if id_ in staying:
            continue
        target = derived_id(table, tuple(key))
        if target != id_ and target not in staying:
            moves[id_] = target
    return moves


def rekey_rows(rows: dict[str, list[dict[str, Any]]]) -> None:
    """`rekey_sqlite` for the rows of an archive of an older schema (table → rows), in place."""
    moved: dict[str, dict[str, str]] = {}
    for table, key in DERIVED_KEYS.items():
        found = rows.get(table) or []
        moves = rekeyed(table, [(row["id"], *(row[name] for name in key)) for row in found])
        for row in found:
            row["id"] = moves.get(row["id"], row["id"])
        moved[table] = moves
    for row in rows.get("conflict") or []:
        target = moved.get(row["table_name"], {}).get(row["record_id"])
        if target is not None:
            row["record_id"] = target
            row["id"] = conflict_id(
                row["table_name"], target, row["field"], row["value_hlc"], row["value_device"]
            )


def rekey_sqlite(connection: sqlite3.Connection, schema: str = "main") -> dict[str, dict[str, str]]:
    """Give every association record of the database the derived id of its current key.

    Their conflict rows move with them (with their own ids derived again from the record's, as
    a merge names them); nothing else stores these ids (the search index is filled afresh after
    a migration, the hub tracking's triggers note every moved row). Returns table → moves.
    """
    done: dict[str, dict[str, str]] = {}
    for table, key in DERIVED_KEYS.items():
        columns = ", ".join(f'"{name}"' for name in ("id", *key))
        moves = rekeyed(table, connection.execute(f'SELECT {columns} FROM {schema}."{table}"'))
        if not moves:
            continue
        _two_steps(connection, f'{schema}."{table}"', "id", moves)
        _move_conflicts(connection, schema, table, moves)
        done[table] = moves
    return done


def _move_conflicts(
    connection: sqlite3.Connection, schema: str, table: str, moves: dict[str, str]
) -> None:
    rows = []
    for old in moves:
        rows.extend(
            connection.execute(
                f'SELECT id, record_id, field, value_hlc, value_device FROM {schema}."conflict" '
                "WHERE table_name = ? AND record_id = ?",
                (table, old),
            ).fetchall()
        )
    # By the conflict's own id, in two steps: a record may take the id another is leaving.
    statement = f'UPDATE {schema}."conflict" SET id = ?, record_id = ? WHERE id = ?'
    connection.executemany(
        statement, [(f"rekey:{id_}", moves[record], id_) for id_, record, *_ in rows]
    )
    connection.executemany(
        statement,
        [
            (conflict_id(table, moves[record], field, stamp, device), moves[record], f"rekey:{id_}")
            for id_, record, field, stamp, device in rows
        ],
    )


def _two_steps(
    connection: sqlite3.Connection, table: str, column: str, moves: dict[str, str]
) -> None:
    """Rename ids old → new in two steps, so that a row may take the id another is leaving."""
    statement = f'UPDATE {table} SET "{column}" = ? WHERE "{column}" = ?'
    connection.executemany(statement, [(f"rekey:{old}", old) for old in moves])
    connection.executemany(statement, [(new, f"rekey:{old}") for old, new in moves.items()])
