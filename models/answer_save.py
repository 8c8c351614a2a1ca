"""Saving one author's structured answer with plain sqlite3, as the app does before the ORM loads.

A choice ticked, «annet» typed or a question skipped in the first seconds of `--meeting` is
written at once through the app's `models.note_save.NoteFile`, like the note beside it, and not
held until SQLAlchemy is imported. The rows are those `tui.store.save_answer` writes through
`models.records.create`/`update` (tests/test_note_save_sql.py compares the two).
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from models.identity import DERIVED_KEYS, free_derived_id
from models.note_save import (
    DELETED,
    NoteFile,
    creation_marks,
    find_authored,
    stamp_edit,
    update_marks,
)
from models.sync.text_merge import BASE_COLUMNS

# `tables.Answer.content_fields`; `choices` is a JSON column (a test checks they agree).
ANSWER_FIELDS = ("meeting_id", "question_key", "author", "choices", "other_text", "state")
JSON_FIELDS = ("choices",)
_COLUMNS = ("id", "clocks", "field_devices", "seen", "deleted", "choices", "other_text", "state")

assert "answer" not in BASE_COLUMNS  # no text base to keep: not merged as text


def save_answer_plain(
    notes: NoteFile,
    meeting_id: str,
    question_key: str,
    author: str,
    choices: list[str],
    other_text: str,
    state: str,
) -> None:
    """Write the answer in one transaction that holds the write lock from its first read."""
    connection = notes.connection
    values = {"choices": list(choices), "other_text": other_text, "state": state}
    connection.execute("BEGIN IMMEDIATE")
    try:
        row = _find(connection, meeting_id, question_key, author)
        if row is None:
            _create(notes, (meeting_id, question_key, author), values)
        else:
            _update(notes, row, values)
        connection.commit()
    except BaseException:
        connection.rollback()
        raise


def _find(
    connection: Any, meeting_id: str, question_key: str, author: str
) -> dict[str, Any] | None:
    answer = find_authored(connection, "answer", _COLUMNS, meeting_id, question_key, author)
    if answer is not None:
        answer["choices"] = json.loads(answer["choices"]) if answer["choices"] else []
    return answer


def _create(notes: NoteFile, key: tuple[str, str, str], values: dict[str, Any]) -> None:
    from models.clock import utc_now

    connection, device = notes.connection, notes.device_id
    created = utc_now()
    fields = dict(zip(ANSWER_FIELDS[:3], key, strict=True)) | values
    if "answer" in DERIVED_KEYS:  # two laptops name the same answer alike
        record_key = tuple(fields[name] for name in DERIVED_KEYS["answer"])

        def taken(id_: str) -> bool:
            row = connection.execute("SELECT 1 FROM answer WHERE id = ?", (id_,)).fetchone()
            return row is not None

        record_id = free_derived_id("answer", record_key, taken)
    else:
        record_id = str(uuid.uuid4())
    stamp = stamp_edit(connection, notes.clock)
    clocks, field_devices = creation_marks(ANSWER_FIELDS, fields, stamp, device)
    connection.execute(
        "INSERT INTO answer (id, created_at, updated_at, hlc, device_id, clocks, deleted,"
        " field_devices, seen, meeting_id, question_key, author, choices, other_text, state)"
        " VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)",
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
            json.dumps(fields["choices"]),
            fields["other_text"],
            fields["state"],
        ),
    )


def _update(notes: NoteFile, answer: dict[str, Any], values: dict[str, Any]) -> None:

    connection, device = notes.connection, notes.device_id
    changes = {DELETED: False, **values}  # the order `records.update` stamps them in
    replaced = {name: answer[name] for name, value in changes.items() if answer[name] != value}
    if not replaced:
        return
    sets: dict[str, Any] = {
        name: json.dumps(changes[name]) if name in JSON_FIELDS else changes[name]
        for name in replaced
    }
    stamp = stamp_edit(connection, notes.clock)
    sets.update(update_marks(answer, replaced, stamp, device))
    assignments = ", ".join(f'"{name}" = ?' for name in sets)
    connection.execute(
        f"UPDATE answer SET {assignments} WHERE id = ?", (*sets.values(), answer["id"])
    )
    _settle_siblings(connection, answer["id"], replaced)


def _settle_siblings(connection: Any, answer_id: str, replaced: dict[str, Any]) -> None:
    """`models.siblings.settle_siblings` for an answer that is not deleted after the edit."""
    siblings = connection.execute(
        "SELECT id, field, value FROM conflict WHERE table_name = 'answer' AND record_id = ?",
        (answer_id,),
    ).fetchall()
    for sibling_id, name, raw in siblings:
        value = json.loads(raw)
        if name == DELETED:
            value = bool(value)
        elif name in JSON_FIELDS and isinstance(value, str):
            value = json.loads(value)
        if name == DELETED and value is False:
            drop = True  # any edit says again "not deleted"
        else:
            drop = name in replaced and value == replaced[name]
        if drop:
            connection.execute("DELETE FROM conflict WHERE id = ?", (sibling_id,))
