"""What the home screen shows, read through `models.read` without importing the ORM.

Its rows are named tuples, not dataclasses: this module is imported before home's first frame,
and making a dataclass (its methods compiled at import) cost a millisecond or two each."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from models import read

if TYPE_CHECKING:
    from models.joins import Joins
    from models.storage import Database


class HomeMeeting(NamedTuple):
    id: str
    journey_id: str
    journey: str
    title: str
    date: str
    organisations: str
    guide: str
    answered: int
    questions: int
    open_followups: int
    start_time: str = ""
    short_organisations: str = ""  # short names where known, for narrow terminals


class HomeJourney(NamedTuple):
    id: str
    name: str
    meetings: int


class HomeData(NamedTuple):
    journeys: tuple[HomeJourney, ...]
    meetings: tuple[HomeMeeting, ...]

    @property
    def empty(self) -> bool:
        return not self.journeys and not self.meetings


def question_count(guide_key: str, version: int, cache: dict[tuple[str, int], int]) -> int:
    """The number of questions in that guide (0 when it is not installed here): from the
    shipped guides' heads where they tell (home's first frame imports no guide parser)."""
    from models.guide_heads import question_count as counted

    if (guide_key, version) not in cache:
        found = counted(guide_key, version or None)
        cache[(guide_key, version)] = _parsed_count(guide_key, version) if found is None else found
    return cache[(guide_key, version)]


def _parsed_count(guide_key: str, version: int) -> int:
    from models.errors import GuideError
    from models.guides import question_count as guide_questions

    try:
        return guide_questions(guide_key, version or None)
    except GuideError:
        return 0


def journeys(connection: sqlite3.Connection) -> tuple[HomeJourney, ...]:
    return tuple(
        HomeJourney(id=row.id, name=row.name, meetings=row.meetings)
        for row in read.journey_rows(connection)
    )


def short_organisations(
    connection: sqlite3.Connection, joins: Joins | None = None
) -> dict[str, str]:
    """Per meeting id, its organisations by short name (the full name where none is set); a
    link to a joined organisation names the one it was joined into, once (`models.joins`;
    `joins`: the connection's join maps, if read already)."""
    from models.joins import register

    register(connection, joins)
    names: dict[str, list[str]] = {}
    for meeting_id, _, name in connection.execute(
        "SELECT DISTINCT link.meeting_id, org.id, coalesce(nullif(org.short_name, ''), org.name)"
        " FROM meeting_organisation AS link"
        " JOIN organisation AS org ON org.id = resolved_organisation(link.organisation_id)"
        " WHERE NOT link.deleted AND NOT org.deleted"
    ):
        names.setdefault(meeting_id, []).append(name)
    return {meeting_id: ", ".join(sorted(found)) for meeting_id, found in names.items()}


def load_home(db: Database | Path, timeout: float | None = None) -> HomeData:
    """Journeys and meetings with their counts, from the database (or the file at a path);
    `timeout`: how long to wait for another program's lock (`models.read.reading`)."""
    path = db if isinstance(db, Path) else db.path
    counts: dict[tuple[str, int], int] = {}
    with read.reading(path, timeout) as connection:
        from models.joins import register

        joins = register(connection)  # read once for both readers of the organisations
        short = short_organisations(connection, joins)
        meetings = tuple(
            HomeMeeting(
                id=m.id,
                journey_id=m.journey_id,
                journey=m.journey,
                title=m.title,
                date=m.date,
                organisations=m.organisations,
                guide=m.guide,
                answered=m.answered,
                questions=question_count(m.guide_key, m.guide_version, counts),
                open_followups=m.open_followups,
                start_time=m.start_time,
                short_organisations=short.get(m.id, m.organisations),
            )
            for m in read.meetings(connection, joins)
        )
        return HomeData(journeys=journeys(connection), meetings=meetings)


def remembered_author(path: Path, timeout: float | None = None) -> str:
    """This laptop's last author, read without the ORM."""
    with read.reading(path, timeout) as connection:
        return read.meta_value(connection, read.AUTHOR_KEY) or ""
