"""The hub's schema: the laptop's synced tables for PostgreSQL, a change number per row, versions.

Every synced table of `models.tables` is created from the same SQLModel metadata for the
postgresql dialect, with one more column, `hub_seq`: the hub version (one per sync that wrote)
at which the row last changed. `hub_meta` holds the hub's id, its format, the laptop schema
version its tables have and the current version; `hub_removed` remembers rows a sync took away
(merged into another by natural key, a resolved conflict), `hub_device` the device names and
`hub_laptop` when each laptop last synced. Foreign keys and natural-key constraints are deferred
to commit, so that one sync may write its rows in any order.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

from models.hub.connection import HubError

FORMAT = 1  # the hub's own bookkeeping (hub_meta, hub_seq, hub_removed …)
LOCK_KEY = 0x696E6E73696B74  # «innsikt»: pg_advisory_xact_lock serialises syncs and upgrades
SEQ = "hub_seq"

BOOKKEEPING_DDL = (
    "CREATE TABLE hub_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE hub_removed (table_name TEXT NOT NULL, id TEXT NOT NULL, "
    "hub_seq BIGINT NOT NULL, PRIMARY KEY (table_name, id))",
    "CREATE INDEX ix_hub_removed_seq ON hub_removed (hub_seq)",
    "CREATE TABLE hub_device (device_id TEXT PRIMARY KEY, name TEXT NOT NULL)",
    "CREATE TABLE hub_laptop (device_id TEXT PRIMARY KEY, synced_at TIMESTAMPTZ NOT NULL, "
    "hub_seq BIGINT NOT NULL)",
)


def hub_tables() -> list[Any]:
    """The synced tables as the hub holds them (a copy of the metadata; tables.py is untouched)."""
    from sqlalchemy import (
        BigInteger,
        Column,
        ForeignKeyConstraint,
        Index,
        MetaData,
        UniqueConstraint,
    )

    from models import tables

    metadata = MetaData()
    result = []
    for model in tables.SYNCED_TABLES:
        table = model.__table__.to_metadata(metadata)  # type: ignore[attr-defined]
        for constraint in table.constraints:
            if isinstance(constraint, UniqueConstraint | ForeignKeyConstraint):
                constraint.deferrable = True
                constraint.initially = "DEFERRED"
        table.append_column(Column(SEQ, BigInteger, nullable=False, server_default="0"))
        Index(f"ix_{table.name}_{SEQ}", table.c[SEQ])
        result.append(table)
    return result


def _compiled(element: Any) -> str:
    from sqlalchemy.dialects import postgresql

    return str(element.compile(dialect=postgresql.dialect())).strip()


def _existing_tables(cursor: Any) -> set[str]:
    cursor.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
    )
    return {name for (name,) in cursor.fetchall()}


def _existing_columns(cursor: Any, table: str) -> set[str]:
    cursor.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = %s",
        (table,),
    )
    return {name for (name,) in cursor.fetchall()}


def read_meta(cursor: Any) -> dict[str, str] | None:
    """The hub's facts, or None where the database is no innsikt hub (yet)."""
    if "hub_meta" not in _existing_tables(cursor):
        return None
    cursor.execute("SELECT key, value FROM hub_meta")
    return dict(cursor.fetchall())


def check_versions(meta: dict[str, str], address: str) -> None:
    """Refuse a hub this laptop cannot sync with: older (upgrade it) or newer (update innsikt)."""
    from models.dbfile import SCHEMA_VERSION

    found, hub_format = int(meta.get("schema_version", 0)), int(meta.get("format", 0))
    if hub_format > FORMAT or found > SCHEMA_VERSION:
        raise HubError("hub_newer", address=address, found=found, supported=SCHEMA_VERSION)
    if found < SCHEMA_VERSION or hub_format < FORMAT:
        raise HubError("hub_older", address=address, found=found, supported=SCHEMA_VERSION)


def _create(cursor: Any) -> None:
    from sqlalchemy.schema import CreateIndex, CreateTable

    for table in hub_tables():
        cursor.execute(_compiled(CreateTable(table)))
        for index in sorted(table.indexes, key=lambda index: index.name):
            cursor.execute(_compiled(CreateIndex(index)))
    for statement in BOOKKEEPING_DDL:
        cursor.execute(statement)


def _upgrade(cursor: Any) -> list[str]:
    """Tables and columns of the current schema the hub lacks, added (as migrations add them)."""
    from sqlalchemy.schema import CreateColumn, CreateIndex, CreateTable

    added = []
    present = _existing_tables(cursor)
    for table in hub_tables():
        if table.name not in present:
            cursor.execute(_compiled(CreateTable(table)))
            for index in sorted(table.indexes, key=lambda index: index.name):
                cursor.execute(_compiled(CreateIndex(index)))
            added.append(table.name)
            continue
        columns = _existing_columns(cursor, table.name)
        for column in table.columns:
            if column.name not in columns:
                cursor.execute(
                    f'ALTER TABLE "{table.name}" ADD COLUMN {_compiled(CreateColumn(column))}'
                )
                added.append(f"{table.name}.{column.name}")
    return added


def _run_steps(cursor: Any, found: int, target: int) -> None:
    """The upgrade steps that rewrite values (`HUB_STEPS[n]`: version n to n + 1), in order,
    in the caller's transaction; their rows get the next hub version, so laptops pull them."""
    steps = [HUB_STEPS[version] for version in range(found, target) if version in HUB_STEPS]
    if not steps:
        return
    cursor.execute("SELECT value FROM hub_meta WHERE key = 'version'")
    version = int(cursor.fetchone()[0]) + 1
    for step in steps:
        step(cursor, version)
    cursor.execute("UPDATE hub_meta SET value = %s WHERE key = 'version'", (str(version),))


def _rekey(cursor: Any, version: int) -> None:
    """Schema 10 (`models.migrations._v9_to_v10`) on the hub: every association record gets
    the id derived from its current key, its conflict rows with it, as each laptop's migration
    does; the old ids are noted as removed at `version`, the moved rows changed at it."""
    from models.identity import DERIVED_KEYS, conflict_id, rekeyed

    for table, key in DERIVED_KEYS.items():
        columns = ", ".join(f'"{name}"' for name in ("id", *key))
        cursor.execute(f'SELECT {columns} FROM "{table}"')
        moves = rekeyed(table, cursor.fetchall())
        if not moves:
            continue
        _rename(cursor, table, moves, version)
        cursor.execute(
            'SELECT id, record_id, field, value_hlc, value_device FROM "conflict" '
            "WHERE table_name = %s AND record_id = ANY(%s)",
            (table, list(moves)),
        )
        renamed = {
            id_: conflict_id(table, moves[record], field, stamp, device)
            for id_, record, field, stamp, device in cursor.fetchall()
        }
        _rename(cursor, "conflict", renamed, version)
        cursor.execute(
            'UPDATE "conflict" SET record_id = (%s::jsonb ->> record_id) '
            "WHERE table_name = %s AND id = ANY(%s)",
            (json.dumps(moves), table, list(renamed.values())),
        )


def _rename(cursor: Any, table: str, moves: dict[str, str], version: int) -> None:
    """Ids old → new in two steps (a row may take the id another is leaving), as changes."""
    for pairs in (
        [(f"rekey:{old}", old) for old in moves],
        [(new, f"rekey:{old}") for old, new in moves.items()],
    ):
        cursor.executemany(f'UPDATE "{table}" SET id = %s, {SEQ} = {version} WHERE id = %s', pairs)
    cursor.execute(
        "DELETE FROM hub_removed WHERE table_name = %s AND id = ANY(%s)",
        (table, list(moves.values())),
    )
    cursor.executemany(
        "INSERT INTO hub_removed (table_name, id, hub_seq) VALUES (%s, %s, %s) "
        "ON CONFLICT (table_name, id) DO UPDATE SET hub_seq = EXCLUDED.hub_seq",
        [(table, old, version) for old in set(moves) - set(moves.values())],
    )


# HUB_STEPS[n] rewrites the hub's rows from laptop schema n to n + 1, as STEPS[n] of
# `models.migrations` rewrites a laptop's (steps that only add tables or columns need none).
HUB_STEPS: dict[int, Callable[[Any, int], None]] = {9: _rekey}


def init_hub(connection: Any, address: str) -> tuple[str, int | None]:
    """Create the hub schema, or upgrade an older one; («created»|«upgraded»|«current», from).

    In one transaction: a failure (no right to create tables, say) leaves the hub as it was.
    """
    import psycopg

    from models.hub.connection import reason

    try:
        return _init(connection, address)
    except psycopg.Error as error:
        raise HubError("hub_init_failed", address=address, reason=reason(error)) from error


def _init(connection: Any, address: str) -> tuple[str, int | None]:
    from models.dbfile import SCHEMA_VERSION

    with connection.transaction(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
        meta = read_meta(cursor)
        if meta is None:
            ours = {table.name for table in hub_tables()}
            if ours & _existing_tables(cursor):
                raise HubError("hub_foreign", address=address)
            _create(cursor)
            cursor.executemany(
                "INSERT INTO hub_meta (key, value) VALUES (%s, %s)",
                [
                    ("hub_id", str(uuid.uuid4())),
                    ("format", str(FORMAT)),
                    ("schema_version", str(SCHEMA_VERSION)),
                    ("version", "0"),
                ],
            )
            return "created", None
        found = int(meta.get("schema_version", 0))
        if int(meta.get("format", 0)) > FORMAT or found > SCHEMA_VERSION:
            raise HubError("hub_newer", address=address, found=found, supported=SCHEMA_VERSION)
        if found == SCHEMA_VERSION and int(meta.get("format", 0)) == FORMAT:
            return "current", found
        _upgrade(cursor)
        _run_steps(cursor, found, SCHEMA_VERSION)
        cursor.executemany(
            "UPDATE hub_meta SET value = %s WHERE key = %s",
            [(str(SCHEMA_VERSION), "schema_version"), (str(FORMAT), "format")],
        )
        return "upgraded", found
