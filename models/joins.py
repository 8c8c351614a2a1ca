"""Joined records resolved when reading: an absorbed id → the record it was finally joined into.

A join (`innsikt duplicates join`, the duplicates screen) leaves a `service_join`,
`organisation_join` or `person_join` record. References are stored exactly as they were written —
a mention made on a laptop that had not seen the join still names the absorbed service — and every
read resolves them through the same map, so what a merge stores does not depend on its order.

The rule is deterministic and the same on every laptop holding the same join records: a record
joined into two (on two laptops at once) follows the smaller id; a chain is followed to its end;
a ring (two laptops joining the same records in opposite directions) ends at its smallest id. An
id no join absorbed resolves to itself, so references a merge of an older version already moved
stay valid.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any, NamedTuple, TypeVar

# Joined table → (its join table, the column naming the absorbed record).
JOIN_TABLES: dict[str, tuple[str, str]] = {
    "service": ("service_join", "service_id"),
    "organisation": ("organisation_join", "organisation_id"),
    "person": ("person_join", "person_id"),
}

# (table, column) → the joined table whose ids the column holds (tests/merge/test_joins.py checks
# these against the foreign keys of models/tables.py).
REFERENCES: dict[tuple[str, str], str] = {
    ("service_mention", "service_id"): "service",
    ("service", "owner_id"): "organisation",
    ("person", "organisation_id"): "organisation",
    ("meeting_organisation", "organisation_id"): "organisation",
    ("participation", "person_id"): "person",
    ("contact", "person_id"): "person",
}

T = TypeVar("T")


def final_targets(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """(absorbed, kept) join pairs → each absorbed id's final target (ids resolving to
    themselves left out): the rule of the module docstring."""
    direct: dict[str, str] = {}
    for absorbed, kept in pairs:
        if absorbed not in direct or kept < direct[absorbed]:
            direct[absorbed] = kept
    final: dict[str, str] = {}
    for absorbed in direct:
        path, current = [absorbed], direct[absorbed]
        while current in direct and current not in path:
            path.append(current)
            current = direct[current]
        if current in path:  # a ring: path[path.index(current):]
            current = min(path[path.index(current) :])
        if current != absorbed:
            final[absorbed] = current
    return final


def _pairs_sql(table: str, schemas: Iterable[str]) -> str:
    join_table, column = JOIN_TABLES[table]
    return " UNION ".join(
        f'SELECT {column}, into_id FROM {schema}."{join_table}" WHERE deleted = 0'
        for schema in schemas
    )


def record_joins(
    connection: sqlite3.Connection, schemas: Iterable[str] = ("main",), table: str = "service"
) -> dict[str, str]:
    """Absorbed record of `table` → its final target, from the join records of `schemas`."""
    return final_targets(connection.execute(_pairs_sql(table, schemas)).fetchall())


class Joins(NamedTuple):
    """Every join map of one database, and the one way to resolve a reference through it (a
    named tuple, not a dataclass: home's first frame reads through it, and a dataclass cost a
    millisecond or two to make as this module is imported)."""

    maps: Mapping[str, Mapping[str, str]] = MappingProxyType({})

    def resolve(self, table: str, record_id: Any) -> Any:
        """The surviving id of `record_id` (itself when no join absorbed it; None stays None)."""
        if record_id is None:
            return None
        return self.maps.get(table, {}).get(record_id, record_id)

    def same(self, table: str, field: str, first: Any, second: Any) -> bool:
        """Whether two values of a field read alike: equal, or references resolving to one
        record (a conflict between them is nothing for the user to decide)."""
        joined = REFERENCES.get((table, field))
        if joined is None or first == second:
            return first == second
        return self.resolve(joined, first) == self.resolve(joined, second)

    def absorbed(self, table: str) -> Mapping[str, str]:
        return self.maps.get(table, {})

    def lookup(self, table: str, by_id: dict[str, T]) -> Resolving[T]:
        """`by_id` (id → record) where an absorbed id also finds the record it survives as."""
        return Resolving(by_id, self.absorbed(table))


class Resolving(dict[str, T]):
    """Records by id whose lookups (`[]`, `get`, `in`) resolve an absorbed id first; iterating
    gives each record once, under its own id."""

    def __init__(self, by_id: Mapping[str, T], absorbed: Mapping[str, str]) -> None:
        super().__init__(by_id)
        self.absorbed = absorbed

    def _key(self, key: object) -> object:
        return self.absorbed.get(key, key) if isinstance(key, str) else key

    def __getitem__(self, key: str) -> T:
        return super().__getitem__(self._key(key))  # type: ignore[arg-type]

    def __contains__(self, key: object) -> bool:
        return super().__contains__(self._key(key))

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        return super().get(self._key(key), default)  # type: ignore[arg-type]


def load_joins(connection: sqlite3.Connection) -> Joins:
    """The join maps of a plain sqlite3 connection's main database."""
    return Joins({table: record_joins(connection, ("main",), table) for table in JOIN_TABLES})


def session_joins(session: Any) -> Joins:
    """The join maps as an ORM session sees them (the same SQL, on its connection)."""
    connection = session.connection()
    return Joins(
        {
            table: final_targets(
                tuple(row) for row in connection.exec_driver_sql(_pairs_sql(table, ("main",)))
            )
            for table in JOIN_TABLES
        }
    )


def twins(rows: Iterable[T], key: Callable[[T], Any], order: Callable[[T], Any]) -> list[list[T]]:
    """Rows that name the same thing once references are resolved (`key`), each group in
    `order`, groups in the order of their first row: what a reader shows once."""
    groups: dict[Any, list[T]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return sorted(
        (sorted(group, key=order) for group in groups.values()), key=lambda g: order(g[0])
    )


def register(connection: sqlite3.Connection, joins: Joins | None = None) -> Joins:
    """Make `resolved_service(id)`, `resolved_organisation(id)` and `resolved_person(id)` SQL
    functions of this connection (`Joins.resolve` of its own join records), for readers in SQL."""
    joins = joins if joins is not None else load_joins(connection)
    for table in JOIN_TABLES:
        connection.create_function(
            f"resolved_{table}",
            1,
            lambda record_id, table=table: joins.resolve(table, record_id),
            deterministic=True,
        )
    return joins
