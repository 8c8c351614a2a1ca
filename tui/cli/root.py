"""The `innsikt` console script: the root group, each command group registered from its module."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

from tui.cli import (
    check,
    demo,
    export,
    guide,
    hub,
    imports,
    listing,
    merge,
    minutes,
    privacy,
    review,
    search,
    teams,
)
from tui.cli.common import db_option, group, resolve_db_path
from tui.cli.text import t


@group(
    help_key="help_root",
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@db_option
@click.option("--meeting", "meeting_ref", default=None, help=t("help_root_meeting"))
@click.option("--author", default=None, help=t("help_root_author"))
@click.pass_context
def cli(
    ctx: click.Context, db_path: Path | None, meeting_ref: str | None, author: str | None
) -> None:
    """Without a command, open the app."""
    if ctx.invoked_subcommand is None:
        from tui.launch import run_app

        ctx.exit(run_app(resolve_db_path(db_path), meeting_ref=meeting_ref, author=author))


# One line per command group; `teams` adds to the export and import groups, so it comes after.
for module in (demo, listing, check, guide, export, imports, teams, merge, review, minutes):
    module.register(cli)
for module in (privacy, search, hub):
    module.register(cli)


def tolerate_console_encoding() -> None:
    """Never die of UnicodeEncodeError on a console that is not UTF-8 (cp850, cp1252 on Windows).

    A character the console cannot show («–», an emoji in a note) is printed as «?» instead.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        # A closed or detached stream has nothing to print to anyway.
        with contextlib.suppress(ValueError, OSError):
            reconfigure(errors="replace")


def main(argv: list[str] | None = None) -> None:
    """Entry point: usage errors exit 2, user errors 1, success 0."""
    tolerate_console_encoding()
    cli.main(args=argv, prog_name="innsikt")
