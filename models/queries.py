"""Read-only views over the tables that the CLI, the TUI and the exports share."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass

from sqlmodel import Session, col

from models.records import live
from models.tables import (
    FollowUp,
    Journey,
    Meeting,
    MeetingOrganisation,
    Note,
    Organisation,
    Service,
    ServiceMention,
)


@dataclass(frozen=True)
class MeetingRow:
    id: str
    journey: str
    title: str
    date: str
    organisations: str
    guide: str
    notes: int
    open_followups: int

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class JourneyRow:
    id: str
    name: str
    meetings: int
    description: str

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class ServiceRow:
    id: str
    name: str
    owner: str
    status: str
    criticality: str
    nodnett_dependency: str
    meetings: int

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def organisation_names(session: Session) -> dict[str, str]:
    return {org.id: org.name for org in session.exec(live(Organisation)).all()}


def meeting_organisations(session: Session) -> dict[str, list[str]]:
    """Organisation names per meeting id."""
    names = organisation_names(session)
    result: dict[str, list[str]] = defaultdict(list)
    for link in session.exec(live(MeetingOrganisation)).all():
        if link.organisation_id in names:
            result[link.meeting_id].append(names[link.organisation_id])
    return result


def meeting_rows(session: Session, journey_id: str | None = None) -> list[MeetingRow]:
    journeys = {j.id: j.name for j in session.exec(live(Journey)).all()}
    organisations = meeting_organisations(session)
    notes: dict[str, int] = defaultdict(int)
    for note in session.exec(live(Note).where(Note.text != "")).all():
        notes[note.meeting_id] += 1
    followups: dict[str, int] = defaultdict(int)
    for item in session.exec(live(FollowUp).where(FollowUp.status != "lukket")).all():
        followups[item.meeting_id] += 1
    query = live(Meeting).order_by(col(Meeting.date), col(Meeting.start_time), col(Meeting.title))
    if journey_id:
        query = query.where(Meeting.journey_id == journey_id)
    return [
        MeetingRow(
            id=meeting.id,
            journey=journeys.get(meeting.journey_id, ""),
            title=meeting.title,
            date=meeting.date.isoformat() if meeting.date else "",
            organisations=", ".join(sorted(organisations.get(meeting.id, []))),
            guide=f"{meeting.guide_key} v{meeting.guide_version}" if meeting.guide_key else "",
            notes=notes[meeting.id],
            open_followups=followups[meeting.id],
        )
        for meeting in session.exec(query).all()
    ]


def journey_rows(session: Session) -> list[JourneyRow]:
    counts: dict[str, int] = defaultdict(int)
    for meeting in session.exec(live(Meeting)).all():
        counts[meeting.journey_id] += 1
    return [
        JourneyRow(id=j.id, name=j.name, meetings=counts[j.id], description=j.description)
        for j in session.exec(live(Journey).order_by(col(Journey.name))).all()
    ]


def service_rows(session: Session) -> list[ServiceRow]:
    names = organisation_names(session)
    mentions: dict[str, set[str]] = defaultdict(set)
    for mention in session.exec(live(ServiceMention)).all():
        mentions[mention.service_id].add(mention.meeting_id)
    return [
        ServiceRow(
            id=service.id,
            name=service.name,
            owner=names.get(service.owner_id or "", ""),
            status=service.status,
            criticality=service.criticality,
            nodnett_dependency=service.nodnett_dependency,
            meetings=len(mentions[service.id]),
        )
        for service in session.exec(live(Service).order_by(col(Service.name))).all()
    ]
