"""The `innsikt list meetings|services|journeys` command: plain sqlite3 reads, no ORM."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from tui.cli.common import command, db_option, json_option, print_json, print_table
from tui.cli.text import t


def _meetings(connection: Any) -> tuple[list[Any], str, list[str], list[list[Any]]]:
    from models import read

    rows = read.meeting_rows(connection)
    columns = ["id", "date", "meeting", "organisations", "journey", "notes", "open_followups"]
    cells = [
        [r.id[:8], r.date, r.title, r.organisations, r.journey, r.notes, r.open_followups]
        for r in rows
    ]
    return rows, "table_meetings", columns, cells


def _services(connection: Any) -> tuple[list[Any], str, list[str], list[list[Any]]]:
    from models import read

    rows = read.service_rows(connection)
    columns = ["id", "service", "owner", "status", "criticality", "nodnett", "meetings"]
    cells = [
        [r.id[:8], r.name, r.owner, r.status, r.criticality, r.nodnett_dependency, r.meetings]
        for r in rows
    ]
    return rows, "table_services", columns, cells


def _journeys(connection: Any) -> tuple[list[Any], str, list[str], list[list[Any]]]:
    from models import read

    rows = read.journey_rows(connection)
    return (
        rows,
        "table_journeys",
        ["id", "journey", "meetings"],
        [[r.id[:8], r.name, r.meetings] for r in rows],
    )


LISTS = {"meetings": _meetings, "services": _services, "journeys": _journeys}


@command("list", help_key="help_list")
@click.argument("what", type=click.Choice(list(LISTS)))
@json_option()
@db_option
def list_command(what: str, as_json: bool, db_path: Path | None) -> None:
    """Show meetings, services or journeys as a table or JSON."""
    from tui.cli.read import reading_db

    with reading_db(db_path) as connection:
        rows, title, columns, cells = LISTS[what](connection)
    if as_json:
        print_json([row.as_dict() for row in rows])
    else:
        print_table(t(title), [t(f"col_{column}") for column in columns], cells)


def register(cli: click.Group) -> None:
    cli.add_command(list_command)
