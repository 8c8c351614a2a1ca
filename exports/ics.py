"""The invitation as an iCalendar file (RFC 5545): one event a calendar can add and update.

- UID: «<meeting id>@innsikt», the same for every export of the meeting, so a calendar that
  already has the event updates it instead of adding a second one.
- SEQUENCE: the seconds from 2024-01-01 UTC to the latest change of what the invitation shows
  (the meeting, its organisations and people, the journey), read from the records' clock stamps.
  It stays the same when nothing changed and grows with every change, on any laptop, without
  a counter to keep (two changes within one second share a number; RFC 5545 wants a 32-bit
  integer, so it cannot count milliseconds).
- Start and end in Europe/Oslo with a VTIMEZONE for the meeting's year; a meeting without a
  start time is an all-day event, one without an end time lasts an hour.
- LOCATION: the place, or the Teams link; the link is also the event's URL.
- ATTENDEE for everyone with an e-mail address; ORGANIZER (and METHOD:REQUEST) when a
  facilitator has one, otherwise METHOD:PUBLISH.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from exports.agenda_content import Invitation, agenda_text, load_invitation
from exports.safe import atomic_write, clean
from exports.text import label
from models.clock import decode
from models.errors import ExportError
from models.roles import Role
from models.storage import Database

if TYPE_CHECKING:
    from icalendar import Calendar

ZONE = "Europe/Oslo"
SEQUENCE_EPOCH = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
DEFAULT_LENGTH = dt.timedelta(hours=1)


def sequence_of(revision: str) -> int:
    if not revision:
        return 0
    physical_ms, _ = decode(revision)
    seconds = physical_ms // 1000 - int(SEQUENCE_EPOCH.timestamp())
    return max(seconds, 0)


def _time(text: str) -> dt.time:
    hours, minutes = text.split(":")
    return dt.time(int(hours), int(minutes))


def _address(email: str, name: str, role: str | None) -> object:
    from icalendar import vCalAddress, vText

    address = vCalAddress(f"mailto:{email}")
    address.params["cn"] = vText(name)
    if role is not None:
        address.params["role"] = role
        address.params["partstat"] = "NEEDS-ACTION"
        address.params["rsvp"] = "TRUE"
    return address


def build_calendar(invitation: Invitation, now: dt.datetime | None = None) -> Calendar:
    """The invitation as a VCALENDAR with one VEVENT."""
    from zoneinfo import ZoneInfo

    from icalendar import Calendar, Event, Timezone

    meeting = invitation.meeting
    if meeting.date is None:
        raise ExportError("agenda_no_date", meeting=meeting.title)
    hosts = [p for p in invitation.with_role(Role.FACILITATOR) if p.email]
    calendar = Calendar()
    calendar.add("prodid", "-//innsikt//Innkalling//NB")
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST" if hosts else "PUBLISH")
    event = Event()
    event.add("uid", f"{meeting.id}@innsikt")
    event.add("sequence", sequence_of(invitation.revision))
    event.add("dtstamp", now or dt.datetime.now(dt.UTC))
    event.add("summary", clean(meeting.title))
    if meeting.start_time:
        zone = ZoneInfo(ZONE)
        start = dt.datetime.combine(meeting.date, _time(meeting.start_time), tzinfo=zone)
        end = (
            dt.datetime.combine(meeting.date, _time(meeting.end_time), tzinfo=zone)
            if meeting.end_time
            else start + DEFAULT_LENGTH
        )
        calendar.add_component(
            Timezone.from_tzid(
                ZONE,
                first_date=dt.date(meeting.date.year, 1, 1),
                last_date=dt.date(meeting.date.year + 1, 1, 1),
            )
        )
    else:
        start, end = meeting.date, meeting.date + dt.timedelta(days=1)
    event.add("dtstart", start)
    event.add("dtend", end)
    location = meeting.place or meeting.teams_link or (label("teams") if meeting.teams else "")
    if location:
        event.add("location", clean(location))
    if meeting.teams_link:
        event.add("url", meeting.teams_link)
    event.add("description", agenda_text(invitation))
    if hosts:
        event.add("organizer", _address(hosts[0].email, hosts[0].name, None), encode=False)
    for person in invitation.invitees:
        if person.email and person not in hosts[:1]:
            role = "CHAIR" if person.role == Role.FACILITATOR else "REQ-PARTICIPANT"
            event.add("attendee", _address(person.email, person.name, role), encode=False)
    calendar.add_component(event)
    return calendar


def write_ics(db: Database, meeting_ref: str, path: Path) -> None:
    """Write the invitation to the meeting `meeting_ref` as an .ics file at `path` (atomically)."""
    data = build_calendar(load_invitation(db, meeting_ref)).to_ical()
    atomic_write(Path(path), lambda handle: handle.write(data))
