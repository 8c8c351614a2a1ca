"""The `innsikt list meetings|services|journeys` command: plain sqlite3 reads, no ORM."""

from __future__ import annotations

from pathlib import Path

import click

from tui.cli.common import command, db_option, json_option
from tui.cli.reads import LISTS, show_list


@command("list", help_key="help_list")
@click.argument("what", type=click.Choice(list(LISTS)))
@json_option()
@db_option
def list_command(what: str, as_json: bool, db_path: Path | None) -> None:
    """Show meetings, services or journeys as a table or JSON."""
    from tui.cli.read import reading_db

    with reading_db(db_path) as connection:
        show_list(connection, what, as_json)


def register(cli: click.Group) -> None:
    cli.add_command(list_command)
