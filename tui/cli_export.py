"""The `innsikt export minutes|report|services|markdown` commands."""

from __future__ import annotations

import click

from models.errors import InnsiktError
from tui.cli_common import db_option


def _not_yet(name: str) -> click.Command:
    @click.command(name, context_settings={"ignore_unknown_options": True})
    @click.argument("args", nargs=-1, type=click.UNPROCESSED)
    @db_option
    def command(args: tuple[str, ...], db_path: object) -> None:
        raise InnsiktError("not_yet", command=f"innsikt export {name}")

    return command


def register(export: click.Group) -> None:
    """Add the document exports to the `export` group."""
    for name, help_text in [
        ("minutes", "Skriv møtereferat (Word)."),
        ("report", "Skriv sammenstilling for en reise (Word)."),
        ("services", "Skriv tjenestekatalogen (Excel/CSV)."),
        ("markdown", "Skriv referat og rapport som Markdown."),
    ]:
        command = _not_yet(name)
        command.help = help_text
        export.add_command(command)
