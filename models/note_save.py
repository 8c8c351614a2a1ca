"""Saving a note from an editor that may be out of date: never overwrite text it has not seen.

The editor remembers the note's stamp (`hlc`) when it loaded it. If the stored note has another
stamp when the editor saves, someone else wrote it meanwhile (a second window, a merge, an import).
Then the editor's text is written and the other text is kept as an open conflict of the note's
text (the same `conflict` row a merge makes for concurrent edits), so the user can choose on the
conflicts screen. Text the editor's text already contains needs no conflict: nothing is lost.

Why a conflict rather than a lock that opens the second window read-only: the stamp check also
covers merges and imports (no lock can stop those), needs no heartbeat writes while typing, no
schema change, and a crashed window leaves no stale lock behind.

Plain sqlite3, no ORM: the app saves notes typed in its first second while SQLAlchemy is still
being imported (`NoteFile`, opened straight from the file). The rows are those that
`models.records.create`/`update` and `models.siblings.settle_siblings` write for a note
(tests/test_note_save_sql.py compares the two on random edits).
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.clock import ZERO, HybridClock, stamp_time, utc_now
from models.conflict_ids import conflict_id
from models.dbfile import BUSY_TIMEOUT
from models.errors import DatabaseError
from models.identity import DERIVED_KEYS, free_derived_id
from models.paths import sqlite_uri
from models.sync.state import Value, is_derived
from models.sync.text_merge import decode_base, encode_base, next_base

if TYPE_CHECKING:
    from models.storage import Database

# `tables.Note.content_fields` and `tables.Conflict.content_fields` (a test checks they agree).
NOTE_FIELDS = ("meeting_id", "question_key", "author", "text")
CONFLICT_FIELDS = ("table_name", "record_id", "field", "value", "value_hlc", "value_device")
DELETED = "deleted"


@dataclass(frozen=True)
class NoteSaved:
    hlc: str  # the note's stamp after the save: the editor's new base
    kept_other: bool  # another text was found and kept as a conflict


def set_pragmas(connection: Any) -> None:
    """What every connection of the app to its file sets: the notes' own and the ORM's
    (`models.storage`)."""
    connection.execute("PRAGMA foreign_keys = ON")
    # FULL, not NORMAL: in WAL mode NORMAL already survives a killed process, but FULL also
    # syncs the WAL on every commit, so a note survives a power cut or a dead laptop battery.
    # The cost is one fsync per autosave, a few milliseconds, invisible while typing.
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")


@dataclass
class NoteFile:
    """A connection that saves notes, with this device's id and the database's clock.

    Used on one thread at a time (the app's writer). Its clock is the one the ORM's `Database`
    uses too, once that is open (`share_clock`), so that stamps never go back.
    """

    path: Path
    connection: Any  # sqlite3 (or SQLCipher) connection, in autocommit mode
    device_id: str
    clock: HybridClock

    def share_clock(self, db: Database) -> None:
        """From now on `db` stamps with this file's clock, past every stamp either gave."""
        self.clock.observe(db.clock.last)
        db.clock = self.clock

    def close(self) -> None:
        self.connection.close()


def open_note_file(path: Path, connect: Callable[[], Any] | None = None) -> NoteFile:
    """A `NoteFile` on the existing database at `path` (never creating it); `connect` makes the
    connection where it is not a plain SQLite file (an encrypted one)."""
    if connect is None:
        connection: Any = sqlite3.connect(
            sqlite_uri(path, mode="rw"),
            uri=True,
            timeout=BUSY_TIMEOUT,
            check_same_thread=False,
            isolation_level=None,
        )
    else:
        connection = connect()
        connection.isolation_level = None
    try:
        set_pragmas(connection)
        rows = dict(connection.execute("SELECT key, value FROM meta").fetchall())
    except BaseException:
        connection.close()
        raise
    if "device_id" not in rows:
        connection.close()
        raise DatabaseError("db_no_device", path=path)
    return NoteFile(path, connection, rows["device_id"], HybridClock(last=rows.get("clock", ZERO)))


def note_file_of(db: Database) -> NoteFile:
    """A `NoteFile` on the open database `db`, stamping with its clock."""
    from models import atrest

    notes = open_note_file(db.path, atrest.creator(db.path))
    notes.clock = db.clock
    return notes


# --- the save --------------------------------------------------------------------------------


def save_note(
    notes: NoteFile, meeting_id: str, question_key: str, author: str, text: str, base: str
) -> NoteSaved:
    """Write `text` as the note; `base` is the stamp the editor loaded ("" for no note)."""
    return _save(
        notes.connection, notes.device_id, notes.clock, meeting_id, question_key, author, text, base
    )


def save_note_checked(
    db: Database, meeting_id: str, question_key: str, author: str, text: str, base: str
) -> NoteSaved:
    """`save_note` through a connection of the ORM's database `db`."""
    with _raw_connection(db) as connection:
        return _save(
            connection, db.device_id, db.clock, meeting_id, question_key, author, text, base
        )


def restore_note(
    db: Database, meeting_id: str, question_key: str, author: str, text: str, base: str
) -> bool:
    """Bring back text from a recovery file; False when the note already holds it.

    The same rule as a save: text written since `base` (elsewhere) is kept as a conflict.
    """
    with _raw_connection(db) as connection:
        row = _find(connection, meeting_id, question_key, author)
        if row is not None and not row["deleted"] and text in row["text"]:
            return False
        _save(connection, db.device_id, db.clock, meeting_id, question_key, author, text, base)
    return True


def append_to_note(
    db: Database, meeting_id: str, question_key: str, author: str, line: str
) -> bool:
    """Add `line` at the end of the note (a field's unsent text brought back); False when the
    note already holds it. Text written meanwhile elsewhere is kept as a conflict, as in a save."""
    with _raw_connection(db) as connection:
        row = _find(connection, meeting_id, question_key, author)
        current = "" if row is None or row["deleted"] else row["text"]
        if line in current:
            return False
        text = f"{current.rstrip()}\n{line}" if current.strip() else line
        base = row["hlc"] if row is not None else ""
        _save(connection, db.device_id, db.clock, meeting_id, question_key, author, text, base)
    return True


@contextmanager
def _raw_connection(db: Database) -> Iterator[Any]:
    """The DB-API connection under one of the ORM engine's pooled connections."""
    pooled = db.engine.raw_connection()
    try:
        yield pooled.driver_connection
    finally:
        pooled.close()


_COLUMNS = (
    "id",
    "hlc",
    "device_id",
    "clocks",
    "field_devices",
    "seen",
    "deleted",
    "text",
    "text_base",
)


def find_authored(
    connection: Any,
    table: str,
    columns: tuple[str, ...],
    meeting_id: str,
    question_key: str,
    author: str,
) -> dict[str, Any] | None:
    """One author's record of `table` (note, answer) on a question, its bookkeeping decoded."""
    row = connection.execute(
        f"SELECT {', '.join(columns)} FROM {table}"
        " WHERE meeting_id = ? AND question_key = ? AND author = ? LIMIT 1",
        (meeting_id, question_key, author),
    ).fetchone()
    if row is None:
        return None
    record = dict(zip(columns, row, strict=True))
    for name in ("clocks", "field_devices", "seen"):
        record[name] = json.loads(record[name]) if record[name] else {}
    record["deleted"] = bool(record["deleted"])
    return record


def _find(
    connection: Any, meeting_id: str, question_key: str, author: str
) -> dict[str, Any] | None:
    return find_authored(connection, "note", _COLUMNS, meeting_id, question_key, author)


def _save(
    connection: Any,
    device: str,
    clock: HybridClock,
    meeting_id: str,
    question_key: str,
    author: str,
    text: str,
    base: str,
) -> NoteSaved:
    # BEGIN IMMEDIATE takes the write lock before the first read, so that a read-then-write is
    # one step against other processes on the file: another window's save cannot land between
    # the stamp check and the write and be overwritten unseen.
    connection.execute("BEGIN IMMEDIATE")
    try:
        note = _find(connection, meeting_id, question_key, author)
        if note is None:
            saved = _create(connection, device, clock, (meeting_id, question_key, author), text)
        else:
            saved = _update(connection, device, clock, note, text, base)
        connection.commit()
    except BaseException:
        connection.rollback()
        raise
    return saved


def stamp_edit(connection: Any, clock: HybridClock) -> str:
    """A new stamp for a local edit, persisted with the edit's transaction."""
    stamp = clock.now()
    connection.execute(
        "INSERT INTO meta (key, value) VALUES ('clock', ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (stamp,),
    )
    return stamp


def _create(
    connection: Any, device: str, clock: HybridClock, key: tuple[str, str, str], text: str
) -> NoteSaved:
    created = utc_now()
    values = dict(zip(NOTE_FIELDS, (*key, text), strict=True))
    if "note" in DERIVED_KEYS:  # two laptops name the same note alike
        record_key = tuple(values[name] for name in DERIVED_KEYS["note"])
        record_id = free_derived_id("note", record_key, lambda id_: _taken(connection, id_))
    else:
        record_id = str(uuid.uuid4())
    text_base = encode_base(next_base(Value(("", ""), "", None), device))
    stamp = stamp_edit(connection, clock)
    clocks, field_devices = creation_marks(NOTE_FIELDS, values, stamp, device)
    connection.execute(
        "INSERT INTO note (id, created_at, updated_at, hlc, device_id, clocks, deleted,"
        " field_devices, seen, meeting_id, question_key, author, text, text_base)"
        " VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)",
        (
            record_id,
            created,
            utc_now(),
            stamp,
            device,
            json.dumps(clocks),
            json.dumps(field_devices),
            json.dumps({device: stamp}),
            *key,
            text,
            text_base,
        ),
    )
    return NoteSaved(stamp, kept_other=False)


def creation_marks(
    fields: tuple[str, ...], values: dict[str, Any], stamp: str, device: str
) -> tuple[dict[str, str], dict[str, str]]:
    """A new record's per-field clocks and devices, as `records.create` stamps them: a field
    left empty at creation was never written (the zero stamp and no device)."""
    unset = [name for name in fields if values[name] in ("", None, [])]
    clocks = {**dict.fromkeys(fields, stamp), **dict.fromkeys(unset, ZERO)}
    field_devices = {**dict.fromkeys(fields, device), **dict.fromkeys(unset, "")}
    return clocks, field_devices


def update_marks(
    record: dict[str, Any], replaced: dict[str, Any], stamp: str, device: str
) -> dict[str, Any]:
    """The bookkeeping columns of an update of `replaced` fields, as `records.update` writes."""
    return {
        "hlc": stamp,
        "device_id": device,
        "updated_at": utc_now(),
        "clocks": json.dumps({**record["clocks"], **dict.fromkeys(replaced, stamp)}),
        "field_devices": json.dumps({**record["field_devices"], **dict.fromkeys(replaced, device)}),
        "seen": json.dumps({**record["seen"], device: stamp}),
    }


def _taken(connection: Any, record_id: str) -> bool:
    return (
        connection.execute("SELECT 1 FROM note WHERE id = ?", (record_id,)).fetchone() is not None
    )


def _update(
    connection: Any, device: str, clock: HybridClock, note: dict[str, Any], text: str, base: str
) -> NoteSaved:
    changed_elsewhere = note["hlc"] != base
    other = "" if note["deleted"] else note["text"]
    kept = changed_elsewhere and bool(other.strip()) and other not in text
    dot = (
        note["clocks"].get("text") or note["hlc"],
        note["field_devices"].get("text") or note["device_id"],
    )
    changes = {"text": text, DELETED: False}
    replaced = {name: note[name] for name, value in changes.items() if note[name] != value}
    if not replaced:
        return NoteSaved(note["hlc"], kept_other=False)
    sets: dict[str, Any] = {name: changes[name] for name in replaced}
    merged = []
    if "text" in replaced:  # the text this edit starts from (`models.sync.text_merge`)
        text_dot = (note["clocks"].get("text", ""), note["field_devices"].get("text", ""))
        if text_dot[0] == ZERO:
            text_dot = ("", "")
        before = Value(text_dot, replaced["text"], decode_base(note["text_base"]))
        sets["text_base"] = encode_base(next_base(before, device))
        if is_derived(text_dot):
            merged.append("text")
    stamp = stamp_edit(connection, clock)
    sets.update(update_marks(note, replaced, stamp, device))
    assignments = ", ".join(f'"{name}" = ?' for name in sets)
    connection.execute(f"UPDATE note SET {assignments} WHERE id = ?", (*sets.values(), note["id"]))
    _settle_siblings(connection, note["id"], replaced, merged)
    if kept:
        _keep_as_conflict(connection, note["id"], other, dot)
    return NoteSaved(stamp, kept_other=kept)


def _settle_siblings(
    connection: Any, note_id: str, replaced: dict[str, Any], merged: list[str]
) -> None:
    """`models.siblings.settle_siblings` for a note that is not deleted after the edit."""
    siblings = connection.execute(
        "SELECT id, field, value FROM conflict WHERE table_name = 'note' AND record_id = ?",
        (note_id,),
    ).fetchall()
    for sibling_id, name, raw in siblings:
        value = json.loads(raw)
        if name == DELETED:
            value = bool(value)
        if name == DELETED and value is False:
            drop = True  # any edit says again "not deleted"
        else:
            drop = name in merged or (name in replaced and value == replaced[name])
        if drop:
            connection.execute("DELETE FROM conflict WHERE id = ?", (sibling_id,))


def _keep_as_conflict(connection: Any, note_id: str, other: str, dot: tuple[str, str]) -> None:
    """Keep `other` (written at `dot`) as an open conflict of the note's text, a merge sibling.

    Open conflicts of the note's text that `other` contains are dropped: two windows typing
    into one note would otherwise leave a conflict per save.
    """
    stamp, device = dot
    new_id = conflict_id("note", note_id, "text", stamp, device)
    siblings = connection.execute(
        "SELECT id, value FROM conflict"
        " WHERE table_name = 'note' AND record_id = ? AND field = 'text'",
        (note_id,),
    ).fetchall()
    for sibling_id, raw in siblings:
        if sibling_id == new_id:
            return
        if json.loads(raw) in other:
            connection.execute("DELETE FROM conflict WHERE id = ?", (sibling_id,))
    connection.execute(
        "INSERT INTO conflict (id, created_at, updated_at, hlc, device_id, clocks, deleted,"
        " field_devices, seen, table_name, record_id, field, value, value_hlc, value_device,"
        " value_base) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, 'note', ?, 'text', ?, ?, ?, '')",
        (
            new_id,
            stamp_time(stamp),
            stamp_time(stamp),
            stamp,
            device,
            json.dumps(dict.fromkeys(CONFLICT_FIELDS, stamp)),
            json.dumps(dict.fromkeys(CONFLICT_FIELDS, device)),
            json.dumps({device: stamp}),
            note_id,
            json.dumps(other, ensure_ascii=False),
            stamp,
            device,
        ),
    )
