"""The open conflicts of `innsikt conflicts`, read with plain sqlite3 (no ORM imported).

The same views as models/sync/conflicts.py's `list_conflicts` (tests/test_read_conflicts.py
holds both): which tables are merged records, their content fields and each field's kind are
read from the file's own schema, as create_all declared them (JSON, DATE, BOOLEAN …).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import asdict, dataclass
from typing import Any

from models.clock import decode, is_stamp
from models.read import AUTHOR_KEY
from models.sync.state import DERIVED
from models.text import t

DELETED = "deleted"
# Columns every merged record carries (models.tables.Synced); the others are its content.
BOOKKEEPING = frozenset(
    {
        "id",
        "created_at",
        "updated_at",
        "hlc",
        "device_id",
        "clocks",
        "deleted",
        "field_devices",
        "seen",
    }
)
LABEL_FIELDS = ("name", "title", "what", "remark", "text")
DEVICE_PREFIX = "device_name:"


@dataclass(frozen=True)
class Side:
    value: str
    device: str
    at: str


@dataclass(frozen=True)
class ConflictView:
    id: str
    table: str
    kind: str
    record_id: str
    label: str
    field: str
    mine: Side
    theirs: Side
    editable: bool

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def merged_tables(connection: sqlite3.Connection) -> dict[str, dict[str, str]]:
    """Each merged-record table of the file: content field → declared type."""
    tables = {}
    for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        columns = {
            row[1]: row[2].upper() for row in connection.execute(f'PRAGMA table_info("{name}")')
        }
        if columns.keys() >= BOOKKEEPING:
            tables[name] = {col: kind for col, kind in columns.items() if col not in BOOKKEEPING}
    return tables


def _value(kind: str, raw: Any) -> Any:
    """A raw SQLite value as the ORM would hold it (dates stay ISO text: shown as such)."""
    if raw is None:
        return None
    if kind == "JSON":
        return json.loads(raw) if isinstance(raw, str) else raw
    if kind == "BOOLEAN":
        return bool(raw)
    return raw


def _shown(name: str, value: Any) -> str:
    if name == DELETED:
        return t("conflict_deleted") if value else t("conflict_alive")
    if isinstance(value, bool):
        return t("yes") if value else t("no")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return "" if value is None else str(value)


def _stamp_text(stamp: str) -> str:
    if not is_stamp(stamp):
        return ""
    physical, _ = decode(stamp)
    moment = dt.datetime.fromtimestamp(physical / 1000, dt.UTC).astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def _label(record: dict[str, Any]) -> str:
    author, question = record.get("author"), record.get("question_key")
    if author and question:
        return f"{author}, {question}"
    for name in LABEL_FIELDS:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            text = " ".join(value.split())
            return text if len(text) <= 60 else text[:59] + "…"
    return str(record["id"])[:8]


def device_names(connection: sqlite3.Connection) -> dict[str, str]:
    """Device id → author name, this laptop's own included (as models.devices)."""
    rows = dict(
        connection.execute(
            "SELECT key, value FROM meta WHERE key LIKE ? OR key IN ('device_id', ?)",
            (DEVICE_PREFIX + "%", AUTHOR_KEY),
        ).fetchall()
    )
    names = {
        key.removeprefix(DEVICE_PREFIX): value
        for key, value in rows.items()
        if key.startswith(DEVICE_PREFIX)
    }
    if rows.get(AUTHOR_KEY) and rows.get("device_id"):
        names[rows["device_id"]] = rows[AUTHOR_KEY]
    return names


def _record(connection: sqlite3.Connection, table: str, record_id: str) -> dict[str, Any] | None:
    cursor = connection.execute(f'SELECT * FROM "{table}" WHERE id = ?', (record_id,))
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip([column[0] for column in cursor.description], row, strict=True))


def open_conflicts(connection: sqlite3.Connection) -> list[ConflictView]:
    """Every open conflict whose record exists and whose value differs from the current one."""
    from models.joins import load_joins

    tables = merged_tables(connection)
    names = device_names(connection)
    joins = load_joins(connection)
    views = []
    for conflict_id, table, record_id, name, value, value_hlc, value_device in connection.execute(
        "SELECT id, table_name, record_id, field, value, value_hlc, value_device FROM conflict"
        " WHERE NOT deleted ORDER BY table_name, record_id, field, value_hlc"
    ):
        fields = tables.get(table)
        if fields is None or (name not in fields and name != DELETED):
            continue  # not a field of ours (a file from elsewhere): nothing to show
        record = _record(connection, table, record_id)
        if record is None:
            continue
        kind = "BOOLEAN" if name == DELETED else fields[name]
        current, theirs = _value(kind, record[name]), _value(kind, json.loads(value))
        if kind == "BOOLEAN":
            current, theirs = bool(current), bool(theirs)
        if joins.same(table, name, theirs, current):
            continue  # a sibling with the current value: kept for merging, nothing to decide
        clocks = json.loads(record["clocks"] or "{}")
        field_devices = json.loads(record["field_devices"] or "{}")
        if field_devices.get(name, "").startswith(DERIVED):
            continue  # the current value is a text merged from every sibling

        mine_device = field_devices.get(name, record["device_id"])
        views.append(
            ConflictView(
                id=conflict_id,
                table=table,
                kind=t(f"kind_{table}"),
                record_id=record_id,
                label=_label(record),
                field=name,
                mine=Side(
                    value=_shown(name, current),
                    device=names.get(mine_device) or mine_device[:8],
                    at=_stamp_text(clocks.get(name, record["hlc"])),
                ),
                theirs=Side(
                    value=_shown(name, theirs),
                    device=names.get(value_device) or value_device[:8],
                    at=_stamp_text(value_hlc),
                ),
                editable=name != DELETED and kind == "VARCHAR",
            )
        )
    return views
