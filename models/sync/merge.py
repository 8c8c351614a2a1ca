"""Merging other laptops' snapshots (or JSON archives) into this database, in one transaction.

Every file is checked and made readable as the current schema (`models.sync.source`), attached
read-only to one plain sqlite3 connection, and merged table by table, parents first
(`models.sync.table`). Any refusal or error rolls everything back: the database is unchanged.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from models import storage, tables
from models.atrest import attach_plain
from models.devices import learn_device_names
from models.erasure import load_keys, scrub_database, scrub_meta
from models.errors import DatabaseError, InnsiktError
from models.failures import classify
from models.future import FutureStamps, capped, limit, shown
from models.paths import sqlite_uri
from models.progress import Progress, Steps
from models.sealed import Passphrase
from models.storage import Database, failure_error
from models.sync.reindex import refilled_afterwards
from models.sync.source import Source, prepared_sources
from models.sync.table import TableMerge
from models.sync.table_rows import KindCounts, count_open_conflicts, table_specs
from models.sync.text_merge import derived_values, newly_merged

MAX_FILES = 8  # SQLite attaches at most ten databases to one connection


@dataclass
class MergeSummary:
    """What a merge did, per table."""

    files: list[Path]
    counts: dict[str, KindCounts] = field(default_factory=dict)
    open_conflicts: int = 0
    future: list[FutureStamps] = field(default_factory=list)  # see models.future
    # table → ids of named records (services, organisations, people) added, renamed or
    # undeleted by this merge: the likely-duplicates scan after it looks at these only.
    touched: dict[str, set[str]] = field(default_factory=dict)
    # notes whose text this merge merged word by word (models/sync/text_merge.py)
    text_merged: int = 0

    def changed(self) -> bool:
        return any(counts.any() for counts in self.counts.values())


def _connect(database: Path) -> sqlite3.Connection:
    from models import atrest

    if atrest.is_encrypted(database):
        connection = atrest.connect(database, uri=True, isolation_level=None, timeout=5)
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA synchronous = FULL")
        return connection  # type: ignore[no-any-return]
    connection = sqlite3.connect(
        sqlite_uri(database), uri=True, isolation_level=None, timeout=storage.BUSY_TIMEOUT
    )
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA synchronous = FULL")
    return connection


def _check_columns(connection: sqlite3.Connection, source: Source, schema: str) -> None:
    for model in tables.SYNCED_TABLES:
        table = model.__table__  # type: ignore[attr-defined]
        present = {
            row[1] for row in connection.execute(f'PRAGMA {schema}.table_info("{table.name}")')
        }
        for column in table.columns:
            if column.name not in present:
                raise InnsiktError(
                    "merge_incomplete", path=source.path, table=table.name, column=column.name
                )


def _max_stamp(connection: sqlite3.Connection, schema: str) -> str:
    stamps = [
        connection.execute(f'SELECT max(hlc) FROM {schema}."{model.__tablename__}"').fetchone()[0]
        for model in tables.SYNCED_TABLES
    ]
    return max((stamp for stamp in stamps if stamp), default="")


def _count_after(connection: sqlite3.Connection, schema: str, ceiling: str) -> int:
    return sum(
        connection.execute(
            f'SELECT count(*) FROM {schema}."{model.__tablename__}" WHERE hlc > ?', (ceiling,)
        ).fetchone()[0]
        for model in tables.SYNCED_TABLES
    )


def _merge_attached(
    connection: sqlite3.Connection, schema: str, summary: MergeSummary, steps: Steps
) -> None:
    aliases: dict[str, dict[str, str]] = {}
    # Erasures first: ours are applied already; one new to us scrubs our rows before anything is
    # matched, and every incoming copy is scrubbed by all of them as it is read.
    scrubber = load_keys(connection, ("main", schema))
    if set(scrubber.keys) != set(load_keys(connection, ("main",)).keys):
        scrub_database(connection, scrubber)
    for spec in table_specs():
        counts = summary.counts.setdefault(spec.name, KindCounts())
        touched = summary.touched.setdefault(spec.name, set())
        TableMerge(connection, schema, spec, aliases, scrubber, touched).run(counts)
        steps.advance()


def merge_files(
    db: Database,
    paths: list[Path],
    passphrase: Passphrase | None = None,
    progress: Progress | None = None,
) -> MergeSummary:
    """Merge every file into `db` in one transaction; any bad file refuses them all.

    `progress` hears how many tables of all the files are merged (after any passphrase).
    """
    if len(paths) > MAX_FILES:
        raise InnsiktError("merge_too_many", limit=MAX_FILES)
    summary = MergeSummary(files=list(paths))
    clock_before = db.clock.last
    with prepared_sources(list(paths), db.path, passphrase) as sources:
        connection = _connect(db.path)
        try:
            schemas = []
            for index, source in enumerate(sources):
                schema = f"other{index}"
                attach_plain(connection, schema, source.uri())
                _check_columns(connection, source, schema)
                schemas.append(schema)
            connection.execute("BEGIN IMMEDIATE")
            try:
                connection.execute("PRAGMA defer_foreign_keys = ON")
                steps = Steps(progress, len(schemas) * len(table_specs()))
                derived_before = derived_values(connection)
                with refilled_afterwards(connection, schemas):
                    for schema in schemas:
                        _merge_attached(connection, schema, summary, steps)
                        learn_device_names(connection, schema)
                        scrub_meta(connection, load_keys(connection))  # names learnt just now
                        latest = _max_stamp(connection, schema)
                        ceiling = limit(db.clock.wall())
                        if latest > ceiling:
                            summary.future.append(
                                FutureStamps(
                                    str(paths[int(schema[5:])]),
                                    _count_after(connection, schema, ceiling),
                                    shown(latest),
                                )
                            )
                        db.clock.observe(capped(latest, db.clock.wall()))
                if db.clock.last != clock_before:
                    connection.execute(
                        "INSERT OR REPLACE INTO main.meta (key, value) VALUES ('clock', ?)",
                        (db.clock.last,),
                    )
                summary.open_conflicts = count_open_conflicts(connection)
                summary.text_merged = newly_merged(derived_before, derived_values(connection))
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise
        except sqlite3.Error as error:
            db.clock.last = clock_before
            if classify(error) in ("other", "damaged"):
                raise DatabaseError("merge_rejected", detail=str(error)) from error
            raise failure_error(error, db.path) from error  # locked, disk full, read-only …
        except BaseException:
            db.clock.last = clock_before
            raise
        finally:
            connection.close()
    return summary
