"""`innsikt [--db FILE] [--meeting REF] [--author NAME]`: the app started without importing click.

Importing click and building the root group cost a twentieth of a bare Textual app's whole
start, and opening the app needs none of it. Only exactly these options, each at most once
(`--name VALUE` or `--name=VALUE`, a value that is not empty and does not look like an
option), are taken here; anything else — --help, a command, another option — is left to
click, which parses and refuses it as always. The file is chosen as the root group's --db
chooses it: the option, then INNSIKT_DB, then the default (`tui/cli/common.py:db_option`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from tui.cli.fast import DB_ENV

OPTIONS = {"--db": "db", "--meeting": "meeting", "--author": "author"}


def parse_launch(args: Sequence[str]) -> dict[str, str] | None:
    """The options of a plain start of the app, by name (db, meeting, author); else None."""
    given: dict[str, str] = {}
    index = 0
    while index < len(args):
        name, equals, value = args[index].partition("=")
        if name not in OPTIONS or OPTIONS[name] in given:
            return None
        if not equals:
            if index + 1 >= len(args):
                return None
            value, index = args[index + 1], index + 1
        if not value or value.startswith("-"):
            return None
        given[OPTIONS[name]] = value
        index += 1
    return given


def launch(args: Sequence[str]) -> int | None:
    """Run the app if `args` are a plain start; its exit code, or None for click to parse."""
    given = parse_launch(args)
    if given is None:
        return None
    try:
        chosen = given.get("db") or os.environ.get(DB_ENV)  # an empty one is not set
        if not chosen:
            from models.locations import default_db_path

            path = default_db_path()
        else:
            path = Path(chosen)
        from tui.launch import run_app

        return run_app(
            path.expanduser(), meeting_ref=given.get("meeting"), author=given.get("author")
        )
    except (Exception, KeyboardInterrupt) as error:  # the edge, as InnsiktGroup.invoke's
        from tui.cli.plain import echo, failure_line

        echo(failure_line(error), err=True)
        return 1
