"""`innsikt check` and `innsikt list …` in their plain forms, run without importing click.

Importing click (and the typing, inspect and enum modules it needs) takes longer than all of
`python -c pass`: more than a check of the demo's file. So the command line first looks
whether its arguments are exactly one of these plain forms, on a plain (not encrypted) file
of the current schema:

    innsikt [--db FILE] check [--db FILE]
    innsikt [--db FILE] list meetings|services|journeys [--json] [--db FILE]

and runs it through the same functions as the click command (`tui/cli/reads.py`). Anything
else — --help, another option, a value that looks like an option, an encrypted, older or
missing file — is left to click, which parses and refuses it as always.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

DB_ENV = "INNSIKT_DB"  # as `tui/cli/common.py:db_option` reads it


class Plain:
    """A plain form of a read command, parsed: its name, what it lists, --json, the file.

    (A plain class: importing dataclasses, with the inspect module it needs, costs a fifth
    of what this path saves.)"""

    __slots__ = ("as_json", "command", "own_db", "root_db", "what")

    def __init__(
        self,
        command: str,
        what: str | None,
        as_json: bool,
        root_db: str | None,
        own_db: str | None,
    ) -> None:
        self.command, self.what, self.as_json = command, what, as_json
        self.root_db, self.own_db = root_db, own_db

    def path(self) -> Path:
        """The file, as click would resolve it: the command's --db, INNSIKT_DB, the root's
        --db, the default (`tui/cli/common.py:resolve_db_path`)."""
        chosen = self.own_db or os.environ.get(DB_ENV) or self.root_db
        if chosen is None:
            from models.locations import default_db_path

            return default_db_path().expanduser()
        return Path(chosen).expanduser()


def _db_value(args: Sequence[str], index: int) -> tuple[str, int] | None:
    """The value of a `--db` at `index` and the index after it; None if it is not a plain one."""
    arg = args[index]
    if arg.startswith("--db="):
        value, after = arg[len("--db=") :], index + 1
    elif arg == "--db" and index + 1 < len(args):
        value, after = args[index + 1], index + 2
    else:
        return None
    return None if not value or value.startswith("-") else (value, after)


def parse(args: Sequence[str]) -> Plain | None:
    """`args` as a plain form of `check` or `list`, or None for click to parse."""
    index, root_db = 0, None
    if index < len(args) and args[index].startswith("--db"):
        taken = _db_value(args, index)
        if taken is None:
            return None
        root_db, index = taken
    if index >= len(args) or args[index] not in ("check", "list"):
        return None
    command, index = args[index], index + 1
    own_db, as_json, words = None, False, []
    while index < len(args):
        arg = args[index]
        if arg.startswith("--db") and own_db is None:
            taken = _db_value(args, index)
            if taken is None:
                return None
            own_db, index = taken
        elif arg == "--json" and command == "list" and not as_json:
            as_json, index = True, index + 1
        elif not arg.startswith("-"):
            words.append(arg)
            index += 1
        else:
            return None
    if command == "check":
        return Plain(command, None, False, root_db, own_db) if not words else None
    from tui.cli.reads import LISTS

    if len(words) != 1 or words[0] not in LISTS:
        return None
    return Plain(command, words[0], as_json, root_db, own_db)


def _plain_file(path: Path) -> bool:
    """A file the plain reads can open as it is: plain SQLite, of the current schema."""
    from models import atrest
    from models.dbfile import SCHEMA_VERSION, inspect_file

    if atrest.is_encrypted(path):
        return False  # its passphrase is asked for through click
    header = inspect_file(path)
    return header is not None and header.user_version == SCHEMA_VERSION


def run(args: Sequence[str]) -> int | None:
    """Run `args` if they are a plain form on a plain file; the exit code, or None if not."""
    from tui.cli.fast_launch import launch

    launched = launch(args)  # the app itself, started without click
    if launched is not None:
        return launched
    plain = parse(args)
    if plain is None:
        return None
    try:
        path = plain.path()
        if not _plain_file(path):
            return None
    except Exception:  # an unreadable file, say: click's command says what is wrong with it
        return None
    try:
        from tui.cli.reads import check_file, show_list

        if plain.command == "check":
            return check_file(path)
        from models.read import reading

        with reading(path) as connection:
            show_list(connection, plain.what or "", plain.as_json)
        return 0
    except (Exception, KeyboardInterrupt) as error:  # the edge, as InnsiktGroup.invoke's
        from tui.cli.plain import echo, failure_line

        echo(failure_line(error), err=True)
        return 1
