"""The `innsikt import` group and its `import json` command (Teams files: teams.py)."""

from __future__ import annotations

from pathlib import Path

import click

from tui.cli.common import db_option, group, opened_db, resolve_db_path
from tui.cli.text import t


@group("import", help_key="help_import")
def import_group() -> None:
    """Import a JSON archive, an attendance list or a transcript."""


@import_group.command("json", help=t("help_import_json"))
@click.argument("file", type=click.Path(path_type=Path))
@db_option
def import_json(file: Path, db_path: Path | None) -> None:
    """Read in a JSON archive; an invalid one changes nothing."""
    from models.archive import import_archive, read_sealed_or_plain
    from models.storage import undone_if_new
    from tui.cli.privacy import passphrase_for
    from tui.cli.progress import progress_bar

    # A bad archive is refused before a database is made.
    archive = read_sealed_or_plain(file, passphrase_for)
    target = resolve_db_path(db_path)
    with (
        undone_if_new(target),
        opened_db(target) as db,
        progress_bar("progress_import") as progress,
    ):
        summary = import_archive(db, file, archive=archive, progress=progress)
    for future in summary.future:
        click.echo(
            t("future_stamps", file=future.file, records=future.records, latest=future.latest),
            err=True,
        )
    click.echo(
        t(
            "imported",
            path=file,
            added=summary.added,
            updated=summary.updated,
            unchanged=summary.unchanged,
        )
    )


def register(cli: click.Group) -> None:
    cli.add_command(import_group)
