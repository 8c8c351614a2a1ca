"""A merge that brings more rows than the database holds fills the search index once at the end.

The search index follows every row by triggers (`models.search_index`), which costs more per row
than filling the index afresh in one statement per kind of record. When the attached files hold
more synced rows than this database (a new laptop's first sync or merge), the triggers are
dropped for the merge and the index is filled afterwards, in the same transaction: the index is
the same either way, and a failed merge rolls the triggers back with everything else.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from models import search_index, tables

MIN_ROWS = 1_000  # below this, either way is quick: keep the triggers


def _rows(connection: sqlite3.Connection, schema: str) -> int:
    return sum(
        connection.execute(f'SELECT count(*) FROM {schema}."{model.__tablename__}"').fetchone()[0]
        for model in tables.SYNCED_TABLES
    )


def worth_refilling(connection: sqlite3.Connection, schemas: list[str]) -> bool:
    """Whether the files bring more rows than this database holds (counting is cheap)."""
    incoming = sum(_rows(connection, schema) for schema in schemas)
    return incoming > max(_rows(connection, "main"), MIN_ROWS)


@contextmanager
def refilled_afterwards(connection: sqlite3.Connection, schemas: list[str]) -> Iterator[None]:
    """Inside the merge's transaction: index once at the end when that is cheaper."""
    if not worth_refilling(connection, schemas):
        yield
        return
    # Named in main: an unqualified DROP would look for the trigger in the attached files too.
    for name, _statement in search_index.trigger_statements():
        connection.execute(f"DROP TRIGGER IF EXISTS main.{name}")
    yield
    search_index.create_objects(connection)  # a file indexed by an older version lacks some
    for _name, statement in search_index.trigger_statements(search_index.available(connection)):
        connection.execute(statement)
    search_index.fill(connection)
