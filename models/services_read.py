"""The services export's records (every field, owners, meetings, people), read with plain sqlite3.

One query per kind of record and no ORM objects: the export is linear in the services and
meetings. The results equal those of the ORM reads they replaced (tests/test_services_read.py).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from models.service_fields import SERVICE_FIELDS, SERVICE_LISTS, ServiceFields

# The order `models.content_queries.load_meeting_records` gives meetings.
_MEETING_ORDER = "ORDER BY meeting.date, meeting.start_time, meeting.title"
_LIVE_MEETING = "JOIN meeting ON meeting.id = {table}.meeting_id AND NOT meeting.deleted"


@dataclass(frozen=True, kw_only=True)
class ServiceRecord(ServiceFields):
    """A live service with every field of `models.tables.Service` that an export shows."""

    id: str
    name: str
    owner_id: str | None


_FIELDS = ("id", "name", "owner_id", *SERVICE_FIELDS)


@dataclass(frozen=True)
class OrganisationRecord:
    id: str
    name: str
    short_name: str
    region: str


@dataclass(frozen=True)
class PeopleNamed:
    """Every name an export that hides names must know: who took part, who wrote, who else."""

    # (name, role in the meeting) of each live participation in a live meeting
    participants: list[tuple[str, str]]
    authors: list[str]  # of notes with text and of answers, in live meetings
    others: list[str]  # every live person's name


def services(connection: sqlite3.Connection) -> list[ServiceRecord]:
    """Every live service, in the file's order."""
    columns = ", ".join(_FIELDS)
    found = []
    for row in connection.execute(f"SELECT {columns} FROM service WHERE NOT deleted"):
        values = dict(zip(_FIELDS, row, strict=True))
        for name in SERVICE_LISTS:
            values[name] = json.loads(values[name])
        found.append(ServiceRecord(**values))
    return found


def organisations(connection: sqlite3.Connection) -> dict[str, OrganisationRecord]:
    """Every live organisation by id; an organisation joined into another finds the kept one
    (`models.joins`), so an owner set unaware of the join reads right."""
    from models.joins import load_joins

    found = {
        row[0]: OrganisationRecord(*row)
        for row in connection.execute(
            "SELECT id, name, short_name, region FROM organisation WHERE NOT deleted"
        )
    }
    return load_joins(connection).lookup("organisation", found)


def meetings_naming_services(connection: sqlite3.Connection) -> dict[str, list[str]]:
    """Per service id, the titles of the live meetings with a live mention of it, in meeting
    order (a mention of a joined service names the service it was joined into)."""
    from models.joins import register

    register(connection)
    held_by: dict[str, list[str]] = {}
    seen: set[tuple[str, str]] = set()
    for service_id, meeting_id, title in connection.execute(
        "SELECT resolved_service(service_mention.service_id), meeting.id, meeting.title FROM service_mention "
        + _LIVE_MEETING.format(table="service_mention")
        + " WHERE NOT service_mention.deleted "
        + _MEETING_ORDER
    ):
        if (service_id, meeting_id) not in seen:
            seen.add((service_id, meeting_id))
            held_by.setdefault(service_id, []).append(title)
    return held_by


def people_named(connection: sqlite3.Connection) -> PeopleNamed:
    """The names of people in every live meeting and in the database."""
    from models.joins import register

    register(connection)
    participants = connection.execute(
        "SELECT person.name, participation.role FROM participation "
        + _LIVE_MEETING.format(table="participation")
        + " JOIN person ON person.id = resolved_person(participation.person_id)"
        " AND NOT person.deleted"
        " WHERE NOT participation.deleted"
    ).fetchall()
    # Python's strip, not SQL's trim: a note of only blanks (any Unicode blank) has no author.
    authors = {
        author
        for author, text in connection.execute(
            "SELECT note.author, note.text FROM note "
            + _LIVE_MEETING.format(table="note")
            + " WHERE NOT note.deleted AND note.text != ''"
        )
        if text.strip()
    }
    authors.update(
        author
        for (author,) in connection.execute(
            "SELECT DISTINCT answer.author FROM answer "
            + _LIVE_MEETING.format(table="answer")
            + " WHERE NOT answer.deleted"
        )
    )
    others = [name for (name,) in connection.execute("SELECT name FROM person WHERE NOT deleted")]
    return PeopleNamed(
        participants=[(name, role) for name, role in participants],
        authors=sorted(authors),
        others=others,
    )
