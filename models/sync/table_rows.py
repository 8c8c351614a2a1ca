"""What the merge knows of every synced table, and the rows it builds: specs, conflict rows, counts.

Kept apart from `models.sync.table` (the merge of one table) so that the note save, the hub and
the conflict count can use them without the merge itself.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from models import tables
from models.clock import stamp_time
from models.conflict_ids import CONFLICT_NAMESPACE as CONFLICT_NAMESPACE
from models.conflict_ids import conflict_id
from models.joins import load_joins
from models.sync.state import DELETED, Value, is_derived
from models.sync.text_merge import BASE_COLUMNS, encode_base

CHUNK = 500  # ids per IN (...) list, well below SQLite's bound-variable limit
BOOKKEEPING = ("clocks", "field_devices", "seen")

# Records two laptops may create independently for the same thing (the unique constraints of
# tables.py, and a person's name within an organisation).
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "organisation": ("name",),
    "person": ("name", "organisation_id"),
    "meeting_organisation": ("meeting_id", "organisation_id"),
    "participation": ("meeting_id", "person_id", "role"),
    "note": ("meeting_id", "question_key", "author"),
    "answer": ("meeting_id", "question_key", "author"),
    "service_mention": ("service_id", "meeting_id", "question_key"),
    "referat": ("meeting_id", "question_key", "kind"),
    "minutes_status": ("meeting_id",),
    "finding": ("journey_id", "topic"),
    "contact": ("meeting_id", "question_key", "person_id"),
    "question_time": ("meeting_id", "question_key", "counted_by"),
}


@dataclass(frozen=True)
class TableSpec:
    name: str
    columns: tuple[str, ...]
    fields: tuple[str, ...]
    references: dict[str, str]  # column → table whose id it holds
    key: tuple[str, ...]
    bases: dict[str, str]  # merged-as-text field → its base column (`text_merge`)


def table_specs() -> list[TableSpec]:
    """Every merged table, parents first; conflicts travel with their records."""
    specs = []
    for model in tables.SYNCED_TABLES:
        if model is tables.Conflict:
            continue
        table = model.__table__  # type: ignore[attr-defined]
        references = {
            column.name: next(iter(column.foreign_keys)).column.table.name
            for column in table.columns
            if column.foreign_keys
        }
        specs.append(
            TableSpec(
                name=table.name,
                columns=tuple(column.name for column in table.columns),
                fields=tuple(model.content_fields),
                references=references,
                key=NATURAL_KEYS.get(table.name, ()),
                bases=BASE_COLUMNS.get(table.name, {}),
            )
        )
    return specs


CONFLICT_COLUMNS = tuple(column.name for column in tables.Conflict.__table__.columns)  # type: ignore[attr-defined]


@dataclass
class KindCounts:
    added: int = 0
    updated: int = 0
    conflicts: int = 0

    def any(self) -> bool:
        return bool(self.added or self.updated or self.conflicts)


def chunked(values: Iterable[Any]) -> Iterator[list[Any]]:
    items = list(values)
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def conflict_row(table: str, record_id: str, name: str, value: Value) -> dict[str, Any]:
    """The `conflict` row of one losing value; equal on every laptop that meets it."""
    stamp, device = value.dot
    content = {
        "table_name": table,
        "record_id": record_id,
        "field": name,
        "value": json.dumps(value.raw, ensure_ascii=False),
        "value_hlc": stamp,
        "value_device": device,
        "value_base": encode_base(value.base),
    }
    fields = tables.Conflict.content_fields
    return {
        "id": conflict_id(table, record_id, name, stamp, device),
        "created_at": stamp_time(stamp),
        "updated_at": stamp_time(stamp),
        "hlc": stamp,
        "device_id": device,
        "clocks": json.dumps(dict.fromkeys(fields, stamp), sort_keys=True),
        "field_devices": json.dumps(dict.fromkeys(fields, device), sort_keys=True),
        "seen": json.dumps({device: stamp}),
        DELETED: 0,
        **content,
    }


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, first: str, second: str) -> None:
        first, second = self.find(first), self.find(second)
        if first != second:
            self.parent[max(first, second)] = min(first, second)

    def groups(self) -> dict[str, list[str]]:
        result: dict[str, list[str]] = defaultdict(list)
        for item in self.parent:
            result[self.find(item)].append(item)
        return result


def normalised(row: dict[str, Any]) -> dict[str, Any]:
    result = dict(row)
    for name in BOOKKEEPING:
        result[name] = json.loads(row[name] or "{}")
    return result


def merged_into_current(record: dict[str, Any], name: str) -> bool:
    """Whether the record's current value of `name` is a derived text holding every sibling."""
    return is_derived(("", json.loads(record["field_devices"] or "{}").get(name, "")))


def count_open_conflicts(connection: sqlite3.Connection) -> int:
    """Conflicts the user sees: siblings whose value is not the record's current value."""
    count = 0
    joins = load_joins(connection)  # a reference and the one it was joined into read alike
    columns = {spec.name: spec.columns for spec in table_specs()}
    pairs = connection.execute('SELECT DISTINCT table_name, field FROM main."conflict"').fetchall()
    for table, name in pairs:
        if name not in columns.get(table, ()):
            continue  # names from another file go into SQL only if they are ours
        for value, current, devices in connection.execute(
            f'SELECT c.value, r."{name}", r.field_devices FROM main."conflict" c '
            f'JOIN main."{table}" r ON r.id = c.record_id WHERE c.table_name = ? AND c.field = ?',
            (table, name),
        ):
            merged = merged_into_current({"field_devices": devices}, name)
            count += not joins.same(table, name, json.loads(value), current) and not merged
    return count
