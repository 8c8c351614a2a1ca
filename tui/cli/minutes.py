"""The `innsikt minutes status MEETING utkast|til-godkjenning|godkjent [--frist DD.MM.ÅÅÅÅ]` command."""

from __future__ import annotations

from pathlib import Path

import click

from tui.cli.common import db_option, group, opened_db
from tui.cli.text import t


@group("minutes", help_key="help_minutes")
def minutes_group() -> None:
    """The status of minutes: draft, for approval, approved."""


@minutes_group.command("status", help=t("help_minutes_status"))
@click.argument("meeting")
@click.argument("status")
@click.option("--frist", default=None, help=t("help_minutes_deadline"))
@db_option
def status_command(meeting: str, status: str, frist: str | None, db_path: Path | None) -> None:
    """Set the status of a meeting's minutes; sending for approval raises the version."""
    from models.minutes import check_status, parse_deadline, set_minutes_status

    # Checked before the database is opened: bad input changes nothing.
    checked = check_status(status)
    deadline = parse_deadline(frist) if frist is not None else None
    with opened_db(db_path) as db:
        found, record = set_minutes_status(db, meeting, checked, deadline)
    click.echo(t("minutes_status_set", title=found.title, status=checked, version=record.version))
    if record.comment_deadline and checked == "til-godkjenning":
        click.echo(
            t("minutes_status_deadline", deadline=record.comment_deadline.strftime("%d.%m.%Y"))
        )


def register(cli: click.Group) -> None:
    cli.add_command(minutes_group)
