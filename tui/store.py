"""What the app reads from and writes to the database, as plain functions run off the UI thread.

Every function takes the open `Database`; reads return frozen dataclasses so that nothing lazy
from SQLAlchemy reaches a widget; writes go through `models.records` so that clocks are stamped.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlmodel import Session, select

from models import queries, records
from models.devices import AUTHOR_KEY
from models.meeting_form import AnswerState
from models.meetings import meeting_has_content
from models.roles import LINE_ROLES_SHOWN, Role
from models.tables import (
    Answer,
    Journey,
    Meeting,
    MeetingOrganisation,
    Meta,
    Note,
    Organisation,
    Participation,
    Person,
    ServiceMention,
)
from tui.home_data import (  # noqa: F401  (re-exported: home's reads need no ORM)
    HomeData,
    HomeJourney,
    HomeMeeting,
    load_home,
)
from tui.text import tx

if TYPE_CHECKING:
    from models.guides import Guide
    from models.meeting_form import ParticipantLine
    from models.storage import Database


# --- author -------------------------------------------------------------------------------


def remembered_author(db: Database) -> str:
    with db.session() as session:
        row = session.get(Meta, AUTHOR_KEY)
        return row.value if row else ""


def remember_author(db: Database, author: str) -> None:
    """The last author on this device; `meta` is never merged, so it stays per laptop."""
    with db.transaction() as session:
        session.merge(Meta(key=AUTHOR_KEY, value=author))


# --- home ---------------------------------------------------------------------------------


def create_journey(db: Database, name: str, description: str = "") -> str:
    with db.transaction() as session:
        journey = records.create(db, session, Journey, name=name, description=description)
    return journey.id


# --- meeting set-up -----------------------------------------------------------------------


@dataclass(frozen=True)
class GuideChoice:
    key: str
    version: int
    title: str


@dataclass(frozen=True)
class KnownPerson:
    name: str
    role: str
    organisation: str
    email: str


@dataclass(frozen=True)
class SetupChoices:
    journeys: tuple[HomeJourney, ...]
    organisations: tuple[str, ...]
    guides: tuple[GuideChoice, ...]
    people: tuple[KnownPerson, ...] = ()


def known_people(session: Session) -> tuple[KnownPerson, ...]:
    """Everyone the database knows, with their organisation's name, sorted by name."""
    names = queries.organisation_names(session)
    people = {
        person.name: KnownPerson(
            person.name, person.role, names.get(person.organisation_id or "", ""), person.email
        )
        for person in session.exec(records.live(Person)).all()
    }
    return tuple(sorted(people.values(), key=lambda p: p.name.casefold()))


def known_organisations(session: Session) -> list[str]:
    """Organisations in the database, then any from the shared vocabulary, each once."""
    names = [org.name for org in session.exec(records.live(Organisation)).all()]
    from models.vocabulary import ORGANISATIONS

    for known in ORGANISATIONS:
        if known.name not in names:
            names.append(known.name)
    return sorted(names, key=str.casefold)


def load_setup_choices(db: Database) -> SetupChoices:
    from models.guides import all_guides
    from models.read import reading
    from tui.home_data import journeys as home_journeys

    with reading(db.path) as connection:
        journeys = home_journeys(connection)
    with db.session() as session:
        organisations = tuple(known_organisations(session))
        people = known_people(session)
    guides = tuple(GuideChoice(g.key, g.version, g.title) for g in all_guides())
    return SetupChoices(
        journeys=journeys, organisations=organisations, guides=guides, people=people
    )


# --- editing a meeting's set-up -----------------------------------------------------------


@dataclass(frozen=True)
class MeetingSetup:
    """A meeting's set-up as the form shows it, and whether its guide may still change."""

    meeting_id: str
    journey_id: str
    title: str
    date: dt.date | None
    start_time: str
    end_time: str
    place: str
    teams: bool
    organisations: tuple[str, ...]
    participants: tuple[ParticipantLine, ...]
    facilitators: tuple[str, ...]
    note_takers: tuple[str, ...]
    guide_key: str
    guide_version: int
    has_content: bool
    teams_link: str = ""


def load_meeting_setup(db: Database, meeting_ref: str) -> MeetingSetup:
    from models.meeting_form import ParticipantLine

    with db.session() as session:
        meeting = records.resolve(session, Meeting, meeting_ref, tx("kind_meeting"))
        names = queries.organisation_names(session)
        organisations = tuple(
            names[link.organisation_id]
            for link in session.exec(
                records.live(MeetingOrganisation).where(
                    MeetingOrganisation.meeting_id == meeting.id
                )
            ).all()
            if link.organisation_id in names
        )
        people: dict[str, list[Person]] = defaultdict(list)
        for participation in session.exec(
            records.live(Participation).where(Participation.meeting_id == meeting.id)
        ).all():
            person = session.get(Person, participation.person_id)
            if person is not None and not person.deleted:
                people[participation.role].append(person)
        participants = tuple(
            ParticipantLine(p.name, p.role, names.get(p.organisation_id or "", ""), role, p.email)
            for role in LINE_ROLES_SHOWN
            for p in people[role]
        )
        return MeetingSetup(
            meeting_id=meeting.id,
            journey_id=meeting.journey_id,
            title=meeting.title,
            date=meeting.date,
            start_time=meeting.start_time,
            end_time=meeting.end_time,
            place=meeting.place,
            teams=meeting.teams,
            organisations=organisations,
            participants=participants,
            facilitators=tuple(p.name for p in people[Role.FACILITATOR]),
            note_takers=tuple(p.name for p in people[Role.NOTE_TAKER]),
            guide_key=meeting.guide_key,
            guide_version=meeting.guide_version,
            has_content=meeting_has_content(session, meeting.id),
            teams_link=meeting.teams_link,
        )


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


def load_capture(db: Database, meeting_ref: str) -> CaptureData:
    """Everything the capture screen shows for the meeting `meeting_ref` (id or prefix)."""
    from models.guides import find_guide

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
