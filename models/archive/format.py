"""The archive's format: its name and version, and the shape of every archived column."""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Table, UniqueConstraint

from models import tables
from models.text import t

FORMAT = "innsikt-arkiv"
FORMAT_VERSION = 1
TOP_FIELDS = ("format", "format_version", "schema_version", "exported_at", "device_id", "tables")
SQLITE_INT = (-(2**63), 2**63 - 1)
DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")

# Columns every archive of every schema version has held: an older archive may lack only others.
ALWAYS_ARCHIVED = frozenset(
    ("id", "created_at", "updated_at", "hlc", "device_id", "clocks", "deleted")
)


# --- the shape of every column, read from the SQLModel tables ----------------------------------


@dataclass(frozen=True)
class Shape:
    """What a JSON value must look like: a scalar kind, or a list/dict of an item shape."""

    kind: str  # text, int, float, bool, date, datetime, json, list, dict
    item: Shape | None = None

    def expected(self) -> str:
        if self.item is not None:
            return t(f"archive_expect_{self.kind}_of", item=self.item.expected())
        return t(f"archive_expect_{self.kind}")


SCALAR_KINDS: dict[Any, str] = {
    str: "text",
    int: "int",
    float: "float",
    bool: "bool",
    dt.date: "date",
    dt.datetime: "datetime",
    Any: "json",
}


def shape_of(annotation: Any) -> tuple[Shape, bool]:
    """The shape of a field annotation and whether it may be null."""
    nullable = False
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        nullable = len(options) < len(typing.get_args(annotation))
        if len(options) != 1:
            raise TypeError(f"the archive cannot hold a union {annotation!r}")
        annotation = options[0]
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is list and len(args) == 1:
        return Shape("list", shape_of(args[0])[0]), nullable
    if origin is dict and len(args) == 2 and args[0] is str:
        return Shape("dict", shape_of(args[1])[0]), nullable
    if annotation in SCALAR_KINDS:
        return Shape(SCALAR_KINDS[annotation]), nullable
    raise TypeError(f"the archive cannot hold {annotation!r}")


# Columns every synced record has, with rules beyond their Python type.
SYNCED_RULES = {
    "id": "uuid",
    "created_at": "timestamp",
    "updated_at": "timestamp",
    "hlc": "stamp",
    "device_id": "uuid_or_empty",
    "clocks": "clocks",
}


@dataclass(frozen=True)
class Column:
    name: str
    shape: Shape
    nullable: bool
    rule: str | None  # one of SYNCED_RULES' values, or "uuid" for a foreign key
    target: tuple[str, str] | None  # (table, column) a foreign key points to
    has_default: bool  # an archive of an older schema may lack it (a migration added it)


@dataclass(frozen=True)
class TableSpec:
    name: str
    model: type[tables.Synced]
    table: Table
    columns: dict[str, Column]
    unique: tuple[tuple[str, ...], ...]


def table_spec(model: type[tables.Synced]) -> TableSpec:
    table: Table = model.__table__  # type: ignore[attr-defined]
    columns: dict[str, Column] = {}
    for column in table.columns:
        shape, nullable = shape_of(model.model_fields[column.name].annotation)
        foreign = next(iter(column.foreign_keys), None)
        target = (foreign.column.table.name, foreign.column.name) if foreign else None
        rule = SYNCED_RULES.get(column.name) or ("uuid" if target else None)
        nullable = nullable and bool(column.nullable)
        # Columns added by a migration carry a server default; the original ones (id, …) do not.
        has_default = column.server_default is not None
        columns[column.name] = Column(column.name, shape, nullable, rule, target, has_default)
    unique = [
        tuple(column.name for column in constraint.columns)
        for constraint in table.constraints
        if isinstance(constraint, UniqueConstraint)
    ]
    unique += [
        tuple(column.name for column in index.columns) for index in table.indexes if index.unique
    ]
    return TableSpec(table.name, model, table, columns, tuple(sorted(set(unique))))


@cache
def table_specs() -> tuple[TableSpec, ...]:
    """Every archived table, parents before children (the order of SYNCED_TABLES)."""
    return tuple(table_spec(model) for model in tables.SYNCED_TABLES)
