"""The `innsikt guide list|validate|import` commands: the interview guides."""

from __future__ import annotations

from pathlib import Path

import click

from tui.cli.common import db_option, group, json_option, print_json, print_table
from tui.cli.text import t


@group("guide", help_key="help_guide")
def guide() -> None:
    """Interview guides: show, validate and import."""


@guide.command("list", help=t("help_guide_list"))
@json_option()
@db_option
def guide_list(as_json: bool, db_path: Path | None) -> None:
    """The shipped guides and the user's own."""
    from models.guides import all_guides, user_guide_warnings

    for warning in user_guide_warnings():
        click.echo(warning, err=True)
    guides = all_guides()
    if as_json:
        print_json(
            [
                {
                    "key": g.key,
                    "version": g.version,
                    "title": g.title,
                    "questions": len(g.questions()),
                    "shipped": g.shipped,
                    "file": str(g.source),
                }
                for g in guides
            ]
        )
        return
    print_table(
        t("table_guides"),
        [t(f"col_{column}") for column in ("key", "version", "title", "questions", "source")],
        [
            [
                g.key,
                g.version,
                g.title,
                len(g.questions()),
                t("guide_shipped") if g.shipped else str(g.source),
            ]
            for g in guides
        ],
    )


@guide.command("validate", help=t("help_guide_validate"))
@click.argument("file", type=click.Path(path_type=Path))
@db_option
def guide_validate(file: Path, db_path: Path | None) -> None:
    """Check a guide file."""
    from models.guides import load_guide_file

    loaded = load_guide_file(file)
    click.echo(
        t(
            "guide_valid",
            file=file,
            title=loaded.title,
            key=loaded.key,
            version=loaded.version,
            questions=len(loaded.questions()),
        )
    )


@guide.command("import", help=t("help_guide_import"))
@click.argument("file", type=click.Path(path_type=Path))
@db_option
def guide_import(file: Path, db_path: Path | None) -> None:
    """Check a guide file and add it to the user's guides."""
    from models.guides import import_guide

    loaded, target = import_guide(file)
    click.echo(
        t("guide_imported", title=loaded.title, key=loaded.key, version=loaded.version, file=target)
    )


def register(cli: click.Group) -> None:
    cli.add_command(guide)
