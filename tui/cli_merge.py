"""The `innsikt snapshot`, `merge` and `conflicts` commands."""

from __future__ import annotations

import click

from models.errors import InnsiktError
from tui.cli_common import db_option


def _not_yet(name: str) -> click.Command:
    @click.command(name, context_settings={"ignore_unknown_options": True})
    @click.argument("args", nargs=-1, type=click.UNPROCESSED)
    @db_option
    def command(args: tuple[str, ...], db_path: object) -> None:
        raise InnsiktError("not_yet", command=f"innsikt {name}")

    return command


def register(cli: click.Group) -> None:
    """Add the laptop-merging commands to the top-level group."""
    for name, help_text in [
        ("snapshot", "Skriv en konsistent kopi for overlevering."),
        ("merge", "Slå sammen kopier fra andre maskiner."),
        ("conflicts", "Vis åpne konflikter."),
    ]:
        command = _not_yet(name)
        command.help = help_text
        cli.add_command(command)
