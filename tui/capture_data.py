"""What the capture screen shows of a meeting, read through `models.read_capture` without the ORM."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from models.meeting_form import AnswerState

if TYPE_CHECKING:
    from models.guides import Guide
    from models.storage import Database


@dataclass
class CaptureData:
    """A meeting with its guide and every author's notes and answers, loaded once."""

    meeting_id: str
    title: str
    date: dt.date | None
    start_time: str
    organisations: str
    guide: Guide
    notes: dict[tuple[str, str], str]  # (question_key, author) -> text
    answers: dict[tuple[str, str], AnswerState]
    questions_with_services: set[str]
    # (question_key, author) -> the note's stamp when loaded: a save checks it is still the same
    note_stamps: dict[tuple[str, str], str] = field(default_factory=dict)
    # (name, organisation) of everyone in the meeting, participants first: ctrl+k's list.
    speakers: tuple[tuple[str, str], ...] = ()
    # `people` questions with contacts, whether the meeting has follow-ups, and the seconds
    # spent per question (every device's sum).
    questions_with_contacts: set[str] = field(default_factory=set)
    has_followups: bool = False
    question_seconds: dict[str, int] = field(default_factory=dict)


def load_capture(source: Database | Path, meeting_ref: str) -> CaptureData:
    """Everything the capture screen shows for the meeting `meeting_ref` (id or prefix), read
    from the open database or straight from its file (before the ORM is loaded)."""
    from models.guides import find_guide
    from models.read import reading
    from models.read_capture import capture_rows
    from tui.text import tx

    path = source if isinstance(source, Path) else source.path
    with reading(path) as connection:
        rows = capture_rows(connection, meeting_ref, tx("kind_meeting"))
    guide = find_guide(rows.guide_key or "mobile-tjenester", rows.guide_version or None)
    return CaptureData(
        meeting_id=rows.meeting_id,
        title=rows.title,
        date=dt.date.fromisoformat(rows.date) if rows.date else None,
        start_time=rows.start_time,
        organisations=rows.organisations,
        guide=guide,
        notes=rows.notes,
        answers={key: AnswerState(*answer) for key, answer in rows.answers.items()},
        questions_with_services=rows.questions_with_services,
        note_stamps=rows.note_stamps,
        speakers=rows.speakers,
        questions_with_contacts=rows.questions_with_contacts,
        has_followups=rows.has_followups,
        question_seconds=rows.question_seconds,
    )
