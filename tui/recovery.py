"""The recovery file: notes the database would not take, kept beside it until the next start.

It also keeps text typed in a field that was never sent (a panel's line, a form) when the app
ended: the next start offers it back with the notes.

One JSON file per database in the user's data directory, readable only by the user (0600; on
Windows the profile folder is private). It is written whenever a save fails and removed as soon
as every note is in the database again, so even a kill during a long failure leaves the text.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

VERSION = 1


@dataclass(frozen=True)
class RecoveredNote:
    meeting_id: str
    question_key: str
    author: str
    text: str
    base: str  # the note's stamp the editor had loaded ("" when there was no note)


@dataclass(frozen=True)
class RecoveredField:
    """Text typed in a field and never sent; restored into the question's note when it has one."""

    place: str  # where it was typed, as the user reads it («Kontaktpersoner»)
    text: str  # what was typed, one line
    meeting_id: str = ""  # the meeting and question it belongs to ("": a form of no meeting)
    question_key: str = ""
    author: str = ""


class RecoveryUnreadable(Exception):
    """The file is not ours or damaged; it was moved aside to `self.args[0]`."""


def recovery_dir() -> Path:
    from models.locations import data_dir

    return data_dir() / "recovery"


def path_for(db_path: Path) -> Path:
    """The recovery file of the database at `db_path` (named by its absolute path)."""
    digest = hashlib.sha256(str(Path(db_path).expanduser().resolve()).encode()).hexdigest()
    return recovery_dir() / f"{digest[:20]}.json"


def write(db_path: Path, notes: list[RecoveredNote], fields: Sequence[RecoveredField] = ()) -> Path:
    """Replace the recovery file with `notes` and `fields`, durably; returns its path."""
    path = path_for(db_path)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    payload = {
        "innsikt_recovery": VERSION,
        "database": str(Path(db_path).expanduser().resolve()),
        "notes": [asdict(note) for note in notes],
        "fields": [asdict(field) for field in fields],  # absent in files of older versions
    }
    data = json.dumps(payload, ensure_ascii=False, indent=1).encode()
    temporary = path.with_suffix(".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temporary, path)
    return path


def read(db_path: Path) -> list[RecoveredNote]:
    """The notes waiting in the recovery file ([] when there is none)."""
    return read_all(db_path)[0]


def read_all(db_path: Path) -> tuple[list[RecoveredNote], list[RecoveredField]]:
    """The notes and the field texts waiting in the recovery file."""
    path = path_for(db_path)
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        if payload.get("innsikt_recovery") != VERSION:
            raise ValueError("not a recovery file")
        notes = [RecoveredNote(**note) for note in payload["notes"]]
        fields = [RecoveredField(**field) for field in payload.get("fields", [])]
        return notes, fields
    except FileNotFoundError:
        return [], []
    except (OSError, ValueError, TypeError, KeyError, AttributeError) as error:
        aside = path.with_suffix(".unreadable")
        with contextlib.suppress(OSError):
            os.replace(path, aside)
        raise RecoveryUnreadable(str(aside)) from error


def clear(db_path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path_for(db_path).unlink()
