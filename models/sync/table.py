"""Merging one table of an attached file into the main database: matching, merging, writing.

Records match by UUID, or, when two laptops created the same thing independently, by their
natural key (`NATURAL_KEYS`): those become one record under the smaller id, and references to the
other id are moved to it (`aliases`, filled table by table, parents first). References to a
record the user joined into another are kept as written: reads resolve them (`models.joins`).
Every group of copies is merged field by field by `models.sync.state`; values left open become
rows of `conflict`. Rows whose copy ours already covers are skipped in SQL, and records new to this database are
copied in bulk as they are, so that merging the same file again reads almost nothing.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from models import tables
from models.clock import decode
from models.erasure import ERASED, Scrubber
from models.joins import REFERENCES, load_joins
from models.sync.state import (
    DELETED,
    RecordState,
    Value,
    differs,
    is_derived,
    merge_states,
    open_conflicts,
    row_from_state,
    state_from_row,
)
from models.sync.text_merge import BASE_COLUMNS, decode_base, encode_base, settle

CHUNK = 500  # ids per IN (...) list, well below SQLite's bound-variable limit
BOOKKEEPING = ("clocks", "field_devices", "seen")
CONFLICT_NAMESPACE = uuid.UUID("6b1f6a8e-3c1d-4f7a-9b7e-2f0c8d5e4a31")

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


def stamp_time(stamp: str) -> str:
    """The wall time of a clock stamp, in the format of `tables.utc_now`."""
    physical, _ = decode(stamp)
    moment = datetime.fromtimestamp(physical / 1000, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def conflict_row(table: str, record_id: str, name: str, value: Value) -> dict[str, Any]:
    """The `conflict` row of one losing value; equal on every laptop that meets it."""
    stamp, device = value.dot
    identity = f"{table}/{record_id}/{name}/{stamp}/{device}"
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
        "id": str(uuid.uuid5(CONFLICT_NAMESPACE, identity)),
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


def _normalised(row: dict[str, Any]) -> dict[str, Any]:
    result = dict(row)
    for name in BOOKKEEPING:
        result[name] = json.loads(row[name] or "{}")
    return result


class TableMerge:
    """Merging one table of one attached file into the main database."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        schema: str,
        spec: TableSpec,
        aliases: dict[str, dict[str, str]],
        scrubber: Scrubber | None = None,
        touched: set[str] | None = None,
    ) -> None:
        self.connection = connection
        # Ids of named records this merge added, renamed or brought back: the post-merge
        # duplicates scan looks at those only (`likely_duplicates(among=...)`).
        self.touched = touched if touched is not None else set()
        # Every erasure of either side: incoming copies are scrubbed as they are read, so a
        # file from before an erasure cannot bring the person back (`models.erasure`).
        self.scrubber = scrubber or Scrubber()
        self.schema = schema
        self.spec = spec
        self.aliases = aliases  # table → id of a record merged away → id it lives on as
        self.column_list = ", ".join(f'"{name}"' for name in spec.columns)
        self.main_rows: dict[str, dict[str, Any]] = {}  # with references to aliases moved
        self.main_stored: dict[str, dict[str, Any]] = {}  # as stored
        self.incoming: dict[str, dict[str, Any]] = {}  # with references to aliases moved

    # --- reading ---------------------------------------------------------------------------

    def rows(self, sql: str, parameters: Iterable[Any] = ()) -> list[dict[str, Any]]:
        cursor = self.connection.execute(sql, tuple(parameters))
        names = [description[0] for description in cursor.description]
        return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]

    def translate(self, row: dict[str, Any]) -> dict[str, Any]:
        """A copy with its references to records merged into another by natural key moved."""
        for column in self.spec.references:
            row[column] = self.moved(column, row[column])
        return row

    def moved(self, column: str, raw: Any) -> Any:
        """A value of `column` moved to the record it lives on as after a natural-key match.

        Only those move: a reference to a record joined into another stays as written, so a
        record's references never depend on which joins a merge happened to know.
        """
        parent = self.spec.references.get(column)
        if parent is None:
            return raw
        return self.aliases.get(parent, {}).get(raw, raw)

    def read_incoming(self) -> None:
        name, schema = self.spec.name, self.schema
        differs = " OR ".join(
            f"m.{column} IS NOT o.{column}" for column in ("hlc", DELETED, *BOOKKEEPING)
        )
        # A copy whose version vector ours covers holds nothing we have not taken in already.
        seen_all = (
            "o.seen != '{}' AND NOT EXISTS (SELECT 1 FROM json_each(o.seen) e WHERE e.value > "
            "coalesce(json_extract(m.seen, '$.\"' || e.key || '\"'), ''))"
        )
        # Files merged before joins were resolved on reading may hold a joined reference moved
        # without a write of its own: the same write, another value. Such copies are merged
        # (`state._same` keeps one of them alike everywhere) rather than skipped as covered.
        moved = "".join(
            f' OR m."{column}" IS NOT o."{column}"'
            for column in self.spec.references
            if (name, column) in REFERENCES
        )
        columns = ", ".join(f'o."{column}"' for column in self.spec.columns)
        for row in self.rows(
            f'SELECT {columns} FROM {schema}."{name}" o LEFT JOIN main."{name}" m '
            f"ON m.id = o.id WHERE m.id IS NULL OR (({differs}) AND NOT ({seen_all})){moved}"
        ):
            self.incoming[row["id"]] = self.translate(
                self.scrub_bases(self.scrubber.row(name, row))
            )
        self.load_main(list(self.incoming))
        for column, parent in self.spec.references.items():
            for part in chunked(self.aliases.get(parent) or ()):
                marks = ", ".join("?" * len(part))
                self.keep_main(
                    self.rows(
                        f'SELECT {self.column_list} FROM main."{name}" '
                        f'WHERE "{column}" IN ({marks})',
                        part,
                    )
                )

    def load_main(self, ids: list[str]) -> None:
        wanted = [id_ for id_ in ids if id_ not in self.main_rows]
        for part in chunked(wanted):
            marks = ", ".join("?" * len(part))
            self.keep_main(
                self.rows(
                    f'SELECT {self.column_list} FROM main."{self.spec.name}" WHERE id IN ({marks})',
                    part,
                )
            )

    def keep_main(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            self.main_stored[row["id"]] = dict(row)
            self.main_rows[row["id"]] = self.translate(row)

    def scrub_bases(self, row: dict[str, Any]) -> dict[str, Any]:
        """An incoming row whose bases (texts it was edited from) are scrubbed like its text."""
        for name, column in self.spec.bases.items():
            if row.get(column):
                row[column] = self.scrubbed_base(name, row[column], row)
        return row

    def scrubbed_base(self, name: str, raw: str, record: dict[str, Any] | None) -> str:
        base = decode_base(raw)
        if base is None:
            return raw
        text = self.scrubber.value(self.spec.name, name, base[1], record)
        return encode_base((base[0], text)) if text != base[1] else raw

    def conflicts(self, schema: str, ids: Iterable[str]) -> dict[str, list[tuple[str, Value]]]:
        """The siblings of each record's copy in `schema`, references moved like the copy's."""
        found: dict[str, list[tuple[str, Value]]] = defaultdict(list)
        for part in chunked(ids):
            marks = ", ".join("?" * len(part))
            for record_id, name, value, stamp, device, base in self.connection.execute(
                "SELECT record_id, field, value, value_hlc, value_device, value_base "
                f'FROM {schema}."conflict" WHERE table_name = ? AND record_id IN ({marks})',
                (self.spec.name, *part),
            ):
                raw = self.moved(name, json.loads(value))
                if schema != "main":
                    record = self.incoming.get(record_id)
                    raw = self.scrubber.value(self.spec.name, name, raw, record)
                    if base and name in self.spec.bases:
                        base = self.scrubbed_base(name, base, record)
                parsed = decode_base(base) if name in self.spec.bases else None
                found[record_id].append((name, Value((stamp, device), raw, parsed)))
        return found

    def settled(self, state: RecordState) -> RecordState:
        """A merged record whose merged-as-text fields hold their siblings' merge, if clean."""
        if not self.spec.bases:
            return state
        siblings = dict(state.siblings)
        for name in self.spec.bases:
            siblings[name] = settle(siblings[name])
        return replace(state, siblings=siblings)

    def key_of(self, row: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(row[name] for name in self.spec.key)

    def matchable(self, key: tuple[Any, ...]) -> bool:
        """Erased people share one name but stay apart: their erasures name them by id."""
        return bool(self.spec.key) and not (self.spec.name == "person" and key[0] == ERASED)

    def main_ids_with_key(self, key: tuple[Any, ...]) -> list[str]:
        """Ids of stored main records, not loaded yet, whose natural key is `key`.

        Loaded records are merged first and matched by their merged key (`join_by_key`).
        """
        if not self.matchable(key):
            return []
        condition = " AND ".join(f'"{name}" IS ?' for name in self.spec.key)
        stored = self.connection.execute(
            f'SELECT id FROM main."{self.spec.name}" WHERE {condition}', key
        ).fetchall()
        return [id_ for (id_,) in stored if id_ not in self.main_rows]

    # --- grouping and merging ----------------------------------------------------------------

    def states(
        self, ids: list[str], main_conflicts: dict[str, Any], other_conflicts: dict[str, Any]
    ) -> list[RecordState]:
        fields = self.spec.fields
        result = []
        bases = self.spec.bases
        for id_ in sorted(ids):
            copies = []
            if id_ in self.main_rows:
                copies.append(
                    state_from_row(self.main_rows[id_], fields, main_conflicts[id_], bases)
                )
            if id_ in self.incoming:
                copies.append(
                    state_from_row(self.incoming[id_], fields, other_conflicts[id_], bases)
                )
            state = copies[0]
            for other in copies[1:]:
                state = merge_states(state, other)
            result.append(state)
        return result

    def run(self, counts: KindCounts) -> None:
        self.read_incoming()
        if not self.incoming and not self.main_rows:
            return
        self.copy_new_records(counts)
        links = UnionFind()
        for id_ in [*self.incoming, *self.main_rows]:
            links.find(id_)
        merged: dict[str, RecordState] = {}
        main_conflicts = self.conflicts("main", self.main_rows)
        other_conflicts = self.conflicts(self.schema, self.incoming)
        dirty = set(links.groups())
        while dirty:
            for root, members in links.groups().items():
                if root in dirty:
                    states = self.states(members, main_conflicts, other_conflicts)
                    state = states[0]
                    for other in states[1:]:
                        state = merge_states(state, other)
                    merged[root] = self.settled(state)
            dirty = self.join_by_key(links, merged, main_conflicts)
        self.write(links.groups(), merged, main_conflicts, counts)

    def copy_new_records(self, counts: KindCounts) -> None:
        """Records new to this database, matching none by id or natural key, copied as they are.

        Merging a record with nothing gives the record itself; copying its own bytes (and its
        open conflicts' rows) is what lets the next merge of the same file skip it in SQL.
        """
        # A new record sharing its natural key with another loaded one is merged, not copied.
        keys: dict[tuple[Any, ...], int] = defaultdict(int)
        if self.spec.key:
            for row in (*self.incoming.values(), *self.main_rows.values()):
                keys[self.key_of(row)] += 1
        # Into an empty table (a new laptop's first merge) no stored record can share a key.
        empty = not self.connection.execute(
            f'SELECT 1 FROM main."{self.spec.name}" LIMIT 1'
        ).fetchone()
        new = [
            row
            for id_, row in self.incoming.items()
            if id_ not in self.main_rows
            and not (
                self.spec.key
                and (
                    (keys[self.key_of(row)] > 1 and self.matchable(self.key_of(row)))
                    or (not empty and self.main_ids_with_key(self.key_of(row)))
                )
            )
        ]
        if not new:
            return
        ids = {row["id"] for row in new}
        columns = ", ".join(f'"{column}"' for column in CONFLICT_COLUMNS)
        conflict_rows = [
            dict(zip(CONFLICT_COLUMNS, values, strict=True))
            for values in self.connection.execute(
                f'SELECT {columns} FROM {self.schema}."conflict" WHERE table_name = ?',
                (self.spec.name,),
            )
            if values[CONFLICT_COLUMNS.index("record_id")] in ids
        ]
        by_id = {row["id"]: row for row in new}
        for row in conflict_rows:  # their references moved as the record's own are
            raw = json.loads(row["value"])
            record = by_id[row["record_id"]]
            moved = self.moved(row["field"], raw)
            moved = self.scrubber.value(self.spec.name, row["field"], moved, record)
            if moved != raw:
                row["value"] = json.dumps(moved, ensure_ascii=False)
            if row["value_base"] and row["field"] in self.spec.bases:
                row["value_base"] = self.scrubbed_base(row["field"], row["value_base"], record)
        self.apply([], new, conflict_rows)
        self.touch(new)
        counts.added += len(new)
        counts.conflicts += sum(
            json.loads(row["value"]) != by_id[row["record_id"]][row["field"]]
            and not _merged_into_current(by_id[row["record_id"]], row["field"])
            for row in conflict_rows
        )
        for id_ in ids:
            del self.incoming[id_]

    def join_by_key(
        self, links: UnionFind, merged: dict[str, RecordState], main_conflicts: dict[str, Any]
    ) -> set[str]:
        """Groups whose merged record has the natural key of another record are joined."""
        if not self.spec.key:
            return set()
        owners: dict[tuple[Any, ...], str] = {}
        joined: set[str] = set()
        for root in list(links.groups()):
            row = row_from_state(merged[root], self.spec.fields, self.spec.bases)
            key = self.key_of(row)
            if not self.matchable(key):
                continue
            others = [
                id_ for id_ in self.main_ids_with_key(key) if links.find(id_) != links.find(root)
            ]
            if key in owners and links.find(owners[key]) != links.find(root):
                others.append(owners[key])
            owners.setdefault(key, root)
            if others:
                self.load_main(others)
                main_conflicts.update(self.conflicts("main", others))
                for other in others:
                    links.union(root, other)
                joined.add(links.find(root))
        return joined

    # --- writing ----------------------------------------------------------------------------

    def write(
        self,
        groups: dict[str, list[str]],
        merged: dict[str, RecordState],
        main_conflicts: dict[str, Any],
        counts: KindCounts,
    ) -> None:
        name, fields = self.spec.name, self.spec.fields
        delete_ids: list[str] = []
        inserts: list[dict[str, Any]] = []
        conflict_rows: list[dict[str, Any]] = []
        moved = self.aliases.setdefault(name, {})
        for root, members in groups.items():
            state = merged[root]
            final = row_from_state(state, fields, self.spec.bases)
            final_conflicts = {
                (field_name, value.dot): value.raw for field_name, value in open_conflicts(state)
            }
            in_main = sorted(id_ for id_ in members if id_ in self.main_rows)
            before = {
                (field_name, value.dot): value.raw
                for id_ in in_main
                for field_name, value in main_conflicts[id_]
            }
            unchanged = in_main == [final["id"]] and before == final_conflicts
            if unchanged and _normalised(self.main_stored[final["id"]]) == _normalised(final):
                continue
            for id_ in members:
                if id_ != final["id"]:
                    moved[id_] = final["id"]
            for candidate in (self.incoming.get(final["id"]), self.main_rows.get(final["id"])):
                if candidate and _normalised(candidate) == _normalised(final):
                    final = candidate  # keep a copy's own bytes so that re-merging skips it in SQL
            delete_ids.extend(in_main)
            inserts.append(final)
            self.touch([final], self.main_stored.get(final["id"]))
            conflict_rows.extend(
                conflict_row(name, final["id"], field_name, value)
                for field_name, value in open_conflicts(state)
            )
            if in_main:
                counts.updated += 1
            else:
                counts.added += 1
            counts.conflicts += sum(
                differs(state, field_name, Value(dot, final_conflicts[field_name, dot]))
                for field_name, dot in final_conflicts.keys() - before.keys()
            )
        self.apply(delete_ids, inserts, conflict_rows)

    def touch(self, rows: list[dict[str, Any]], before: dict[str, Any] | None = None) -> None:
        """Note live named records that are new, renamed or undeleted here."""
        if "name" not in self.spec.fields:
            return
        for row in rows:
            if row[DELETED]:
                continue
            if before is None or before[DELETED] or before["name"] != row["name"]:
                self.touched.add(row["id"])

    def apply(
        self,
        delete_ids: list[str],
        inserts: list[dict[str, Any]],
        conflict_rows: list[dict[str, Any]],
    ) -> None:
        name = self.spec.name
        for part in chunked(delete_ids):
            marks = ", ".join("?" * len(part))
            self.connection.execute(f'DELETE FROM main."{name}" WHERE id IN ({marks})', part)
            self.connection.execute(
                f'DELETE FROM main."conflict" WHERE table_name = ? AND record_id IN ({marks})',
                (name, *part),
            )
        marks = ", ".join("?" * len(self.spec.columns))
        self.connection.executemany(
            f'INSERT INTO main."{name}" ({self.column_list}) VALUES ({marks})',
            [tuple(row[column] for column in self.spec.columns) for row in inserts],
        )
        conflict_columns = ", ".join(f'"{column}"' for column in CONFLICT_COLUMNS)
        marks = ", ".join("?" * len(CONFLICT_COLUMNS))
        self.connection.executemany(
            f'INSERT OR REPLACE INTO main."conflict" ({conflict_columns}) VALUES ({marks})',
            [tuple(row[column] for column in CONFLICT_COLUMNS) for row in conflict_rows],
        )


def _merged_into_current(record: dict[str, Any], name: str) -> bool:
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
            merged = _merged_into_current({"field_devices": devices}, name)
            count += not joins.same(table, name, json.loads(value), current) and not merged
    return count
