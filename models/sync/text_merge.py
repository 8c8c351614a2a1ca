"""Notes edited on two laptops at once, merged word by word against the text both started from.

Every value of a merged-as-text field (a note's text) carries its *base*: the (dot, text) of the
value it was edited from. Consecutive edits on one laptop keep the base of the first (the run of
own edits started from it), so a note typed over a hundred autosaves still knows the text it
started from. When a merge keeps several concurrent values (siblings) of the field, and they
share a common ancestor, their word-level three-way merge against it becomes the current value
as a *derived write*: its dot is made from the sibling writes alone (their latest stamp, a device
id named after all their dots), it is never entered in `seen`, and the siblings stay in the
record as hidden `conflict` rows. A derived value is thus a function of the set of siblings, and
every merge throws it away and derives it again, so the result is the same in any merge order,
on any laptop. Edits that overlap (or siblings with no known common ancestor) give the conflict
as before: the latest sibling current, the others open. A local edit of a derived value replaces
it and its siblings knowingly (`models.siblings.settle_siblings`).
"""

from __future__ import annotations

import difflib
import json
import re
import uuid
from collections.abc import Sequence
from typing import Any

from models.sync.state import NO_DOT, Base, Dot, Value

DERIVED = "text-merge:"  # device of a derived write: never a real laptop's id
NAMESPACE = uuid.UUID("0f3b7f6c-5a4e-4c1d-9d2a-7e6b1c8a9f40")
# table → merged-as-text field → the column holding its current value's base.
BASE_COLUMNS: dict[str, dict[str, str]] = {"note": {"text": "text_base"}}
_TOKEN = re.compile(r"\s+|\S+")


def is_derived(device: str) -> bool:
    return device.startswith(DERIVED)


def tokens(text: str) -> list[str]:
    """Words and the whitespace between them, as separate tokens: joined, the text itself."""
    return _TOKEN.findall(text)


class _WordMatcher(difflib.SequenceMatcher[str]):
    """difflib without its «popular items are junk» shortcut, which misaligns common words."""

    def __init__(self, isjunk: Any = None, a: Sequence[str] = "", b: Sequence[str] = "") -> None:
        super().__init__(isjunk, a, b, autojunk=False)


def merge_three(base: str, ours: str, theirs: str) -> str | None:
    """The word-level three-way merge of two edits of `base`, or None where they overlap."""
    from merge3 import Merge3

    merger = Merge3(tokens(base), tokens(ours), tokens(theirs), sequence_matcher=_WordMatcher)
    merged: list[str] = []
    for group in merger.merge_groups():
        if group[0] == "conflict":
            return None
        merged.extend(group[1])
    return "".join(merged)


# --- bases -----------------------------------------------------------------------------------


def encode_base(base: Base | None) -> str:
    if base is None:
        return ""
    (stamp, device), text = base
    return json.dumps([stamp, device, text], ensure_ascii=False)


def decode_base(raw: Any) -> Base | None:
    """A stored base, or None where it is unknown (a row from before schema 9, a derived one)."""
    if not raw:
        return None
    try:
        stamp, device, text = json.loads(raw)
    except (ValueError, TypeError):
        return None
    if not all(isinstance(part, str) for part in (stamp, device, text)):
        return None
    return (stamp, device), text


def next_base(old: Value, device_id: str) -> Base | None:
    """The base of a local edit replacing `old`: its run's base when `old` was our own edit."""
    stamp, device = old.dot
    if device == device_id and not is_derived(device) and old.base is not None:
        return old.base
    text = old.raw if isinstance(old.raw, str) else ""
    return (old.dot if stamp else NO_DOT), text


def _descends_from(value: Value, ancestor: Dot) -> bool:
    """Whether `ancestor` is `value`'s base or an own edit in the run that led to `value`."""
    if value.base is None:
        return False
    start = value.base[0]
    if ancestor == start:
        return True
    device = value.dot[1]
    return ancestor[1] == device and start[0] < ancestor[0] <= value.dot[0]


def common_base(values: Sequence[Value]) -> Base | None:
    """The latest known text every value was edited from, if there is one."""
    candidates = sorted({value.base for value in values if value.base is not None}, reverse=True)
    for base in candidates:
        if all(_descends_from(value, base[0]) for value in values):
            return base
    return None


# --- siblings --------------------------------------------------------------------------------


def derived_dot(values: Sequence[Value]) -> Dot:
    """The dot of the merge of these writes: the same wherever the same writes meet."""
    dots = sorted(value.dot for value in values)
    name = uuid.uuid5(NAMESPACE, json.dumps(dots)).hex
    return max(dots)[0], DERIVED + name


def settle(values: Sequence[Value]) -> list[Value]:
    """A merged-as-text field's siblings: a derived merge of them first if they merge cleanly.

    `values` are the siblings a merge kept (derived ones among them are dropped: they are
    derived again). The result is sorted as `merge_field` sorts, latest write first, unless a
    derived value leads.
    """
    leaves = sorted(
        (value for value in values if not is_derived(value.dot[1])),
        key=lambda value: value.dot,
        reverse=True,
    )
    if not leaves:  # a damaged file's derived text without its siblings: keep what there is
        return list(values)
    if len(leaves) < 2 or not all(isinstance(value.raw, str) for value in leaves):
        return leaves
    base = common_base(leaves)
    if base is None:
        return leaves
    oldest_first = leaves[::-1]
    merged: str | None = oldest_first[0].raw
    for value in oldest_first[1:]:
        merged = merge_three(base[1], merged, value.raw)  # type: ignore[arg-type]
        if merged is None:
            return leaves
    return [Value(derived_dot(leaves), merged), *leaves]


def derived_values(connection: Any, schema: str = "main") -> dict[tuple[str, str, str], str]:
    """(table, record, field) → the device of its derived write, for every live record whose
    current value of a merged-as-text field is a merge of its siblings.

    A merge that leaves a record here with a device it did not have before merged it as text
    (the device names the set of merged writes: the same merge met again keeps it).
    """
    found: dict[tuple[str, str, str], str] = {}
    for table, columns in BASE_COLUMNS.items():
        for name in columns:
            path = f'$."{name}"'
            for record_id, device in connection.execute(
                f'SELECT id, json_extract(field_devices, ?) FROM {schema}."{table}" '
                "WHERE deleted = 0 AND json_extract(field_devices, ?) LIKE ?",
                (path, path, DERIVED + "%"),
            ):
                found[(table, record_id, name)] = device
    return found


def newly_merged(
    before: dict[tuple[str, str, str], str], after: dict[tuple[str, str, str], str]
) -> int:
    """How many fields hold a merge of their siblings that they did not hold before."""
    return sum(1 for key, device in after.items() if before.get(key) != device)


# --- erasures --------------------------------------------------------------------------------


def scrub_bases(connection: Any, scrubber: Any) -> dict[str, int]:
    """Scrub the texts values were edited from, in rows and kept values, as their texts are
    (`models.erasure.scrub_database`): a base must not keep a name the note no longer has."""
    changed: dict[str, int] = {}
    for table, columns in BASE_COLUMNS.items():
        meetings: dict[str, dict[str, Any]] = {}
        for name, column in columns.items():
            updates = []
            for id_, meeting_id, raw in connection.execute(
                f'SELECT id, meeting_id, "{column}" FROM main."{table}" WHERE "{column}" != \'\''
            ):
                meetings[id_] = {"meeting_id": meeting_id}
                scrubbed = _scrubbed(scrubber, table, name, raw, meetings[id_])
                if scrubbed != raw:
                    updates.append((scrubbed, id_))
            connection.executemany(
                f'UPDATE main."{table}" SET "{column}" = ? WHERE id = ?', updates
            )
            kept = []
            for id_, record_id, raw in connection.execute(
                'SELECT c.id, c.record_id, c.value_base FROM main."conflict" c '
                "WHERE c.table_name = ? AND c.field = ? AND c.value_base != ''",
                (table, name),
            ):
                record = meetings.get(record_id) or _meeting_of(connection, table, record_id)
                scrubbed = _scrubbed(scrubber, table, name, raw, record)
                if scrubbed != raw:
                    kept.append((scrubbed, id_))
            connection.executemany('UPDATE main."conflict" SET value_base = ? WHERE id = ?', kept)
            if updates or kept:
                changed[f"{table}.{column}"] = len(updates) + len(kept)
    return changed


def _meeting_of(connection: Any, table: str, record_id: str) -> dict[str, Any]:
    row = connection.execute(
        f'SELECT meeting_id FROM main."{table}" WHERE id = ?', (record_id,)
    ).fetchone()
    return {"meeting_id": row[0] if row else None}


def _scrubbed(scrubber: Any, table: str, name: str, raw: str, record: dict[str, Any]) -> str:
    base = decode_base(raw)
    if base is None:
        return raw
    text = scrubber.value(table, name, base[1], record)
    return encode_base((base[0], text)) if text != base[1] else raw
