"""What the lists show (home, `innsikt list`, the service catalogue), read with plain sqlite3.

No SQLModel or SQLAlchemy here: counts are SQL aggregates and rows are named tuples, so a list
is on screen without paying for the ORM's import or for loading every note as an object (and
without making a dataclass, whose methods are compiled as this module is imported: home's first
frame imports it).
The results are exactly those of the ORM reads they replaced (tests/test_read.py holds both).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from models.joins import Joins

AUTHOR_KEY = "author"  # the meta key under which the app remembers who writes here


class MeetingRow(NamedTuple):
    id: str
    journey: str
    title: str
    date: str
    organisations: str
    guide: str
    notes: int
    open_followups: int

    def as_dict(self) -> dict[str, object]:
        return self._asdict()


class JourneyRow(NamedTuple):
    id: str
    name: str
    meetings: int
    description: str

    def as_dict(self) -> dict[str, object]:
        return self._asdict()


class ServiceRow(NamedTuple):
    id: str
    name: str
    owner: str
    status: str
    criticality: str
    nodnett_dependency: str
    meetings: int

    def as_dict(self) -> dict[str, object]:
        return self._asdict()


class MeetingSummary(NamedTuple):
    """One live meeting with everything a list of meetings shows."""

    id: str
    journey_id: str
    journey: str
    title: str
    date: str  # ISO, "" when unset
    start_time: str
    organisations: str  # names sorted, ", "-joined
    guide_key: str
    guide_version: int
    notes: int  # notes with text
    answered: int  # questions with a note, a choice, «annet», a state or a linked service
    open_followups: int

    @property
    def guide(self) -> str:
        return f"{self.guide_key} v{self.guide_version}" if self.guide_key else ""

    def row(self) -> MeetingRow:
        return MeetingRow(
            id=self.id,
            journey=self.journey,
            title=self.title,
            date=self.date,
            organisations=self.organisations,
            guide=self.guide,
            notes=self.notes,
            open_followups=self.open_followups,
        )


@contextmanager
def reading(path: Path | str, timeout: float | None = None) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the database at `path` for the length of one read.

    Plain files are read by a URI that leaves no -wal/-shm beside them; an encrypted one
    through SQLCipher (its passphrase known already, `models.atrest`). `timeout`: how long
    to wait for another program's lock (BUSY_TIMEOUT unless given).
    """
    from models import atrest
    from models.dbfile import BUSY_TIMEOUT
    from models.errors import DatabaseError
    from models.failures import failure_error
    from models.paths import read_only_uri

    path = Path(path).expanduser()
    wait = BUSY_TIMEOUT if timeout is None else timeout
    try:
        if atrest.is_encrypted(path):
            connection = atrest.connect(path, timeout=wait)
        else:
            connection = sqlite3.connect(read_only_uri(path), uri=True, timeout=wait)
    except sqlite3.Error as error:
        raise failure_error(error, path) from error
    try:
        yield connection
    except sqlite3.Error as error:
        missing = str(error).partition("no such table: ")[2]
        if missing:  # our file, but a table is gone: damaged, said as such
            raise DatabaseError("db_incomplete", path=path, table=missing) from error
        raise failure_error(error, path) from error
    finally:
        connection.close()


def _per_meeting(connection: sqlite3.Connection, sql: str) -> dict[str, int]:
    return dict(connection.execute(sql).fetchall())


# Questions with something on them; UNION makes each (meeting, question) count once.
_ANSWERED = """
SELECT meeting_id, count(*) FROM (
    SELECT meeting_id, question_key FROM note WHERE NOT deleted AND text != ''
    UNION
    SELECT meeting_id, question_key FROM answer
     WHERE NOT deleted AND (json_array_length(choices) > 0 OR other_text != '' OR state != '')
    UNION
    SELECT meeting_id, question_key FROM service_mention WHERE NOT deleted
) GROUP BY meeting_id
"""


def meeting_organisations(
    connection: sqlite3.Connection, joins: Joins | None = None
) -> dict[str, list[str]]:
    """The live organisation names of each meeting's live links, per meeting id (a link to a
    joined organisation counts as one to the organisation it was joined into); `joins`: the
    connection's join maps, if the caller has read them already."""
    from models.joins import register

    register(connection, joins)
    result: dict[str, list[str]] = defaultdict(list)
    for meeting_id, _, name in connection.execute(
        "SELECT DISTINCT link.meeting_id, org.id, org.name FROM meeting_organisation AS link"
        " JOIN organisation AS org ON org.id = resolved_organisation(link.organisation_id)"
        " WHERE NOT link.deleted AND NOT org.deleted"
    ):
        result[meeting_id].append(name)
    return result


def meetings(connection: sqlite3.Connection, joins: Joins | None = None) -> list[MeetingSummary]:
    """Every live meeting, by date, start time and title (`joins`: as `meeting_organisations`)."""
    organisations = meeting_organisations(connection, joins)
    notes = _per_meeting(
        connection,
        "SELECT meeting_id, count(*) FROM note WHERE NOT deleted AND text != ''"
        " GROUP BY meeting_id",
    )
    followups = _per_meeting(
        connection,
        "SELECT meeting_id, count(*) FROM followup WHERE NOT deleted AND status != 'lukket'"
        " GROUP BY meeting_id",
    )
    answered = _per_meeting(connection, _ANSWERED)
    rows = connection.execute(
        "SELECT meeting.id, meeting.journey_id, coalesce(journey.name, ''), meeting.title,"
        " coalesce(meeting.date, ''), meeting.start_time, meeting.guide_key,"
        " meeting.guide_version"
        " FROM meeting LEFT JOIN journey ON journey.id = meeting.journey_id AND NOT journey.deleted"
        " WHERE NOT meeting.deleted ORDER BY meeting.date, meeting.start_time, meeting.title"
    )
    return [
        MeetingSummary(
            id=meeting_id,
            journey_id=journey_id,
            journey=journey,
            title=title,
            date=date,
            start_time=start_time,
            organisations=", ".join(sorted(organisations.get(meeting_id, []))),
            guide_key=guide_key,
            guide_version=guide_version,
            notes=notes.get(meeting_id, 0),
            answered=answered.get(meeting_id, 0),
            open_followups=followups.get(meeting_id, 0),
        )
        for meeting_id, journey_id, journey, title, date, start_time, guide_key, guide_version in rows
    ]


def meeting_rows(connection: sqlite3.Connection) -> list[MeetingRow]:
    """The rows of `innsikt list meetings`."""
    return [summary.row() for summary in meetings(connection)]


def journey_rows(connection: sqlite3.Connection) -> list[JourneyRow]:
    """Every live journey by name, with its number of live meetings."""
    return [
        JourneyRow(id=row[0], name=row[1], meetings=row[2], description=row[3])
        for row in connection.execute(
            "SELECT journey.id, journey.name,"
            " (SELECT count(*) FROM meeting"
            "   WHERE meeting.journey_id = journey.id AND NOT meeting.deleted),"
            " journey.description"
            " FROM journey WHERE NOT journey.deleted ORDER BY journey.name"
        )
    ]


def service_rows(connection: sqlite3.Connection) -> list[ServiceRow]:
    """Every live service by name: its owner's name and the meetings that mention it (joins
    resolved: a mention of a joined service counts for the service it was joined into)."""
    from models.joins import register

    register(connection)
    mentioned = _per_meeting(
        connection,
        "SELECT resolved_service(service_id), count(DISTINCT meeting_id) FROM service_mention"
        " WHERE NOT deleted GROUP BY 1",
    )
    return [
        ServiceRow(
            id=service_id,
            name=name,
            owner=owner,
            status=status,
            criticality=criticality,
            nodnett_dependency=nodnett,
            meetings=mentioned.get(service_id, 0),
        )
        for service_id, name, owner, status, criticality, nodnett in connection.execute(
            "SELECT service.id, service.name, coalesce(org.name, ''), service.status,"
            " service.criticality, service.nodnett_dependency"
            " FROM service LEFT JOIN organisation AS org"
            "   ON org.id = resolved_organisation(service.owner_id) AND NOT org.deleted"
            " WHERE NOT service.deleted ORDER BY service.name"
        )
    ]


def organisation_short_names(connection: sqlite3.Connection) -> dict[str, str]:
    """Each live organisation's name mapped to its short name (or the name when it has none)."""
    return {
        name: short or name
        for name, short in connection.execute(
            "SELECT name, short_name FROM organisation WHERE NOT deleted"
        )
    }


def meta_value(connection: sqlite3.Connection, key: str) -> str | None:
    """A value of the never-merged `meta` table (device id, clock, this laptop's author)."""
    row = connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None
