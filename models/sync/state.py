"""Merging two copies of one record, field by field, without ever dropping a concurrent value.

Each field of a copy holds a set of *siblings*: the current value plus the values kept as open
conflicts. A value is identified by its *dot*, the (clock stamp, device) of the write that made it.
A copy also carries `seen`, a version vector: per device, the latest stamp of that device's edits
of the record that the copy has taken in. Two copies merge like dotted version vector sets:

- a value both copies hold is kept;
- a value only one copy holds is kept unless the other copy has seen its write (then the other
  copy replaced it knowingly: by a later edit or by resolving a conflict), and is dropped.

The kept value with the highest dot (later stamp, then device id) is the current value; the others
are kept as `conflict` rows, open for the user where they differ from it (see `models.siblings`). This is commutative, associative and idempotent, and a
value is dropped only when some copy knowingly replaced it. Deletion is a field too: a copy that
is not deleted holds "not deleted" at the dot of its latest edit, so an edit the deleting copy had
not seen conflicts with the tombstone instead of vanishing under it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from models.clock import ZERO

Dot = tuple[str, str]  # (hlc stamp, device id)
NO_DOT: Dot = ("", "")
DELETED = "deleted"
Base = tuple[Dot, str]  # the value a text was edited from: its dot and text
# The device of a write derived by merging texts (`models.sync.text_merge`): never in `seen`.
DERIVED = "text-merge:"


def is_derived(dot: Dot) -> bool:
    return dot[1].startswith(DERIVED)


def written_dot(values: list[Value]) -> Dot:
    """The latest real write among a field's siblings (a derived text stands for them)."""
    if not is_derived(values[0].dot):
        return values[0].dot
    return max((value.dot for value in values if not is_derived(value.dot)), default=NO_DOT)


@dataclass(frozen=True)
class Value:
    """One written value of a field: its raw SQLite value and the write that made it."""

    dot: Dot
    raw: Any
    base: Base | None = None  # merged-as-text fields only (`models.sync.text_merge`)


@dataclass
class RecordState:
    """One copy of a record, as the merge sees it."""

    id: str
    created_at: str
    updated_at: str
    siblings: dict[str, list[Value]]  # field → current value first, then open conflicts
    seen: dict[str, str]
    deleted_clock: Dot | None  # the explicit stamp of the `deleted` column, if it has one

    def current(self, name: str) -> Value:
        return self.siblings[name][0]


def covered(dot: Dot, seen: dict[str, str]) -> bool:
    """Whether a copy with version vector `seen` has taken in the write `dot`."""
    return seen.get(dot[1], "") >= dot[0]


def _vector_max(first: dict[str, str], second: dict[str, str]) -> dict[str, str]:
    merged = dict(first)
    for device, stamp in second.items():
        if stamp > merged.get(device, ""):
            merged[device] = stamp
    return merged


def state_from_row(
    row: dict[str, Any],
    fields: tuple[str, ...],
    conflicts: list[tuple[str, Value]],
    bases: dict[str, str] | None = None,
) -> RecordState:
    """The merge's view of a stored row and its open conflicts ((field, value) pairs).

    `bases`: merged-as-text field → the column holding its current value's base.
    """
    from models.sync.text_merge import decode_base

    clocks: dict[str, str] = json.loads(row["clocks"] or "{}")
    devices: dict[str, str] = json.loads(row["field_devices"] or "{}")
    writer = row["device_id"]
    bases = bases or {}
    siblings: dict[str, list[Value]] = {}
    for name in fields:
        stamp = clocks.get(name)
        dot = (stamp, devices.get(name, writer)) if stamp and stamp != ZERO else NO_DOT
        base = decode_base(row[bases[name]]) if name in bases else None
        siblings[name] = [Value(dot, row[name], base)]
    for name, value in conflicts:
        if name in siblings and value.dot != siblings[name][0].dot:
            siblings[name].append(value)
    # A derived text stands for its siblings: the record's writes are theirs.
    written = [written_dot(values) for values in siblings.values()]
    deleted_clock = (clocks[DELETED], devices.get(DELETED, writer)) if DELETED in clocks else None
    if row[DELETED]:
        deleted_dot = deleted_clock or max(written)
    else:
        deleted_dot = max(written + ([deleted_clock] if deleted_clock else []), default=NO_DOT)
    siblings[DELETED] = [Value(deleted_dot, 1 if row[DELETED] else 0)]
    for name, value in conflicts:
        if name == DELETED and value.dot != deleted_dot:
            siblings[DELETED].append(value)
    # Every write the copy holds is one it has seen, whatever an older file recorded.
    seen: dict[str, str] = json.loads(row["seen"] or "{}")
    for values in siblings.values():
        for value in values:
            if value.dot == NO_DOT or is_derived(value.dot):
                continue
            if value.dot[0] > seen.get(value.dot[1], ""):
                seen[value.dot[1]] = value.dot[0]
    return RecordState(
        id=row["id"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        siblings=siblings,
        seen=seen,
        deleted_clock=deleted_clock,
    )


def _same(first: Value, second: Value) -> Value:
    """The copy of one write to keep when two copies hold it (they agree unless ids were joined)."""
    if first.raw == second.raw:
        return first
    return min(first, second, key=lambda value: json.dumps(value.raw, sort_keys=True))


def merge_field(
    mine: list[Value], theirs: list[Value], my_seen: dict[str, str], their_seen: dict[str, str]
) -> list[Value]:
    """The merged siblings of one field: the current value first, then the others."""
    my_values = {value.dot: value for value in mine}
    their_values = {value.dot: value for value in theirs}
    kept: dict[Dot, Value] = {}
    for dot, value in my_values.items():
        if dot in their_values:
            kept[dot] = _same(value, their_values[dot])
        elif not covered(dot, their_seen):
            kept[dot] = value
    for dot, value in their_values.items():
        if dot not in my_values and not covered(dot, my_seen):
            kept[dot] = value
    if not kept:  # only if the histories contradict each other; keep the latest write
        dot = max(my_values.keys() | their_values.keys())
        kept[dot] = my_values.get(dot) or their_values[dot]
    # Siblings equal to the current value are kept too (hidden from the user): dropping one
    # would forget a write that a later merge with a third laptop still has to account for.
    return sorted(kept.values(), key=lambda value: value.dot, reverse=True)


def merge_states(mine: RecordState, theirs: RecordState) -> RecordState:
    """Two copies of the same logical record merged; the id is the smaller of the two."""
    siblings = {
        name: merge_field(values, theirs.siblings[name], mine.seen, theirs.seen)
        for name, values in mine.siblings.items()
    }
    clocks = [clock for clock in (mine.deleted_clock, theirs.deleted_clock) if clock]
    newest = max(mine, theirs, key=lambda state: _latest(state))
    return RecordState(
        id=min(mine.id, theirs.id),
        created_at=min(mine.created_at, theirs.created_at),
        updated_at=newest.updated_at,
        siblings=siblings,
        seen=_vector_max(mine.seen, theirs.seen),
        deleted_clock=max(clocks) if clocks else None,
    )


def _latest(state: RecordState) -> tuple[Dot, str]:
    return max(written_dot(values) for values in state.siblings.values()), state.updated_at


def row_from_state(
    state: RecordState, fields: tuple[str, ...], bases: dict[str, str] | None = None
) -> dict[str, Any]:
    """The stored row of a merged state (bookkeeping JSON with sorted keys)."""
    from models.sync.text_merge import encode_base

    row: dict[str, Any] = {"id": state.id, "created_at": state.created_at}
    for name, column in (bases or {}).items():
        row[column] = encode_base(state.current(name).base)
    clocks: dict[str, str] = {}
    devices: dict[str, str] = {}
    for name in fields:
        value = state.current(name)
        row[name] = value.raw
        # A field never written keeps the zero stamp, as `models.records.create` leaves it.
        clocks[name], devices[name] = value.dot if value.dot != NO_DOT else (ZERO, "")
    deleted = state.current(DELETED)
    row[DELETED] = deleted.raw
    # A tombstone keeps its own stamp; a live record keeps the stamp of its last undeletion.
    deleted_clock = deleted.dot if deleted.raw else state.deleted_clock
    if deleted_clock:
        clocks[DELETED], devices[DELETED] = deleted_clock
    latest = max(((stamp, devices[name]) for name, stamp in clocks.items()), default=NO_DOT)
    row["hlc"], row["device_id"] = latest
    row["updated_at"] = state.updated_at
    row["clocks"] = json.dumps(clocks, sort_keys=True, ensure_ascii=False)
    row["field_devices"] = json.dumps(devices, sort_keys=True, ensure_ascii=False)
    row["seen"] = json.dumps(state.seen, sort_keys=True, ensure_ascii=False)
    return row


def open_conflicts(state: RecordState) -> list[tuple[str, Value]]:
    """(field, value) of every sibling beside the current value of a merged state."""
    return [(name, value) for name, values in state.siblings.items() for value in values[1:]]


def differs(state: RecordState, name: str, value: Value) -> bool:
    """Whether a sibling is a conflict the user sees: its value is not the current one (nor
    merged into it: a derived text holds every sibling)."""
    current = state.current(name)
    return value.raw != current.raw and not is_derived(current.dot)
