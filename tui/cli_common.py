"""Shared pieces of the command line: the error edge, the --db option, output helpers."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from models.errors import InnsiktError
from models.text import t

F = TypeVar("F", bound=Callable[..., Any])


class InnsiktGroup(click.Group):
    """A click group that turns our errors into one line on stderr and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InnsiktError as error:
            click.echo(str(error), err=True)
            ctx.exit(1)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            click.echo(t("interrupted"), err=True)
            ctx.exit(1)
        except Exception as error:  # the edge: no traceback ever reaches a user
            click.echo(t("unexpected", detail=f"{type(error).__name__}: {error}"), err=True)
            ctx.exit(1)


def db_option(function: F) -> F:
    """The --db option every command takes (INNSIKT_DB is the environment's say)."""
    return click.option(
        "--db",
        "db_path",
        type=click.Path(path_type=Path),
        envvar="INNSIKT_DB",
        default=None,
        help="Databasefil (standard: i brukerens datamappe, eller INNSIKT_DB).",
    )(function)


def resolve_db_path(db_path: Path | None) -> Path:
    from models.locations import default_db_path

    return db_path if db_path is not None else default_db_path()


def open_db(db_path: Path | None) -> Any:
    """Open the chosen database, saying on stderr if it was migrated."""
    from models.storage import open_database
    from tui.cli_privacy import unlock

    path = resolve_db_path(db_path).expanduser()
    unlock(path)  # privacy: an encrypted database asks for its passphrase first
    db = open_database(path)
    if db.migrated_from is not None:
        from models.storage import SCHEMA_VERSION

        click.echo(
            t("db_migrated", old=db.migrated_from, new=SCHEMA_VERSION, backup=db.backup_path),
            err=True,
        )
    return db


@contextmanager
def opened_db(db_path: Path | None) -> Iterator[Any]:
    """The chosen database, open for the length of one command."""
    db = open_db(db_path)
    try:
        yield db
    finally:
        db.close()


def refuse_existing(path: Path, force: bool) -> None:
    """Exports never overwrite a file unless --force was given."""
    if path.exists() and not force:
        raise InnsiktError("file_exists", path=path)


def print_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def print_table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*("" if cell is None else str(cell) for cell in row))
    # Piped output is read by people in wide terminals or by grep: do not fold at 80 columns.
    width = None if sys.stdout.isatty() else 200
    Console(file=sys.stdout, width=width).print(table)
