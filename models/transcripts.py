"""Storing a meeting's transcript cues, and reading them back for the capture screen.

A cue's id is a UUID derived from the meeting, its times, speaker and text: importing the same
file again finds every cue in place, and two laptops that import it make the same records, which
a merge then sees as one. Cues are never edited; a note quotes them.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import col, select

from models import records
from models.storage import Database
from models.tables import Meeting, TranscriptCue
from models.text import t
from models.transcript import Cue, read_transcript

_NAMESPACE = uuid.UUID("6f1c1f4e-4b8a-4d55-9a0e-7a1d3c2b9e10")


@dataclass(frozen=True)
class TranscriptSummary:
    meeting_title: str
    cues: int
    added: int

    @property
    def unchanged(self) -> int:
        return self.cues - self.added


@dataclass(frozen=True)
class TranscriptLine:
    """A cue as the capture screen shows it."""

    start_ms: int
    speaker: str
    text: str


def cue_id(meeting_id: str, cue: Cue) -> str:
    key = "\x1f".join((meeting_id, str(cue.start_ms), str(cue.end_ms), cue.speaker, cue.text))
    return str(uuid.uuid5(_NAMESPACE, key))


def store_cues(db: Database, meeting_ref: str, cues: Sequence[Cue]) -> TranscriptSummary:
    """Add the cues the meeting `meeting_ref` does not hold yet, in one transaction."""
    with db.transaction() as session:
        meeting = records.resolve(session, Meeting, meeting_ref, t("teams_kind_meeting"))
        known = set(
            session.exec(
                select(TranscriptCue.id).where(TranscriptCue.meeting_id == meeting.id)
            ).all()
        )
        added = 0
        for position, cue in enumerate(cues):
            identity = cue_id(meeting.id, cue)
            if identity in known:
                continue
            known.add(identity)
            records.create(
                db,
                session,
                TranscriptCue,
                id=identity,
                meeting_id=meeting.id,
                position=position,
                start_ms=cue.start_ms,
                end_ms=cue.end_ms,
                speaker=cue.speaker,
                text=cue.text,
            )
            added += 1
        title = meeting.title
    return TranscriptSummary(title, len(cues), added)


def import_transcript(db: Database, meeting_ref: str, path: Path) -> TranscriptSummary:
    """Read the transcript at `path` (refused whole when it cannot be read), then store it."""
    return store_cues(db, meeting_ref, read_transcript(Path(path)))


def transcript_lines(db: Database, meeting_id: str) -> list[TranscriptLine]:
    """The meeting's cues in the order they were said."""
    with db.session() as session:
        cues = session.exec(
            records.live(TranscriptCue)
            .where(TranscriptCue.meeting_id == meeting_id)
            .order_by(col(TranscriptCue.start_ms), col(TranscriptCue.position))
        ).all()
        return [TranscriptLine(cue.start_ms, cue.speaker, cue.text) for cue in cues]


def clock_text(milliseconds: int) -> str:
    """«1:02:03» or «02:03»: where in the recording a cue starts."""
    seconds = milliseconds // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"


def quote(line: TranscriptLine) -> str:
    """How a cue is quoted into a note: «Navn: "…"»."""
    return f'{line.speaker}: "{line.text}"' if line.speaker else f'"{line.text}"'
