"""What the capture screen's side panels show of one meeting, read with plain sqlite3 (no ORM).

Each panel reads its rows again whenever its question is shown: as ORM objects that was every
meeting (follow-ups), every person (contacts) or every organisation, tens of milliseconds on a
large journey while the question was being painted. Each value here is exactly what the ORM
reader it replaces gives (`models.mentions.mentioned_services`, `models.contacts.meeting_contacts`
and `known_people`, `models.followups.meeting_followups`; tests/test_read_panels.py holds both).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import TYPE_CHECKING

from models.joins import Joins, load_joins, twins

if TYPE_CHECKING:
    from models.contacts import ContactRow, KnownContact
    from models.followups import FollowUpRow
    from models.mentions import MentionRow


def organisation_names(connection: sqlite3.Connection, joins: Joins) -> dict[str, str]:
    """Live organisations' names by id; an absorbed id finds the kept one's name."""
    names = dict(connection.execute("SELECT id, name FROM organisation WHERE NOT deleted"))
    return joins.lookup("organisation", names)


def panel_mentions(
    connection: sqlite3.Connection, meeting_id: str, question_key: str
) -> list[MentionRow]:
    """The live services linked to the meeting's question, by name (joins resolved, twins once:
    as `models.mentions.resolved_mentions`)."""
    from models.mentions import MentionRow

    joins = load_joins(connection)
    mentions = connection.execute(
        "SELECT id, service_id, remark FROM service_mention"
        " WHERE meeting_id = ? AND question_key = ? AND NOT deleted",
        (meeting_id, question_key),
    ).fetchall()

    def resolved(mention: tuple[str, str, str]) -> str:
        return str(joins.resolve("service", mention[1]))

    def order(mention: tuple[str, str, str]) -> tuple[bool, str]:
        return (resolved(mention) != mention[1], mention[0])

    shown: list[tuple[str, str, str]] = []
    for group in twins(mentions, resolved, order):
        mention_id, _service, remark = group[0]
        if len(group) > 1:
            parts = [p for m in group for p in m[2].split(" / ") if p.strip()]
            remark = " / ".join(dict.fromkeys(part.strip() for part in parts))
        shown.append((mention_id, resolved(group[0]), remark))
    wanted = sorted({service_id for _, service_id, _ in shown})
    services: dict[str, tuple[str, str, str]] = {}
    for service_id, name, status, criticality in _rows_of(
        connection,
        "SELECT id, name, status, criticality FROM service WHERE NOT deleted AND id IN",
        wanted,
    ):
        services[service_id] = (name, status, criticality)
    rows = [
        MentionRow(
            mention_id=mention_id,
            service_id=service_id,
            name=services[service_id][0],
            status=services[service_id][1],
            criticality=services[service_id][2],
            remark=remark,
        )
        for mention_id, service_id, remark in shown
        if service_id in services
    ]
    return sorted(rows, key=lambda row: row.name.casefold())


def panel_contacts(
    connection: sqlite3.Connection, meeting_id: str, question_key: str
) -> list[ContactRow]:
    """The question's contacts by name (a person since joined into another as the kept one,
    once): as `models.contacts.meeting_contacts`."""
    from models.contacts import ContactRow

    joins = load_joins(connection)
    contacts = connection.execute(
        "SELECT id, person_id FROM contact"
        " WHERE meeting_id = ? AND question_key = ? AND NOT deleted ORDER BY id",
        (meeting_id, question_key),
    ).fetchall()
    if not contacts:
        return []
    organisations = organisation_names(connection, joins)
    wanted = sorted({str(joins.resolve("person", person_id)) for _, person_id in contacts})
    persons = {
        row[0]: row
        for row in _rows_of(
            connection,
            "SELECT id, name, role, organisation_id, email, phone FROM person"
            " WHERE NOT deleted AND id IN",
            wanted,
        )
    }
    rows: list[ContactRow] = []
    listed: set[str] = set()
    for contact_id, person_id in contacts:
        person = persons.get(joins.resolve("person", person_id))
        if person is None or person[0] in listed:
            continue
        listed.add(person[0])
        rows.append(
            ContactRow(
                id=contact_id,
                person_id=person[0],
                question_key=question_key,
                name=person[1],
                role=person[2],
                organisation=organisations.get(person[3] or "", ""),
                email=person[4],
                phone=person[5],
            )
        )
    return sorted(rows, key=lambda row: (row.name.casefold(), row.organisation.casefold(), row.id))


def known_contacts(connection: sqlite3.Connection, meeting_id: str) -> list[KnownContact]:
    """Everyone the contacts' type-ahead offers: those taking part in the meeting first, then
    by name (not erased people): as `models.contacts.known_people`."""
    from models.contacts import KnownContact

    joins = load_joins(connection)
    names = organisation_names(connection, joins)
    # The lookup through joins once per organisation, not once per person.
    organisations = {key: names.get(key, "") for key in _organisation_ids(connection)}
    taking_part = {
        joins.resolve("person", person_id)
        for (person_id,) in connection.execute(
            "SELECT person_id FROM participation WHERE meeting_id = ? AND NOT deleted",
            (meeting_id,),
        )
    }
    people = [
        KnownContact(
            person_id,
            name,
            role,
            organisations.get(organisation_id or "", ""),
            email,
            phone,
            person_id in taking_part,
        )
        for person_id, name, role, organisation_id, email, phone in connection.execute(
            "SELECT id, name, role, organisation_id, email, phone FROM person WHERE NOT deleted"
        )
        if name.strip() and not name.startswith("[")  # not an erased person
    ]
    people.sort(key=lambda p: (not p.in_meeting, p.name.casefold(), p.person_id))
    return people


def _organisation_ids(connection: sqlite3.Connection) -> list[str]:
    """Every organisation id a person names."""
    return [
        row[0]
        for row in connection.execute(
            "SELECT DISTINCT organisation_id FROM person WHERE organisation_id IS NOT NULL"
        )
    ]


def panel_followups(connection: sqlite3.Connection, meeting_id: str) -> list[FollowUpRow]:
    """The follow-ups of one live meeting in the order they were agreed."""
    from models.followups import FollowUpRow

    meeting = connection.execute(
        "SELECT title FROM meeting WHERE id = ? AND NOT deleted", (meeting_id,)
    ).fetchone()
    if meeting is None:
        return []
    names = organisation_names(connection, load_joins(connection))
    organisations: list[str] = []
    for (organisation_id,) in connection.execute(
        "SELECT organisation_id FROM meeting_organisation WHERE meeting_id = ? AND NOT deleted",
        (meeting_id,),
    ):
        name = names.get(organisation_id)
        if name is not None and name not in organisations:
            organisations.append(name)
    return [
        FollowUpRow(
            id=item_id,
            meeting_id=meeting_id,
            meeting=meeting[0],
            organisations=", ".join(sorted(organisations)),
            what=what,
            who=who,
            due_date=dt.date.fromisoformat(due) if due else None,
            status=status,
        )
        for item_id, what, who, due, status in connection.execute(
            "SELECT id, what, who, due_date, status FROM followup"
            " WHERE meeting_id = ? AND NOT deleted ORDER BY created_at, rowid",
            (meeting_id,),
        )
    ]


def _rows_of(connection: sqlite3.Connection, select: str, ids: list[str]) -> list[tuple]:
    """`select` (ending in «id IN») for `ids`, in chunks below SQLite's variable limit."""
    found: list[tuple] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        found.extend(connection.execute(f"{select} ({marks})", chunk).fetchall())
    return found
