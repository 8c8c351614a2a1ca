"""`innsikt check` and `innsikt list …` as plain functions of a database file, without click.

Their click commands (`tui/cli/check.py`, `tui/cli/listing.py`) and the fast path
(`tui/cli/fast.py`) run these, so both print the same and exit the same.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from tui.cli.plain import echo, print_json, print_table
from tui.cli.text import t

TYPE_CHECKING = False  # typing is not imported at run time: it costs as much as the read
if TYPE_CHECKING:
    from typing import Any

    Listing = tuple[list[Any], str, list[str], list[list[Any]]]


def check_file(path: Path, repair: bool = False) -> int:
    """Check the database at `path` (rebuilding its search index with `repair`); the exit code.

    Problems go to stderr, one a line; a healthy file gets one line on stdout.
    """
    from models.check import examine
    from models.dbfile import SCHEMA_VERSION

    problems, device = examine(path)
    if repair:
        from tui.cli.search import repair_index

        problems = repair_index(path, problems)
        if not problems and device is None:  # the file had problems: read it now
            from models.read import meta_value, reading

            with reading(path) as connection:
                device = meta_value(connection, "device_id")
    if problems:
        for line in problems:
            echo(line, err=True)
        return 1
    echo(t("check_ok", path=path, version=SCHEMA_VERSION, device=(device or "")[:8]))
    return 0


def _meetings(connection: sqlite3.Connection) -> Listing:
    from models import read

    rows = read.meeting_rows(connection)
    columns = ["id", "date", "meeting", "organisations", "journey", "notes", "open_followups"]
    cells = [
        [r.id[:8], r.date, r.title, r.organisations, r.journey, r.notes, r.open_followups]
        for r in rows
    ]
    return rows, "table_meetings", columns, cells


def _services(connection: sqlite3.Connection) -> Listing:
    from models import read

    rows = read.service_rows(connection)
    columns = ["id", "service", "owner", "status", "criticality", "nodnett", "meetings"]
    cells = [
        [r.id[:8], r.name, r.owner, r.status, r.criticality, r.nodnett_dependency, r.meetings]
        for r in rows
    ]
    return rows, "table_services", columns, cells


def _journeys(connection: sqlite3.Connection) -> Listing:
    from models import read

    rows = read.journey_rows(connection)
    return (
        rows,
        "table_journeys",
        ["id", "journey", "meetings"],
        [[r.id[:8], r.name, r.meetings] for r in rows],
    )


LISTS: dict[str, Callable[[sqlite3.Connection], Listing]] = {
    "meetings": _meetings,
    "services": _services,
    "journeys": _journeys,
}


def show_list(connection: sqlite3.Connection, what: str, as_json: bool) -> None:
    """Print the meetings, services or journeys of the database as a table or JSON."""
    rows, title, columns, cells = LISTS[what](connection)
    if as_json:
        print_json([row.as_dict() for row in rows])
    else:
        print_table(t(title), [t(f"col_{column}") for column in columns], cells)
