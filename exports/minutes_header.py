"""The minutes' header block (Møte, Dato, Tid, Sted, Møteleder, Til stede, …) and their status."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from exports.people import PeopleFilter
from exports.safe import clean
from exports.text import label, long_date, short_date
from models.meeting_records import MeetingRecords, PersonInMeeting
from models.roles import Role

if TYPE_CHECKING:  # the documents read plain rows of the same fields (models/read_report.py)
    from models.tables import Meeting, MinutesStatus


def time_span(meeting: Meeting) -> str:
    """«Kl. 10:00 – 12:10», as minutes write the time of a meeting."""
    if meeting.start_time and meeting.end_time:
        return label("clock", time=f"{meeting.start_time} – {meeting.end_time}")
    only = meeting.start_time or meeting.end_time
    return label("clock", time=only) if only else ""


def place_text(meeting: Meeting) -> str:
    if meeting.teams_link and not meeting.place:
        return f"{label('teams')}: {meeting.teams_link}"
    if meeting.teams and meeting.place:
        return f"{meeting.place} og {label('teams')}"
    return label("teams") if meeting.teams else meeting.place


def status_text(status: MinutesStatus | None) -> str:
    """«Utkast», «Til godkjenning (merknadsfrist 15.12.2026)» or «Godkjent 20.12.2026»."""
    if status is None or status.status == "utkast":
        return label("status_draft")
    if status.status == "godkjent":
        approved = status.approved_on
        return (
            label("status_approved", date=short_date(approved))
            if approved
            else label("status_approved_undated")
        )
    if status.comment_deadline:
        return label("status_sent", deadline=short_date(status.comment_deadline))
    return label("status_sent_undated")


def version_text(status: MinutesStatus | None) -> str:
    return str(status.version) if status is not None else "0"


def _person_line(person: PersonInMeeting, people: PeopleFilter) -> str:
    details = ", ".join(part for part in (people.name(person.name), person.title) if part)
    return f"{details} ({person.organisation})" if person.organisation else details


# Header rows of people, in the order real minutes have them: (label key, meeting roles).
PEOPLE_ROWS = (
    ("chair", (Role.CHAIR,)),
    ("present", (Role.PARTICIPANT, Role.CHAIR)),
    ("facilitators", (Role.FACILITATOR,)),
    ("absent", (Role.ABSENT,)),
    ("observers", (Role.OBSERVER,)),
    ("note_takers", (Role.NOTE_TAKER,)),
    ("copy_to", (Role.COPY,)),
)


def people_rows(
    records: MeetingRecords, meeting: Meeting, people: PeopleFilter
) -> list[tuple[str, str]]:
    by_role: dict[str, list[PersonInMeeting]] = defaultdict(list)
    for person in records.people.get(meeting.id, []):
        by_role[person.meeting_role].append(person)
    if not by_role[Role.NOTE_TAKER]:
        # Nobody was registered as note-taker: the people who wrote the notes were.
        authors = sorted({n.author for n in records.notes.get(meeting.id, [])})
        by_role[Role.NOTE_TAKER] = [
            PersonInMeeting("", a, Role.NOTE_TAKER, "", "") for a in authors
        ]
    rows = []
    for key, roles in PEOPLE_ROWS:
        group = [person for role in roles for person in by_role[role]]
        if not group:
            continue
        if people.lists_people:
            value = "\n".join(_person_line(person, people) for person in group)
        else:
            value = label(
                "people_left_out" if len(group) > 1 else "person_left_out", count=len(group)
            )
        rows.append((label(key), people.scrub(clean(value))))
    return rows


def header_rows(
    records: MeetingRecords,
    meeting: Meeting,
    people: PeopleFilter,
    number: str = "",
) -> list[tuple[str, str]]:
    """The header block: Møte, Dato, Tid, Sted, Virksomhet, people, Status, Versjon."""
    organisations = ", ".join(org.name for org in records.meeting_organisations.get(meeting.id, []))
    title = f"{meeting.title} ({number})" if number else meeting.title
    rows = [
        (label("meeting"), title),
        (label("date"), long_date(meeting.date)),
        (label("time"), time_span(meeting)),
        (label("place"), place_text(meeting)),
        (label("organisations"), organisations),
    ]
    cleaned = [(key, people.scrub(clean(value))) for key, value in rows if value]
    status = records.statuses.get(meeting.id)
    tail = [(label("status"), status_text(status)), (label("version"), version_text(status))]
    if status is not None and status.comment_deadline and status.status != "utkast":
        tail.append((label("comment_deadline"), long_date(status.comment_deadline)))
    if status is not None and status.approved_on and status.status == "godkjent":
        tail.append((label("approved_on"), long_date(status.approved_on)))
    return cleaned + people_rows(records, meeting, people) + tail


def running_header(title: str, meeting: Meeting, status: MinutesStatus | None) -> str:
    parts = [title, long_date(meeting.date), status_text(status)]
    return " · ".join(part for part in parts if part)
