"""The `innsikt demo` command: a fictional journey to try the app on."""

from __future__ import annotations

from pathlib import Path

import click

from tui.cli.common import command, db_option, opened_db
from tui.cli.text import t


@command("demo", help_key="help_demo")
@db_option
def demo(db_path: Path | None) -> None:
    """Fill the database with the demo journey."""
    from models.demo import load_demo

    with opened_db(db_path) as db:
        summary = load_demo(db)
    click.echo(t("demo_done", path=db.path, meetings=summary.meetings, services=summary.services))


def register(cli: click.Group) -> None:
    cli.add_command(demo)
