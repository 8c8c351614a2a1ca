"""Merging one table of an attached file into the main database: matching, merging, writing.

Records match by UUID; association records' ids are derived from their keys, so their copies
meet by id (`models.identity`). Organisations and people two laptops registered independently
match by natural key (`NATURAL_KEYS`): those become one record under the smaller id, and
references to the other id are moved to it (`aliases`, filled table by table, parents first);
an association record whose key such a move changed then matches the record of the moved key by
natural key too, and is written under that key's derived id. References to a record the user
joined into another are kept as written: reads resolve them (`models.joins`).
Every group of copies is merged field by field by `models.sync.state`; values left open become
rows of `conflict`. Rows whose copy ours already covers are skipped in SQL, and records new to
this database are copied in bulk as they are, so that merging the same file again reads almost
nothing.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from models.erasure import ERASED, Scrubber
from models.identity import DERIVED_KEYS, derived_id, erased_key
from models.joins import REFERENCES
from models.sync.state import (
    DELETED,
    RecordState,
    Value,
    differs,
    merge_states,
    open_conflicts,
    row_from_state,
    state_from_row,
)
from models.sync.table_rows import (
    BOOKKEEPING,
    CONFLICT_COLUMNS,
    KindCounts,
    TableSpec,
    UnionFind,
    chunked,
    conflict_row,
    merged_into_current,
    normalised,
)
from models.sync.text_merge import decode_base, encode_base, settle


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
            and self.own_id(row)
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
            and not merged_into_current(by_id[row["record_id"]], row["field"])
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
            state = self.keyed(merged[root], members)
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
            if unchanged and normalised(self.main_stored[final["id"]]) == normalised(final):
                continue
            for id_ in members:
                if id_ != final["id"]:
                    moved[id_] = final["id"]
            for candidate in (self.incoming.get(final["id"]), self.main_rows.get(final["id"])):
                if candidate and normalised(candidate) == normalised(final):
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

    def own_id(self, row: dict[str, Any]) -> bool:
        """Whether an association row holds the id of its key, as every row does unless its key
        moved in this merge (a reference to an organisation or person matched by name) or an
        erased author keeps the id it had (`models.identity`)."""
        key = DERIVED_KEYS.get(self.spec.name)
        if key is None:
            return True
        values = tuple(row[name] for name in key)
        return erased_key(values) or row["id"] == derived_id(self.spec.name, values)

    def keyed(self, state: RecordState, members: list[str]) -> RecordState:
        """A merged association record under the id derived from its merged key, so that id
        and key stay one whichever copies met; unless an erased record holds that id."""
        key = DERIVED_KEYS.get(self.spec.name)
        if key is None:
            return state
        values = tuple(state.current(name).raw for name in key)
        target = derived_id(self.spec.name, values)
        if target == state.id or erased_key(values):
            return state
        held = target not in members and (
            target in self.incoming
            or self.connection.execute(
                f'SELECT 1 FROM main."{self.spec.name}" WHERE id = ?', (target,)
            ).fetchone()
        )
        return state if held else replace(state, id=target)

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
