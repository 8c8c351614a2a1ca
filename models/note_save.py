"""Saving a note from an editor that may be out of date: never overwrite text it has not seen.

The editor remembers the note's stamp (`hlc`) when it loaded it. If the stored note has another
stamp when the editor saves, someone else wrote it meanwhile (a second window, a merge, an import).
Then the editor's text is written and the other text is kept as an open conflict of the note's
text (the same `conflict` row a merge makes for concurrent edits), so the user can choose on the
conflicts screen. Text the editor's text already contains needs no conflict: nothing is lost.

Why a conflict rather than a lock that opens the second window read-only: the stamp check also
covers merges and imports (no lock can stop those), needs no heartbeat writes while typing, no
schema change, and a crashed window leaves no stale lock behind.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

from sqlmodel import Session, select

from models import records
from models.storage import Database
from models.sync.table_rows import CONFLICT_NAMESPACE, stamp_time
from models.tables import Conflict, Note


@dataclass(frozen=True)
class NoteSaved:
    hlc: str  # the note's stamp after the save: the editor's new base
    kept_other: bool  # another text was found and kept as a conflict


def _find(session: Session, meeting_id: str, question_key: str, author: str) -> Note | None:
    return session.exec(
        select(Note).where(
            Note.meeting_id == meeting_id,
            Note.question_key == question_key,
            Note.author == author,
        )
    ).first()


def _keep_as_conflict(session: Session, note: Note, other: str, dot: tuple[str, str]) -> None:
    """Keep `other` (written at `dot`) as an open conflict of the note's text, a merge sibling.

    Open conflicts of the note's text that `other` contains are dropped: two windows typing
    into one note would otherwise leave a conflict per save.
    """
    stamp, device = dot
    fields = Conflict.content_fields
    conflict_id = str(uuid.uuid5(CONFLICT_NAMESPACE, f"note/{note.id}/text/{stamp}/{device}"))
    siblings = session.exec(
        select(Conflict).where(
            Conflict.table_name == "note", Conflict.record_id == note.id, Conflict.field == "text"
        )
    ).all()
    for sibling in siblings:
        if sibling.id == conflict_id:
            return
        if json.loads(sibling.value) in other:
            session.delete(sibling)
    session.add(
        Conflict(
            id=conflict_id,
            created_at=stamp_time(stamp),
            updated_at=stamp_time(stamp),
            hlc=stamp,
            device_id=device,
            clocks=dict.fromkeys(fields, stamp),
            field_devices=dict.fromkeys(fields, device),
            seen={device: stamp},
            table_name="note",
            record_id=note.id,
            field="text",
            value=json.dumps(other, ensure_ascii=False),
            value_hlc=stamp,
            value_device=device,
        )
    )


def save_note_checked(
    db: Database, meeting_id: str, question_key: str, author: str, text: str, base: str
) -> NoteSaved:
    """Write `text` as the note; `base` is the stamp the editor loaded ("" for no note)."""
    with db.transaction(immediate=True) as session:
        note = _find(session, meeting_id, question_key, author)
        if note is None:
            note = records.create(
                db,
                session,
                Note,
                meeting_id=meeting_id,
                question_key=question_key,
                author=author,
                text=text,
            )
            session.flush()
            return NoteSaved(note.hlc, kept_other=False)
        changed_elsewhere = note.hlc != base
        other = "" if note.deleted else note.text
        kept = changed_elsewhere and bool(other.strip()) and other not in text
        dot = (
            note.clocks.get("text") or note.hlc,
            note.field_devices.get("text") or note.device_id,
        )
        # Updated first: the update settles siblings equal to the text it replaces.
        records.update(db, session, note, text=text, deleted=False)
        if kept:
            _keep_as_conflict(session, note, other, dot)
        session.flush()
        return NoteSaved(note.hlc, kept_other=kept)


def restore_note(
    db: Database, meeting_id: str, question_key: str, author: str, text: str, base: str
) -> bool:
    """Bring back text from a recovery file; False when the note already holds it.

    The same rule as a save: text written since `base` (elsewhere) is kept as a conflict.
    """
    with db.session() as session:
        note = _find(session, meeting_id, question_key, author)
        if note is not None and not note.deleted and text in note.text:
            return False
    save_note_checked(db, meeting_id, question_key, author, text, base)
    return True
