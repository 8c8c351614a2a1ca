"""Everything recorded about a set of meetings, loaded in a few queries (minutes, reports, TUI)."""

from __future__ import annotations

from collections import defaultdict

from sqlmodel import Session, col

from models.contacts import contacts_of_meetings
from models.joins import session_joins
from models.meeting_records import MeetingRecords, PersonInMeeting
from models.mentions import resolved_mentions
from models.records import live
from models.tables import (
    Answer,
    FollowUp,
    Meeting,
    MeetingOrganisation,
    MinutesStatus,
    Note,
    Organisation,
    Participation,
    Person,
    Referat,
    Service,
    ServiceMention,
)


def _grouped(rows: list, key: str) -> dict[str, list]:
    grouped: dict[str, list] = defaultdict(list)
    for row in rows:
        grouped[getattr(row, key)].append(row)
    return dict(grouped)


def load_meeting_records(
    session: Session, *, meeting_ids: list[str] | None = None, journey_id: str | None = None
) -> MeetingRecords:
    """The records of the meetings `meeting_ids`, or of a journey, or of every meeting.

    References to joined records are resolved (`models.joins`): the lookups by id find the
    surviving record for an absorbed id, and links that name one thing twice once resolved (a
    mention, a meeting's organisation, a participation made unaware of a join) are kept once.
    """
    query = live(Meeting).order_by(col(Meeting.date), col(Meeting.start_time), col(Meeting.title))
    if meeting_ids is not None:
        query = query.where(col(Meeting.id).in_(meeting_ids))
    elif journey_id is not None:
        query = query.where(Meeting.journey_id == journey_id)
    meetings = list(session.exec(query).all())
    ids = [meeting.id for meeting in meetings]
    joins = session_joins(session)
    organisations = joins.lookup(
        "organisation", {org.id: org for org in session.exec(live(Organisation)).all()}
    )
    services = joins.lookup(
        "service", {service.id: service for service in session.exec(live(Service)).all()}
    )

    def of_meetings(model: type) -> list:
        return list(session.exec(live(model).where(col(model.meeting_id).in_(ids))).all())

    links = of_meetings(MeetingOrganisation)
    meeting_orgs: dict[str, list[Organisation]] = defaultdict(list)
    for link in links:
        organisation = organisations.get(link.organisation_id)
        if organisation is not None and organisation not in meeting_orgs[link.meeting_id]:
            meeting_orgs[link.meeting_id].append(organisation)
    persons = joins.lookup(
        "person", {person.id: person for person in session.exec(live(Person)).all()}
    )
    people: dict[str, list[PersonInMeeting]] = defaultdict(list)
    taken: set[tuple[str, str, str]] = set()
    for taking_part in sorted(of_meetings(Participation), key=lambda p: p.id):
        person = persons.get(taking_part.person_id)
        if person is None or (taking_part.meeting_id, person.id, taking_part.role) in taken:
            continue
        taken.add((taking_part.meeting_id, person.id, taking_part.role))
        organisation = organisations.get(person.organisation_id or "")
        people[taking_part.meeting_id].append(
            PersonInMeeting(
                person_id=person.id,
                name=person.name,
                meeting_role=taking_part.role,
                title=person.role,
                organisation=organisation.name if organisation else "",
            )
        )
    for group in people.values():
        group.sort(key=lambda p: (p.organisation.casefold(), p.name.casefold()))
    notes = [note for note in of_meetings(Note) if note.text.strip()]
    notes.sort(key=lambda note: (note.created_at, note.author))
    followups = of_meetings(FollowUp)
    followups.sort(key=lambda item: (item.due_date is None, item.due_date, item.created_at))
    return MeetingRecords(
        meetings=meetings,
        organisations=organisations,
        services=services,
        meeting_organisations={k: sorted(v, key=lambda o: o.name) for k, v in meeting_orgs.items()},
        people=dict(people),
        notes=_grouped(notes, "meeting_id"),
        answers=_grouped(of_meetings(Answer), "meeting_id"),
        mentions=_grouped(resolved_mentions(joins, of_meetings(ServiceMention)), "meeting_id"),
        followups=_grouped(followups, "meeting_id"),
        referat=_grouped([r for r in of_meetings(Referat) if r.text.strip()], "meeting_id"),
        statuses={status.meeting_id: status for status in of_meetings(MinutesStatus)},
        persons=list(persons.values()),  # each once: iterating gives records, not lookups
        contacts=contacts_of_meetings(session, ids),
    )
