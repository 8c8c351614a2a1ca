"""What the report and the minutes read, with plain sqlite3: no SQLAlchemy, SQLModel or pydantic.

Those three took 35 MB of a report's memory before it read a row, and an ORM record several
times the bytes of the row it holds. Each reader here gives what
`models.content_queries.load_meeting_records` and the report's other ORM reads gave, as small
frozen rows with the fields the documents read (tests/test_read_report.py holds both). The
queries are the ORM's own (the same WHERE, the same ORDER BY), so rows tied on their sort key
come in the same order too.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from models.joins import Joins, Resolving, load_joins, register, twins
from models.meeting_records import ContactRow, MeetingRecords, PersonInMeeting
from models.read_rows import (
    ReadAnswer,
    ReadFollowUp,
    ReadMeeting,
    ReadMention,
    ReadNote,
    ReadOrganisation,
    ReadPerson,
    ReadReferat,
    ReadService,
    ReadStatus,
)

Row = tuple[Any, ...]
# Columns in ReadService's order; those holding a JSON list are decoded.
SERVICE_COLUMNS = tuple(ReadService.__dataclass_fields__)
_SERVICE_LISTS = frozenset(("regions", "user_groups", "equipment", "connectivity"))


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _in(ids: list[str]) -> str:
    """The bound list of an IN (…): one parameter per id, as the ORM writes it."""
    return "(" + ", ".join("?" * len(ids)) + ")"


def _of_meetings(
    connection: sqlite3.Connection, table: str, columns: str, ids: list[str]
) -> Iterator[Row]:
    """The live rows of `table` that belong to one of the meetings `ids`."""
    if not ids:
        return iter(())
    return connection.execute(
        f"SELECT {columns} FROM {table} WHERE {table}.deleted IS 0"
        f" AND {table}.meeting_id IN {_in(ids)}",
        ids,
    )


_MEETING = (
    "SELECT id, journey_id, title, date, start_time, end_time, place, teams, teams_link,"
    " guide_key, guide_version FROM meeting WHERE meeting.deleted IS 0"
)


def _meeting(row: Row) -> ReadMeeting:
    id, journey, title, date, start, end, place, teams, link, key, version = row
    return ReadMeeting(
        id, journey, title, _date(date), start, end, place, bool(teams), link, key, version
    )


def meetings_in_file_order(
    connection: sqlite3.Connection, journey_id: str | None = None
) -> list[ReadMeeting]:
    """The live meetings (of one journey when given) in the order the file holds them."""
    where = "" if journey_id is None else " AND meeting.journey_id = ?"
    rows = connection.execute(_MEETING + where, () if journey_id is None else (journey_id,))
    return [_meeting(row) for row in rows]


def meeting_row(connection: sqlite3.Connection, meeting_ref: str, kind: str) -> ReadMeeting:
    """The one live meeting whose id is `meeting_ref` or starts with it."""
    from models.read_capture import resolve_meeting

    meeting_id = resolve_meeting(connection, meeting_ref, kind)
    return _meeting(connection.execute(f"{_MEETING} AND id = ?", (meeting_id,)).fetchone())


def _meetings(connection: sqlite3.Connection, journey_id: str | None) -> list[ReadMeeting]:
    where = "" if journey_id is None else " AND meeting.journey_id = ?"
    rows = connection.execute(
        f"{_MEETING}{where} ORDER BY meeting.date, meeting.start_time, meeting.title",
        () if journey_id is None else (journey_id,),
    )
    return [_meeting(row) for row in rows]


def _services(connection: sqlite3.Connection) -> dict[str, ReadService]:
    lists = [index for index, name in enumerate(SERVICE_COLUMNS) if name in _SERVICE_LISTS]
    found = {}
    for row in connection.execute(
        f"SELECT {', '.join(SERVICE_COLUMNS)} FROM service WHERE service.deleted IS 0"
    ):
        values = list(row)
        for index in lists:
            values[index] = json.loads(values[index])
        found[row[0]] = ReadService(*values)
    return found


def _people(
    connection: sqlite3.Connection,
    ids: list[str],
    persons: Resolving[ReadPerson],
    organisations: Resolving[ReadOrganisation],
) -> dict[str, list[PersonInMeeting]]:
    """Who took part in each meeting, by organisation and name (each person and role once)."""
    people: dict[str, list[PersonInMeeting]] = defaultdict(list)
    taken: set[tuple[str, str, str]] = set()
    rows = sorted(_of_meetings(connection, "participation", "id, meeting_id, person_id, role", ids))
    for _id, meeting_id, person_id, role in rows:
        person = persons.get(person_id)
        if person is None or (meeting_id, person.id, role) in taken:
            continue
        taken.add((meeting_id, person.id, role))
        organisation = organisations.get(person.organisation_id or "")
        people[meeting_id].append(
            PersonInMeeting(
                person_id=person.id,
                name=person.name,
                meeting_role=role,
                title=person.role,
                organisation=organisation.name if organisation else "",
            )
        )
    for group in people.values():
        group.sort(key=lambda p: (p.organisation.casefold(), p.name.casefold()))
    return dict(people)


def _mentions(connection: sqlite3.Connection, ids: list[str], joins: Joins) -> list[ReadMention]:
    """Live mentions with their service resolved, twins once (as `resolved_mentions`)."""
    rows = _of_meetings(
        connection, "service_mention", "id, service_id, meeting_id, question_key, remark", ids
    )

    def key(row: Row) -> tuple[str, str, str]:
        return (row[2], row[3], joins.resolve("service", row[1]))

    def order(row: Row) -> tuple[bool, str]:
        return (joins.resolve("service", row[1]) != row[1], row[0])

    found = []
    for group in twins(rows, key, order):
        mention_id, _service, meeting_id, question_key, remark = group[0]
        if len(group) > 1:
            parts = [p for m in group for p in m[4].split(" / ") if p.strip()]
            remark = " / ".join(dict.fromkeys(part.strip() for part in parts))
        found.append(ReadMention(mention_id, key(group[0])[2], meeting_id, question_key, remark))
    return found


def _contacts(
    connection: sqlite3.Connection,
    ids: list[str],
    joins: Joins,
    organisations: Resolving[ReadOrganisation],
) -> dict[str, list[ContactRow]]:
    """The contacts of each meeting by name, a joined person as the kept one, once per question
    (as `models.contacts.contacts_of_meetings`)."""
    if not ids:
        return {}
    contacts = sorted(
        connection.execute(
            "SELECT id, meeting_id, question_key, person_id FROM contact"
            f" WHERE contact.meeting_id IN {_in(ids)} AND contact.deleted IS 0",
            ids,
        )
    )
    wanted = sorted({joins.resolve("person", contact[3]) for contact in contacts})
    persons = {
        row[0]: ReadPerson(*row)
        for row in connection.execute(
            "SELECT id, name, role, organisation_id, email, phone FROM person"
            f" WHERE person.deleted IS 0 AND person.id IN {_in(wanted)}",
            wanted,
        )
    }
    grouped: dict[str, list[ContactRow]] = defaultdict(list)
    listed: set[tuple[str, str, str]] = set()
    for contact_id, meeting_id, question_key, person_id in contacts:
        person = persons.get(joins.resolve("person", person_id))
        key = (meeting_id, question_key, person.id if person else "")
        if person is None or key in listed:
            continue
        listed.add(key)
        organisation = organisations.get(person.organisation_id or "")
        grouped[meeting_id].append(
            ContactRow(
                id=contact_id,
                person_id=person.id,
                question_key=question_key,
                name=person.name,
                role=person.role,
                organisation=organisation.name if organisation else "",
                email=person.email,
                phone=person.phone,
            )
        )
    return {
        meeting_id: sorted(rows, key=lambda r: (r.name.casefold(), r.organisation.casefold(), r.id))
        for meeting_id, rows in grouped.items()
    }


def _grouped(rows: Iterable[Any]) -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[row.meeting_id].append(row)
    return dict(grouped)


def report_service_ids(connection: sqlite3.Connection, journey_id: str | None) -> set[str]:
    """The ids of the services the report shows: those named in the journey's live meetings
    (joins resolved), or every live service when `journey_id` is None (as
    `exports.report_content.report_services` picks them from the records)."""
    register(connection)
    live = {row[0] for row in connection.execute("SELECT id FROM service WHERE deleted IS 0")}
    if journey_id is None:
        return live
    named = connection.execute(
        "SELECT DISTINCT resolved_service(mention.service_id) FROM service_mention AS mention"
        " JOIN meeting ON meeting.id = mention.meeting_id"
        " WHERE mention.deleted IS 0 AND meeting.deleted IS 0 AND meeting.journey_id = ?",
        (journey_id,),
    )
    return {row[0] for row in named} & live


def report_records(connection: sqlite3.Connection, journey_id: str | None) -> MeetingRecords:
    """The records of the journey's meetings (every meeting when None) that the report reads:
    all but the referat texts, which it does not show."""
    return _records(connection, _meetings(connection, journey_id), referat=False)


def minutes_records(
    connection: sqlite3.Connection, meeting_ref: str, kind: str
) -> tuple[ReadMeeting, MeetingRecords, tuple[int, int]]:
    """The live meeting `meeting_ref` (id or unique prefix; `kind` names it in a refusal), its
    records, and its place among its journey's meetings by date: (number, of how many)."""
    meeting = meeting_row(connection, meeting_ref, kind)
    order = [
        row[0]
        for row in connection.execute(
            "SELECT id FROM meeting WHERE meeting.deleted IS 0 AND meeting.journey_id = ?"
            " ORDER BY meeting.date, meeting.start_time",
            (meeting.journey_id,),
        )
    ]
    records = _records(connection, [meeting], referat=True)
    return meeting, records, (order.index(meeting.id) + 1, len(order))


def _records(
    connection: sqlite3.Connection, meetings: list[ReadMeeting], *, referat: bool
) -> MeetingRecords:
    ids = [meeting.id for meeting in meetings]
    joins = load_joins(connection)
    organisations = joins.lookup(
        "organisation",
        {
            row[0]: ReadOrganisation(*row)
            for row in connection.execute(
                "SELECT id, name, short_name, region FROM organisation"
                " WHERE organisation.deleted IS 0"
            )
        },
    )
    services = joins.lookup("service", _services(connection))
    meeting_orgs: dict[str, list[ReadOrganisation]] = defaultdict(list)
    for meeting_id, organisation_id in _of_meetings(
        connection, "meeting_organisation", "meeting_id, organisation_id", ids
    ):
        organisation = organisations.get(organisation_id)
        if organisation is not None and organisation not in meeting_orgs[meeting_id]:
            meeting_orgs[meeting_id].append(organisation)
    persons = joins.lookup(
        "person",
        {
            row[0]: ReadPerson(*row)
            for row in connection.execute(
                "SELECT id, name, role, organisation_id, email, phone FROM person"
                " WHERE person.deleted IS 0"
            )
        },
    )
    notes = [
        ReadNote(*row)
        for row in _of_meetings(
            connection, "note", "meeting_id, question_key, author, text, created_at", ids
        )
        if row[3].strip()
    ]
    notes.sort(key=lambda note: (note.created_at, note.author))
    followups = [
        ReadFollowUp(meeting, what, who, _date(due), status, created)
        for meeting, what, who, due, status, created in _of_meetings(
            connection, "followup", "meeting_id, what, who, due_date, status, created_at", ids
        )
    ]
    followups.sort(key=lambda item: (item.due_date is None, item.due_date, item.created_at))
    answers = [
        ReadAnswer(meeting, key, author, json.loads(choices), other, state)
        for meeting, key, author, choices, other, state in _of_meetings(
            connection,
            "answer",
            "meeting_id, question_key, author, choices, other_text, state",
            ids,
        )
    ]
    statuses = [
        ReadStatus(meeting, status, version, _date(deadline), _date(approved))
        for meeting, status, version, deadline, approved in _of_meetings(
            connection,
            "minutes_status",
            "meeting_id, status, version, comment_deadline, approved_on",
            ids,
        )
    ]
    texts = _of_meetings(
        connection, "referat", "meeting_id, question_key, kind, text", ids if referat else []
    )
    return MeetingRecords(
        meetings=meetings,  # (rows with the records' fields)
        organisations=organisations,
        services=services,
        meeting_organisations={k: sorted(v, key=lambda o: o.name) for k, v in meeting_orgs.items()},
        people=_people(connection, ids, persons, organisations),
        notes=_grouped(notes),
        answers=_grouped(answers),
        mentions=_grouped(_mentions(connection, ids, joins)),
        followups=_grouped(followups),
        referat=_grouped(ReadReferat(*row) for row in texts if row[3].strip()),
        statuses={status.meeting_id: status for status in statuses},
        persons=list(persons.values()),
        contacts=_contacts(connection, ids, joins, organisations),
    )
