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
    from models.check import check_database
    from models.dbfile import SCHEMA_VERSION
    from models.read import meta_value, reading
    from tui.cli.privacy import unlock

    path = resolve_db_path(db_path)
    unlock(path)
    problems = check_database(path)
    if repair:
        from tui.cli.search import repair_index

        problems = repair_index(path, problems)
    if problems:
        for line in problems:
            click.echo(line, err=True)
        ctx.exit(1)
    with reading(path) as connection:
        device = meta_value(connection, "device_id") or ""
    click.echo(t("check_ok", path=path, version=SCHEMA_VERSION, device=device[:8]))


def register(cli: click.Group) -> None:
    cli.add_command(check)
