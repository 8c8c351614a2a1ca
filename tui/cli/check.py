"""The `innsikt check [--repair]` command: the file's health, without the ORM."""

from __future__ import annotations

from pathlib import Path

import click

from tui.cli.common import command, db_option, resolve_db_path
from tui.cli.text import t


@command("check", help_key="help_check")
@click.option("--repair", is_flag=True, help=t("help_check_repair"))
@db_option
@click.pass_context
def check(ctx: click.Context, repair: bool, db_path: Path | None) -> None:
    """Check integrity, schema version, foreign keys and the search index."""
    from tui.cli.privacy import unlock
    from tui.cli.reads import check_file

    path = resolve_db_path(db_path)
    unlock(path)
    ctx.exit(check_file(path, repair))


def register(cli: click.Group) -> None:
    cli.add_command(check)
