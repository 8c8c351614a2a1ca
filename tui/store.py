"""What the app reads from and writes to the database, as plain functions run off the UI thread.

Every function takes the open `Database`; reads return frozen dataclasses so that nothing lazy
from SQLAlchemy reaches a widget; writes go through `models.records` so that clocks are stamped.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import UniqueConstraint
from sqlmodel import Session, select

from models import queries, records
from models.devices import AUTHOR_KEY
from models.errors import GuideLocked
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
    Synced,
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
    from models.storage import Database
    from tui.forms import MeetingForm, ParticipantLine


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


def _organisation(db: Database, session: Session, name: str) -> Organisation:
    """The organisation called `name` (case-insensitive), created when new."""
    for org in session.exec(select(Organisation)).all():
        if org.name.casefold() == name.casefold():
            if org.deleted:
                records.update(db, session, org, deleted=False)
            return org
    return records.create(db, session, Organisation, name=name)


def _person(
    db: Database, session: Session, name: str, role: str, org_id: str | None, email: str = ""
) -> Person:
    """The person called `name`, reused across meetings; role, organisation and e-mail filled
    when not known yet."""
    person = session.exec(records.live(Person).where(Person.name == name)).first()
    if person is None:
        return records.create(
            db, session, Person, name=name, role=role, organisation_id=org_id, email=email
        )
    changes = {"role": role} if role and not person.role else {}
    if org_id and not person.organisation_id:
        changes["organisation_id"] = org_id
    if email and not person.email:
        changes["email"] = email
    records.update(db, session, person, **changes)
    return person


def organisation_answer(guide: Guide, organisations: tuple[str, ...]) -> tuple[str, AnswerState]:
    """The guide's «which organisation» question (the one whose choices carry regions) answered
    from the set-up's organisations; ("", empty) when the guide has none or nothing fits."""
    question = next((q for q in guide.questions() if q.choice_regions), None)
    if question is None or not organisations:
        return "", AnswerState()
    by_name = {choice.casefold(): choice for choice in question.choices}
    chosen = [by_name[name.casefold()] for name in organisations if name.casefold() in by_name]
    others = [name for name in organisations if name.casefold() not in by_name]
    if question.kind == "choice":
        chosen = chosen[:1]
        if chosen:
            others = []
    other_choice = next((c for c in question.choices if c.casefold() in ("annen", "annet")), None)
    if others and other_choice is not None and not chosen:
        chosen = [other_choice]
    return question.key, AnswerState(chosen, ", ".join(others) if chosen else "", "")


def create_meeting(db: Database, form: MeetingForm, author: str = "") -> str:
    """Write the meeting with its organisations and people in one transaction; `author`'s answer
    to the organisation question is filled from the organisations chosen."""
    with db.transaction() as session:
        journey_id = form.journey_id
        if journey_id is None:
            journey_id = records.create(db, session, Journey, name=form.new_journey).id
        meeting = records.create(
            db,
            session,
            Meeting,
            journey_id=journey_id,
            title=form.title,
            date=form.date,
            start_time=form.start_time,
            end_time=form.end_time,
            place=form.place,
            teams=form.teams or bool(form.teams_link),
            teams_link=form.teams_link,
            guide_key=form.guide_key,
            guide_version=form.guide_version,
        )
        for name in form.organisations:
            org = _organisation(db, session, name)
            records.create(
                db, session, MeetingOrganisation, meeting_id=meeting.id, organisation_id=org.id
            )
        people: list[tuple[Person, str]] = []
        for line in form.participants:
            org_id = _organisation(db, session, line.organisation).id if line.organisation else None
            person = _person(db, session, line.name, line.role, org_id, line.email)
            people.append((person, line.meeting_role))
        people += [
            (_person(db, session, name, "", None), "fasilitator") for name in form.facilitators
        ]
        people += [(_person(db, session, name, "", None), "referent") for name in form.note_takers]
        linked: set[tuple[str, str]] = set()
        for person, role in people:
            if (person.id, role) not in linked:
                linked.add((person.id, role))
                records.create(
                    db,
                    session,
                    Participation,
                    meeting_id=meeting.id,
                    person_id=person.id,
                    role=role,
                )
        if author:
            _pre_answer(db, session, meeting.id, form, author)
    return meeting.id


def _pre_answer(
    db: Database, session: Session, meeting_id: str, form: MeetingForm, author: str
) -> None:
    from models.errors import GuideError
    from models.guides import find_guide

    try:
        guide = find_guide(form.guide_key, form.guide_version or None)
    except GuideError:
        return
    key, answer = organisation_answer(guide, form.organisations)
    if key and not answer.empty:
        records.create(
            db,
            session,
            Answer,
            meeting_id=meeting_id,
            question_key=key,
            author=author,
            choices=list(answer.choices),
            other_text=answer.other_text,
        )


# --- editing a meeting's set-up -----------------------------------------------------------

ROLE_PARTICIPANT, ROLE_FACILITATOR, ROLE_NOTE_TAKER = "deltaker", "fasilitator", "referent"
# The roles typed on the participants' lines (a prefix for all but «deltaker»).
LINE_ROLES_SHOWN = (ROLE_PARTICIPANT, "møteleder", "forfall", "observatør", "kopi")


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


def meeting_has_content(session: Session, meeting_id: str) -> bool:
    """Whether the meeting holds a note, an answer or a linked service (tied to the guide)."""
    if session.exec(
        records.live(Note).where(Note.meeting_id == meeting_id, Note.text != "").limit(1)
    ).first():
        return True
    answers = records.live(Answer).where(Answer.meeting_id == meeting_id)
    if any(a.choices or a.other_text or a.state for a in session.exec(answers).all()):
        return True
    mentions = records.live(ServiceMention).where(ServiceMention.meeting_id == meeting_id)
    return session.exec(mentions.limit(1)).first() is not None


def load_meeting_setup(db: Database, meeting_ref: str) -> MeetingSetup:
    from tui.forms import ParticipantLine

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
            facilitators=tuple(p.name for p in people[ROLE_FACILITATOR]),
            note_takers=tuple(p.name for p in people[ROLE_NOTE_TAKER]),
            guide_key=meeting.guide_key,
            guide_version=meeting.guide_version,
            has_content=meeting_has_content(session, meeting.id),
            teams_link=meeting.teams_link,
        )


def _sync_links(
    db: Database,
    session: Session,
    model: type[MeetingOrganisation] | type[Participation],
    meeting_id: str,
    wanted: list[dict[str, str]],
) -> None:
    """Make the meeting's live links of `model` exactly `wanted` (each a dict of its fields).

    Links no longer wanted are tombstoned, never removed, so that merging sees the removal; a
    wanted link that was removed earlier is brought back rather than made twice.
    """
    rows = session.exec(select(model).where(model.meeting_id == meeting_id)).all()
    # A link is known by its unique key (a participation's attendance times are not part of it).
    unique = next(c for c in model.__table__.constraints if isinstance(c, UniqueConstraint))  # type: ignore[attr-defined]
    keys = [column.name for column in unique.columns if column.name != "meeting_id"]
    existing: dict[tuple[str, ...], list[Synced]] = defaultdict(list)
    for row in rows:
        existing[tuple(getattr(row, name) for name in keys)].append(row)
    wanted_keys = {tuple(fields[name] for name in keys): fields for fields in wanted}
    for key, same in existing.items():
        live_rows = [row for row in same if not row.deleted]
        if key in wanted_keys:
            if not live_rows:
                records.update(db, session, same[0], deleted=False)
            continue
        for row in live_rows:
            records.delete(db, session, row)
    for key, fields in wanted_keys.items():
        if key not in existing:
            records.create(db, session, model, meeting_id=meeting_id, **fields)


def update_meeting(db: Database, meeting_id: str, form: MeetingForm) -> str:
    """Write what changed in the meeting's set-up, in one transaction; returns the meeting id."""
    with db.transaction() as session:
        meeting = records.resolve(session, Meeting, meeting_id, tx("kind_meeting"))
        journey_id = form.journey_id
        if journey_id is None:
            journey_id = records.create(db, session, Journey, name=form.new_journey).id
        changes: dict[str, object] = {
            "journey_id": journey_id,
            "title": form.title,
            "date": form.date,
            "start_time": form.start_time,
            "end_time": form.end_time,
            "place": form.place,
            "teams": form.teams or bool(form.teams_link),
            "teams_link": form.teams_link,
        }
        new_guide = (form.guide_key, form.guide_version)
        if new_guide != (meeting.guide_key, meeting.guide_version):
            if meeting_has_content(session, meeting.id):
                raise GuideLocked()
            changes |= {"guide_key": form.guide_key, "guide_version": form.guide_version}
        records.update(db, session, meeting, **changes)
        org_ids = {_organisation(db, session, name).id: None for name in form.organisations}
        _sync_links(
            db,
            session,
            MeetingOrganisation,
            meeting.id,
            [{"organisation_id": org_id} for org_id in org_ids],
        )
        _sync_links(
            db, session, Participation, meeting.id, _participations(db, session, form, edit=True)
        )
    return meeting.id


def _participations(
    db: Database, session: Session, form: MeetingForm, *, edit: bool = False
) -> list[dict[str, str]]:
    """The (person, role) pairs of the form, each once, with the people found or created.

    When editing, a role or organisation typed on a participant's line replaces the person's
    (an empty one keeps what is stored: a line typed anew must not wipe what is known).
    """
    pairs: list[dict[str, str]] = []

    def add(person: Person, role: str) -> None:
        pair = {"person_id": person.id, "role": role}
        if pair not in pairs:
            pairs.append(pair)

    for line in form.participants:
        org_id = _organisation(db, session, line.organisation).id if line.organisation else None
        person = _person(db, session, line.name, line.role, org_id, line.email)
        if edit:
            changes: dict[str, object] = {}
            if line.role:
                changes["role"] = line.role
            if org_id:
                changes["organisation_id"] = org_id
            if line.email:
                changes["email"] = line.email
            records.update(db, session, person, **changes)
        add(person, line.meeting_role)
    for name in form.facilitators:
        add(_person(db, session, name, "", None), ROLE_FACILITATOR)
    for name in form.note_takers:
        add(_person(db, session, name, "", None), ROLE_NOTE_TAKER)
    return pairs


# --- capture ------------------------------------------------------------------------------


@dataclass
class AnswerState:
    choices: list[str] = field(default_factory=list)
    other_text: str = ""
    state: str = ""

    @property
    def empty(self) -> bool:
        return not self.choices and not self.other_text and not self.state


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
    order = {ROLE_PARTICIPANT: 0, ROLE_FACILITATOR: 1, ROLE_NOTE_TAKER: 2}
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
