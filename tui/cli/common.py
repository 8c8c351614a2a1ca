"""Shared pieces of the command line: the error edge, translated help, --db and its resolver, output."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import click

from models.errors import InnsiktError
from tui.cli.plain import echo, failure_line
from tui.cli.plain import one_line as one_line  # re-exported: the commands print through these
from tui.cli.plain import plain_table as plain_table
from tui.cli.plain import print_json as print_json
from tui.cli.plain import print_table as print_table
from tui.cli.text import t

F = TypeVar("F", bound=Callable[..., Any])


class CliError(InnsiktError):
    """A user error the command line itself finds; its message is in the CLI's catalogue."""

    def __init__(self, message_key: str, /, **params: object) -> None:
        self.message_key = message_key
        self.params = params
        Exception.__init__(self, t(message_key, **params))


class HelpFormatter(click.HelpFormatter):
    """Click's help layout with our words for its headings («Bruk:», «Valg», «Kommandoer»)."""

    HEADINGS: ClassVar[dict[str, str]] = {
        "Options": "help_options",
        "Commands": "help_commands",
        "Positional arguments": "help_arguments",
    }

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, t("help_usage") + " " if prefix is None else prefix)

    def section(self, name: str) -> Any:
        key = self.HEADINGS.get(name)
        return super().section(t(key) if key else name)


class InnsiktContext(click.Context):
    formatter_class = HelpFormatter


class InnsiktCommand(click.Command):
    """A command whose --help speaks the user's language."""

    context_class = InnsiktContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", t("help_options_metavar"))
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = t("help_help")
        return option


class InnsiktGroup(click.Group):
    """A click group that turns our errors into one line on stderr and exit code 1."""

    context_class = InnsiktContext
    command_class = InnsiktCommand
    group_class = type  # subgroups are InnsiktGroups too

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", t("help_options_metavar"))
        optional = kwargs.get("invoke_without_command", False)
        metavar = "help_subcommand_optional_metavar" if optional else "help_subcommand_metavar"
        kwargs.setdefault("subcommand_metavar", t(metavar))
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = t("help_help")
        return option

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except (Exception, KeyboardInterrupt) as error:  # the edge: one line, no traceback
            echo(failure_line(error), err=True)
            ctx.exit(1)


def command(name: str | None = None, *, help_key: str, **settings: Any) -> Callable[[F], Any]:
    """A command with its help from the catalogue (read now, as the tree is built)."""
    return click.command(name, cls=InnsiktCommand, help=t(help_key), **settings)


def group(
    name: str | None = None,
    *,
    help_key: str,
    cls: type[InnsiktGroup] = InnsiktGroup,
    **settings: Any,
) -> Callable[[F], Any]:
    """A group of commands with its help from the catalogue."""
    return click.group(name, cls=cls, help=t(help_key), **settings)


def db_option(function: F) -> F:
    """The --db option every command takes (INNSIKT_DB is the environment's say)."""
    return click.option(
        "--db",
        "db_path",
        type=click.Path(path_type=Path),
        envvar="INNSIKT_DB",
        default=None,
        help=t("help_db"),
    )(function)


def json_option(help_key: str = "help_json") -> Callable[[F], F]:
    """The --json flag of a command that prints a table or a summary."""
    return click.option("--json", "as_json", is_flag=True, help=t(help_key))


def force_option(function: F) -> F:
    return click.option("--force", is_flag=True, help=t("help_force"))(function)


def resolve_db_path(db_path: Path | None) -> Path:
    """The database a command works on: the --db nearest to it, else the default.

    `innsikt --db X conflicts resolve ID` and `innsikt conflicts --db X resolve ID` name the
    same file as `innsikt conflicts resolve ID --db X`: a command's own --db (or INNSIKT_DB)
    first, then its group's, then the one given to `innsikt` itself.
    """
    if db_path is None:
        ctx = click.get_current_context(silent=True)
        while ctx is not None and db_path is None:
            db_path = ctx.params.get("db_path")
            ctx = ctx.parent
    if db_path is None:
        from models.locations import default_db_path

        db_path = default_db_path()
    return db_path.expanduser()


def open_db(db_path: Path | None, *, create: bool = True, read_only: bool = False) -> Any:
    """Open the chosen database, saying on stderr if it was migrated.

    Commands that only read pass `create=False, read_only=True`: a missing database is refused
    with «Finner ikke databasen …», nothing is created, and no -wal/-shm is left beside it.
    """
    from models.storage import open_database
    from tui.cli.privacy import unlock

    path = resolve_db_path(db_path)
    unlock(path)  # an encrypted database asks for its passphrase first
    db = open_database(path, create=create, read_only=read_only)
    if db.migrated_from is not None:
        from models.dbfile import SCHEMA_VERSION

        click.echo(
            t("db_migrated", old=db.migrated_from, new=SCHEMA_VERSION, backup=db.backup_path),
            err=True,
        )
    return db


@contextmanager
def opened_db(
    db_path: Path | None, *, create: bool = True, read_only: bool = False
) -> Iterator[Any]:
    """The chosen database, open for the length of one command.

    A database failure inside the command (locked past the busy timeout, disk full, read-only
    folder) becomes one plain line naming the file: never SQL or SQLAlchemy's text.
    """
    from sqlalchemy.exc import SQLAlchemyError

    from models.storage import failure_error

    db = open_db(db_path, create=create, read_only=read_only)
    try:
        yield db
    except (sqlite3.Error, SQLAlchemyError) as error:
        raise failure_error(error, db.path) from error
    finally:
        db.close()


@contextmanager
def read_db(db_path: Path | None) -> Iterator[Any]:
    """The chosen database for a command that only reads (list, check, export, search …)."""
    with opened_db(db_path, create=False, read_only=True) as db:
        yield db


def refuse_existing(path: Path, force: bool) -> None:
    """Exports never overwrite a file unless --force was given, and never a folder at all."""
    if path.is_dir():
        raise InnsiktError("output_is_directory", path=path)
    if path.exists() and not force:
        raise InnsiktError("file_exists", path=path)
