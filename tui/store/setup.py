"""What the meeting set-up reads: the choices it offers and a meeting's set-up to edit."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlmodel import Session

from models import queries, records
from models.joins import session_joins
from models.meeting_form import MeetingForm, MeetingSetup, ParticipantLine
from models.meetings import meeting_has_content
from models.roles import LINE_ROLES_SHOWN, Role
from models.tables import (
    Meeting,
    MeetingOrganisation,
    Organisation,
    Participation,
    Person,
)
from tui.home_data import (
    HomeJourney,
)
from tui.text import tx

if TYPE_CHECKING:
    from models.storage import Database


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


def load_meeting_setup(db: Database, meeting_ref: str) -> MeetingSetup:
    with db.session() as session:
        meeting = records.resolve(session, Meeting, meeting_ref, tx("kind_meeting"))
        names = queries.organisation_names(session)  # joined organisations resolved
        joins = session_joins(session)
        organisations = tuple(
            dict.fromkeys(
                names[link.organisation_id]
                for link in session.exec(
                    records.live(MeetingOrganisation).where(
                        MeetingOrganisation.meeting_id == meeting.id
                    )
                ).all()
                if link.organisation_id in names
            )
        )
        people: dict[str, list[Person]] = defaultdict(list)
        for participation in session.exec(
            records.live(Participation).where(Participation.meeting_id == meeting.id)
        ).all():
            person = session.get(Person, joins.resolve("person", participation.person_id))
            shown = people[participation.role]
            if person is not None and not person.deleted and person not in shown:
                shown.append(person)
        participants = tuple(
            ParticipantLine(p.name, p.role, names.get(p.organisation_id or "", ""), role, p.email)
            for role in LINE_ROLES_SHOWN
            for p in people[role]
        )
        form = MeetingForm(
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
            journey_id=meeting.journey_id,
            teams_link=meeting.teams_link,
        )
        return MeetingSetup(meeting.id, form, meeting_has_content(session, meeting.id))
