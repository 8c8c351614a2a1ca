"""What the capture screen reads, and its answers written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlmodel import Session, select

from models import queries, records
from models.meeting_form import AnswerState
from models.roles import Role
from models.tables import (
    Answer,
    Meeting,
    Note,
    Participation,
    Person,
    ServiceMention,
)
from tui.text import tx

if TYPE_CHECKING:
    from models.guides import Guide
    from models.storage import Database


# --- capture ------------------------------------------------------------------------------


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
    # capture-2: `people` questions with contacts, whether the meeting has follow-ups, and the
    # seconds spent per question (every device's sum).
    questions_with_contacts: set[str] = field(default_factory=set)
    has_followups: bool = False
    question_seconds: dict[str, int] = field(default_factory=dict)


def load_capture(db: Database, meeting_ref: str) -> CaptureData:
    """Everything the capture screen shows for the meeting `meeting_ref` (id or prefix)."""
    from models.contacts import meeting_contacts
    from models.followups import meeting_followups
    from models.guides import find_guide
    from models.question_time import question_times

    with db.session() as session:
        meeting = records.resolve(session, Meeting, meeting_ref, tx("kind_meeting"))
        guide = find_guide(meeting.guide_key or "mobile-tjenester", meeting.guide_version or None)
        live_notes = session.exec(records.live(Note).where(Note.meeting_id == meeting.id)).all()
        notes = {(note.question_key, note.author): note.text for note in live_notes}
        # Tombstoned notes too: a save must know the stamp of the row it will bring back.
        note_stamps = {
            (note.question_key, note.author): note.hlc
            for note in session.exec(select(Note).where(Note.meeting_id == meeting.id)).all()
        }
        answers = {
            (answer.question_key, answer.author): AnswerState(
                list(answer.choices), answer.other_text, answer.state
            )
            for answer in session.exec(
                records.live(Answer).where(Answer.meeting_id == meeting.id)
            ).all()
        }
        mentions = {
            mention.question_key
            for mention in session.exec(
                records.live(ServiceMention).where(ServiceMention.meeting_id == meeting.id)
            ).all()
        }
        organisations = ", ".join(sorted(queries.meeting_organisations(session)[meeting.id]))
        speakers = meeting_speakers(session, meeting.id)
        contacts = {row.question_key for row in meeting_contacts(session, meeting.id)}
        has_followups = bool(meeting_followups(session, meeting.id))
        seconds = question_times(session, meeting.id)
    return CaptureData(
        meeting_id=meeting.id,
        title=meeting.title,
        date=meeting.date,
        start_time=meeting.start_time,
        organisations=organisations,
        guide=guide,
        notes=notes,
        answers=answers,
        questions_with_services=mentions,
        note_stamps=note_stamps,
        speakers=speakers,
        questions_with_contacts=contacts,
        has_followups=has_followups,
        question_seconds=seconds,
    )


def meeting_speakers(session: Session, meeting_id: str) -> tuple[tuple[str, str], ...]:
    """Everyone taking part, participants before facilitators and note-takers, each once."""
    names = queries.organisation_names(session)
    order = {Role.PARTICIPANT: 0, Role.FACILITATOR: 1, Role.NOTE_TAKER: 2}
    rows = session.exec(
        records.live(Participation).where(Participation.meeting_id == meeting_id)
    ).all()
    speakers: list[tuple[str, str]] = []
    for participation in sorted(rows, key=lambda row: order.get(row.role, 3)):
        person = session.get(Person, participation.person_id)
        if person is None or person.deleted:
            continue
        speaker = (person.name, names.get(person.organisation_id or "", ""))
        if speaker not in speakers:
            speakers.append(speaker)
    return tuple(speakers)


def save_answer(
    db: Database, meeting_id: str, question_key: str, author: str, answer: AnswerState
) -> None:
    with db.transaction() as session:
        row = records.answer_for(session, meeting_id, question_key, author)
        values = {
            "choices": list(answer.choices),
            "other_text": answer.other_text,
            "state": answer.state,
        }
        if row is None:
            records.create(
                db,
                session,
                Answer,
                meeting_id=meeting_id,
                question_key=question_key,
                author=author,
                **values,
            )
        else:
            records.update(db, session, row, deleted=False, **values)
