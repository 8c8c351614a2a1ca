"""Pushing to the hub: the laptop's rows the hub has not seen, written as the laptop holds them.

The laptop's state at this point is the merge of its own rows with the hub's (pulled under the
same lock), so writing its changed rows over the hub's copies, and taking off the hub the rows
that merge retired, leaves the hub holding exactly that merge: the same rules as a file merge.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from models.hub.schema import SEQ
from models.hub.tracking import Digests, Ids, columns_of, row_digests, rows, synced_names


@dataclass
class Changes:
    upserts: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)
    digests: Digests = field(default_factory=dict)  # of the upserted rows
    retired: list[tuple[str, str]] = field(default_factory=list)  # (table, id)

    def count(self) -> int:
        return sum(len(found) for found in self.upserts.values())

    def any(self) -> bool:
        return bool(self.count() or self.retired)


def changes(connection: sqlite3.Connection, on_hub: Digests, candidates: Ids | None) -> Changes:
    """What differs between the laptop's rows and the hub's (known by their digests).

    Only the `candidates` are compared (rows noted as changed, rows pulled just now), or every
    row where `candidates` is None.
    """
    result = Changes()
    for table in synced_names():
        known = on_hub.get(table, {})
        if candidates is None:
            current = row_digests(connection, table)
            ids: set[str] = set(current) | set(known)
        else:
            ids = candidates.get(table, set())
            if not ids:
                continue
            current = row_digests(connection, table, ids)
        changed = sorted(row_id for row_id, value in current.items() if known.get(row_id) != value)
        if changed:
            result.upserts[table] = rows(connection, table, changed)
            result.digests[table] = {row_id: current[row_id] for row_id in changed}
        result.retired += [
            (table, row_id) for row_id in sorted(ids) if row_id in known and row_id not in current
        ]
    return result


def push(cursor: Any, found: Changes, version: int) -> None:
    """Write the changes at hub version `version` (inside the caller's locked transaction).

    Each table's rows are copied (`COPY`) into a staging table of the transaction, then replace
    the hub's copies in two statements: no list of ids travels as a parameter.
    """
    retired: dict[str, list[str]] = {}
    for table, row_id in found.retired:
        retired.setdefault(table, []).append(row_id)
    for table in synced_names():
        written = found.upserts.get(table, [])
        if retired.get(table):
            cursor.execute(f'DELETE FROM "{table}" WHERE id = ANY(%s)', (retired[table],))
        if not written:
            continue
        stage = f"hub_stage_{table}"
        columns = ", ".join(f'"{name}"' for name in (*columns_of(table), SEQ))
        cursor.execute(
            f'CREATE TEMPORARY TABLE "{stage}" (LIKE "{table}" INCLUDING DEFAULTS) ON COMMIT DROP'
        )
        with cursor.copy(f'COPY "{stage}" ({columns}) FROM STDIN') as copy:
            for row in written:
                copy.write_row((*row, version))
        cursor.execute(f'DELETE FROM "{table}" t USING "{stage}" s WHERE t.id = s.id')
        cursor.execute(f'INSERT INTO "{table}" ({columns}) SELECT {columns} FROM "{stage}"')
        cursor.execute(
            f'DELETE FROM hub_removed r USING "{stage}" s WHERE r.table_name = %s AND r.id = s.id',
            (table,),
        )
        cursor.execute(f'DROP TABLE "{stage}"')
    if found.retired:
        cursor.executemany(
            "INSERT INTO hub_removed (table_name, id, hub_seq) VALUES (%s, %s, %s) "
            "ON CONFLICT (table_name, id) DO UPDATE SET hub_seq = excluded.hub_seq",
            [(table, row_id, version) for table, row_id in found.retired],
        )
