"""What the capture screen shows of one meeting, read with plain sqlite3 (no ORM).

`--meeting` shows a focused editor before SQLAlchemy is imported: every value here is exactly
what the ORM read it replaced gave (tests/test_read_capture.py holds both).
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field

from models.roles import Role

# Who speaks first in ctrl+k's list: participants, then facilitators, then note-takers.
_ROLE_ORDER = {Role.PARTICIPANT: 0, Role.FACILITATOR: 1, Role.NOTE_TAKER: 2}


@dataclass
class CaptureRows:
    """One live meeting and every author's notes and answers, as stored."""

    meeting_id: str
    title: str
    date: str  # ISO, "" when unset
    start_time: str
    guide_key: str
    guide_version: int
    organisations: str  # live names sorted, ", "-joined
    notes: dict[tuple[str, str], str]  # live notes: (question_key, author) -> text
    # (question_key, author) -> stamp of every note row, tombstones too: a save checks it
    note_stamps: dict[tuple[str, str], str]
    # (question_key, author) -> (choices, other_text, state) of the live answers
    answers: dict[tuple[str, str], tuple[list[str], str, str]]
    questions_with_services: set[str]
    speakers: tuple[tuple[str, str], ...]
    questions_with_contacts: set[str] = field(default_factory=set)
    has_followups: bool = False
    question_seconds: dict[str, int] = field(default_factory=dict)


def resolve_meeting(connection: sqlite3.Connection, ref: str, kind: str) -> str:
    """The id of the one live meeting whose id is `ref` or starts with it (as records.resolve)."""
    from models.errors import NotFoundError

    ref = ref.strip()
    if not ref:
        raise NotFoundError("not_found", kind=kind, ref=ref)
    exact = connection.execute(
        "SELECT id FROM meeting WHERE id = ? AND NOT deleted", (ref,)
    ).fetchone()
    if exact is not None:
        return str(exact[0])
    # substr, not LIKE: «_» and «%» are no wildcards here, and case counts.
    matches = [
        row[0]
        for row in connection.execute(
            "SELECT id FROM meeting WHERE NOT deleted AND substr(id, 1, ?) = ? LIMIT 6",
            (len(ref), ref),
        )
    ]
    if not matches:
        raise NotFoundError("not_found", kind=kind, ref=ref)
    if len(matches) > 1:
        shown = ", ".join(match[:8] for match in matches[:5])
        raise NotFoundError("ambiguous", kind=kind, ref=ref, matches=shown)
    return str(matches[0])


def capture_rows(connection: sqlite3.Connection, ref: str, kind: str) -> CaptureRows:
    """Everything capture shows of the meeting `ref` (an id or a prefix of one)."""
    meeting_id = resolve_meeting(connection, ref, kind)
    title, date, start_time, guide_key, guide_version = connection.execute(
        "SELECT title, coalesce(date, ''), start_time, coalesce(guide_key, ''),"
        " coalesce(guide_version, 0) FROM meeting WHERE id = ?",
        (meeting_id,),
    ).fetchone()
    on_meeting = (meeting_id,)
    notes: dict[tuple[str, str], str] = {}
    stamps: dict[tuple[str, str], str] = {}
    for question_key, author, text, hlc, deleted in connection.execute(
        "SELECT question_key, author, text, hlc, deleted FROM note WHERE meeting_id = ?",
        on_meeting,
    ):
        stamps[(question_key, author)] = hlc
        if not deleted:
            notes[(question_key, author)] = text
    answers = {
        (question_key, author): (list(json.loads(choices or "[]")), other_text, state)
        for question_key, author, choices, other_text, state in connection.execute(
            "SELECT question_key, author, choices, other_text, state FROM answer"
            " WHERE meeting_id = ? AND NOT deleted",
            on_meeting,
        )
    }
    return CaptureRows(
        meeting_id=meeting_id,
        title=title,
        date=date,
        start_time=start_time,
        guide_key=guide_key,
        guide_version=guide_version,
        organisations=", ".join(sorted(_organisations(connection, meeting_id))),
        notes=notes,
        note_stamps=stamps,
        answers=answers,
        questions_with_services=_keys(
            connection, "SELECT question_key FROM service_mention", meeting_id
        ),
        speakers=speakers(connection, meeting_id),
        questions_with_contacts=_keys(
            connection,
            "SELECT contact.question_key FROM contact"
            " JOIN person ON person.id = contact.person_id AND NOT person.deleted",
            meeting_id,
            table="contact",
        ),
        has_followups=bool(
            connection.execute(
                "SELECT 1 FROM followup WHERE meeting_id = ? AND NOT deleted LIMIT 1", on_meeting
            ).fetchone()
        ),
        question_seconds=question_seconds(connection, meeting_id),
    )


def _keys(
    connection: sqlite3.Connection, select: str, meeting_id: str, table: str = ""
) -> set[str]:
    prefix = f"{table}." if table else ""
    sql = f"{select} WHERE {prefix}meeting_id = ? AND NOT {prefix}deleted"
    return {row[0] for row in connection.execute(sql, (meeting_id,))}


def _organisations(connection: sqlite3.Connection, meeting_id: str) -> list[str]:
    return [
        row[0]
        for row in connection.execute(
            "SELECT org.name FROM meeting_organisation AS link"
            " JOIN organisation AS org ON org.id = link.organisation_id AND NOT org.deleted"
            " WHERE link.meeting_id = ? AND NOT link.deleted",
            (meeting_id,),
        )
    ]


def speakers(connection: sqlite3.Connection, meeting_id: str) -> tuple[tuple[str, str], ...]:
    """(name, organisation) of everyone taking part, participants first, each once (people and
    organisations since joined into others read as the kept ones: `models.joins`)."""
    from models.joins import register

    register(connection)
    rows = connection.execute(
        "SELECT part.role, person.name, coalesce(org.name, '') FROM participation AS part"
        " JOIN person ON person.id = resolved_person(part.person_id) AND NOT person.deleted"
        " LEFT JOIN organisation AS org"
        "   ON org.id = resolved_organisation(person.organisation_id) AND NOT org.deleted"
        " WHERE part.meeting_id = ? AND NOT part.deleted ORDER BY part.rowid",
        (meeting_id,),
    ).fetchall()
    found: list[tuple[str, str]] = []
    for _role, name, organisation in sorted(rows, key=lambda row: _ROLE_ORDER.get(row[0], 3)):
        if (name, organisation) not in found:
            found.append((name, organisation))
    return tuple(found)


def question_seconds(connection: sqlite3.Connection, meeting_id: str) -> dict[str, int]:
    """Seconds spent on each question of the meeting, summed over every device."""
    totals: dict[str, int] = defaultdict(int)
    for question_key, seconds in connection.execute(
        "SELECT question_key, seconds FROM question_time WHERE meeting_id = ? AND NOT deleted",
        (meeting_id,),
    ):
        totals[question_key] += seconds
    return dict(totals)
