"""Importing a validated archive into a database in one transaction; a bad one changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, bindparam, select
from sqlalchemy.exc import IntegrityError

from models import tables
from models.archive.format import TableSpec, table_specs
from models.archive.validation import Archive, Reference, read_sealed_or_plain
from models.errors import ArchiveError
from models.identity import REKEYED_IN, rekey_rows
from models.progress import Progress, Steps
from models.storage import Database
from models.text import t

# Enough for any real archive, small enough that SQLite's bound-variable limit is never near.
LOOKUP_CHUNK = 500


@dataclass
class ImportSummary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0  # the same or an older version of a record the database holds
    future: list[Any] = field(default_factory=list)  # models.future.FutureStamps


@dataclass
class TablePlan:
    spec: TableSpec
    inserts: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    updates: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    unchanged: int = 0


def chunks(values: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(values), LOOKUP_CHUNK):
        yield values[start : start + LOOKUP_CHUNK]


def check_references(archive: Archive, connection: Connection) -> None:
    """Every foreign key leaving the archive must find its record in the database."""
    by_table: dict[tuple[str, str], list[Reference]] = {}
    for reference in archive.references:
        by_table.setdefault((reference.table, reference.column), []).append(reference)
    for (table_name, column_name), references in by_table.items():
        column = tables.SQLModel.metadata.tables[table_name].c[column_name]
        wanted = sorted({reference.target_id for reference in references})
        found: set[str] = set()
        for part in chunks(wanted):
            found.update(connection.execute(select(column).where(column.in_(part))).scalars())
        for reference in references:
            if reference.target_id not in found:
                raise ArchiveError(
                    "archive_dangling",
                    file=archive.path.name,
                    where=reference.where,
                    table=table_name,
                    id=reference.target_id,
                )


def plan_table(spec: TableSpec, rows: list[dict[str, Any]], connection: Connection) -> TablePlan:
    """Which records to insert, which replace the database's (a newer hlc, then device id)."""
    table = spec.table
    existing: dict[str, tuple[str, str]] = {}
    seen: dict[str, dict[str, str]] = {}
    for part in chunks([row["id"] for row in rows]):
        query = select(table.c.id, table.c.hlc, table.c.device_id, table.c.seen).where(
            table.c.id.in_(part)
        )
        for id_, hlc, device, seen_here in connection.execute(query):
            existing[id_] = (hlc, device)
            seen[id_] = seen_here or {}
    plan = TablePlan(spec)
    for index, row in enumerate(rows):
        current = existing.get(row["id"])
        if current is None:
            plan.inserts.append((index, row))
        elif (row["hlc"], row["device_id"]) > current:
            _refuse_dropping_local_edits(spec, index, row, seen[row["id"]])
            plan.updates.append((index, row))
        else:
            plan.unchanged += 1
    return plan


def _refuse_dropping_local_edits(
    spec: TableSpec, index: int, row: dict[str, Any], seen_here: dict[str, str]
) -> None:
    """Replacing a record is only safe when the archive's copy has seen every local edit.

    Otherwise edits made here since the archive was written would vanish: that is a merge, with
    conflicts kept, and `innsikt merge` does it.
    """
    seen_there = row.get("seen") or {}
    for device, stamp in seen_here.items():
        if seen_there.get(device, "") < stamp:
            raise ArchiveError("archive_would_drop", where=f"tables.{spec.name}[{index}]")


def check_unique(archive: Archive, plan: TablePlan, connection: Connection) -> None:
    """The records after the import must not clash with the database's on a unique key."""
    spec = plan.spec
    applied = plan.updates + plan.inserts
    if not spec.unique or not applied:
        return
    names = sorted({name for fields in spec.unique for name in fields})
    query = select(spec.table.c.id, *(spec.table.c[name] for name in names))
    stored = {row.id: row._mapping for row in connection.execute(query)}
    incoming = {row["id"]: index for index, row in applied}
    for fields in spec.unique:
        owner: dict[tuple[Any, ...], str] = {}
        for id_, values in stored.items():
            key = tuple(values[name] for name in fields)
            if id_ not in incoming and None not in key:
                owner[key] = id_
        for index, row in applied:
            key = tuple(row[name] for name in fields)
            if None not in key and key in owner:
                raise ArchiveError(
                    "archive_unique",
                    file=archive.path.name,
                    where=archive.where(spec.name, index),
                    fields=", ".join(fields),
                    other=t("archive_in_database", id=owner[key]),
                )


def apply_plan(plan: TablePlan, connection: Connection) -> None:
    table = plan.spec.table
    if plan.updates:
        # Updates before inserts: a record moving off a unique key frees it for a new one.
        statement = table.update().where(table.c.id == bindparam("match_id"))
        values = [{"match_id": row["id"], **row} for _, row in plan.updates]
        connection.execute(statement, values)
    if plan.inserts:
        connection.execute(table.insert(), [row for _, row in plan.inserts])


def import_archive(
    db: Database,
    path: Path | str,
    *,
    archive: Archive | None = None,
    passphrase: Any = None,
    progress: Progress | None = None,
) -> ImportSummary:
    """Read and apply the archive at `path` in one transaction; a bad one changes nothing.

    `archive` is the archive read already (the CLI reads it before it opens, or creates, the
    database); otherwise it is read here, `passphrase(path)` asked for a sealed one.
    `progress` hears how many of the archive's tables are applied.
    """
    archive = archive if archive is not None else read_sealed_or_plain(path, passphrase)
    if archive.meta.schema_version < REKEYED_IN:  # its association records under their keys' ids
        rekey_rows(archive.rows)
    summary = ImportSummary()
    clock_before = db.clock.last
    try:
        with db.transaction() as session:
            connection = session.connection()
            # Take the write lock now, so that what is checked below is what is written to.
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            check_references(archive, connection)
            steps = Steps(progress, len(table_specs()))
            for spec in table_specs():
                plan = plan_table(spec, archive.rows[spec.name], connection)
                check_unique(archive, plan, connection)
                apply_plan(plan, connection)
                summary.added += len(plan.inserts)
                summary.updated += len(plan.updates)
                summary.unchanged += plan.unchanged
                steps.advance()
            # Erasures (ours and the archive's) apply to every record the archive brought.
            from models.erasure import load_keys, scrub_database

            raw = connection.connection.driver_connection
            scrub_database(raw, load_keys(raw))
            # A bad clock elsewhere must not move ours past tomorrow (models.future).
            from models.future import FutureStamps, capped, limit, shown

            latest, ceiling = archive.max_hlc(), limit(db.clock.wall())
            if latest > ceiling:
                late = sum(row["hlc"] > ceiling for rows in archive.rows.values() for row in rows)
                summary.future.append(FutureStamps(str(path), late, shown(latest)))
            db.clock.observe(capped(latest, db.clock.wall()))
            if db.clock.last != clock_before:
                session.merge(tables.Meta(key="clock", value=db.clock.last))
    except IntegrityError as error:
        db.clock.last = clock_before
        raise ArchiveError("archive_rejected", file=archive.path.name, detail=error.orig) from error
    except BaseException:
        db.clock.last = clock_before
        raise
    return summary
