"""The `innsikt minutes status MEETING utkast|til-godkjenning|godkjent [--frist DD.MM.ÅÅÅÅ]` command."""

from __future__ import annotations

from pathlib import Path

import click

from models.text import t
from tui.cli.common import InnsiktGroup, db_option, opened_db


@click.group("minutes", cls=InnsiktGroup)
def minutes_group() -> None:
    """Referatenes status: utkast, til godkjenning, godkjent."""


@minutes_group.command("status")
@click.argument("meeting")
@click.argument("status")
@click.option("--frist", default=None, help="Merknadsfrist (DD.MM.ÅÅÅÅ), ved til-godkjenning.")
@db_option
def status_command(meeting: str, status: str, frist: str | None, db_path: Path | None) -> None:
    """Sett referatets status. MEETING er id eller et entydig prefiks.

    STATUS er utkast, til-godkjenning eller godkjent. Versjonen økes hver gang referatet sendes
    til godkjenning.
    """
    from models.minutes import check_status, parse_deadline, set_minutes_status

    # Checked before the database is opened: bad input changes nothing.
    checked = check_status(status)
    deadline = parse_deadline(frist) if frist is not None else None
    if db_path is None:
        db_path = (click.get_current_context().find_root().obj or {}).get("db_path")
    with opened_db(db_path) as db:
        found, record = set_minutes_status(db, meeting, checked, deadline)
    click.echo(t("minutes_status_set", title=found.title, status=checked, version=record.version))
    if record.comment_deadline and checked == "til-godkjenning":
        click.echo(
            t("minutes_status_deadline", deadline=record.comment_deadline.strftime("%d.%m.%Y"))
        )


def register(cli: click.Group) -> None:
    cli.add_command(minutes_group)
