"""The privacy commands: `innsikt person erase`, and the passphrase for encrypted files."""

from __future__ import annotations

from pathlib import Path

import click

from models.text import t
from tui.cli.common import InnsiktGroup, db_option, opened_db


def _db_path(ctx: click.Context, db_path: Path | None) -> Path | None:
    if db_path is not None:
        return db_path
    root = ctx.find_root().obj or {}
    return root.get("db_path")


@click.group(cls=InnsiktGroup)
def person() -> None:
    """Personer: slett en person for godt."""


@person.command("erase")
@click.argument("person_ref", metavar="PERSON")
@click.option("--yes", is_flag=True, help="Ikke spør først.")
@db_option
@click.pass_context
def person_erase(ctx: click.Context, person_ref: str, yes: bool, db_path: Path | None) -> None:
    """Slett en person overalt, for godt (også gjennom senere sammenslåinger).

    PERSON er id, et entydig id-prefiks eller hele navnet.
    """
    from models.erase import describe, erase_person

    with opened_db(_db_path(ctx, db_path)) as db:
        if not yes:
            plan = erase_person(db, person_ref, apply=False)
            for line in describe(plan):
                click.echo(line)
            if not click.confirm(t("erase_confirm"), default=False):
                click.echo(t("erase_cancelled"))
                ctx.exit(1)
        report = erase_person(db, person_ref, apply=True)
    for line in describe(report):
        click.echo(line)
    if report.leftovers:
        click.echo(t("erase_leftovers", paths=", ".join(map(str, report.leftovers))), err=True)
    click.echo(t("erase_earlier_files"), err=True)


# --- passphrases ------------------------------------------------------------------------------

PASSPHRASE_ENV = "INNSIKT_PASSPHRASE"


def passphrase_for(path: Path) -> str:
    """The passphrase of an encrypted file: INNSIKT_PASSPHRASE, or asked for (hidden)."""
    import os

    given = os.environ.get(PASSPHRASE_ENV)
    if given:
        return given
    return str(click.prompt(t("passphrase_for", path=path), hide_input=True, err=True))


def unlock(path: Path) -> None:
    """Know the passphrase of an encrypted database before it is opened."""
    from models import atrest

    if atrest.is_encrypted(path) and atrest.passphrase_of(path) is None:
        atrest.remember(path, passphrase_for(path))


def new_passphrase() -> str:
    """A passphrase for a file about to be encrypted: INNSIKT_PASSPHRASE, or asked twice."""
    import os

    from models.errors import InnsiktError

    given = os.environ.get(PASSPHRASE_ENV)
    if given:
        return given
    first = str(click.prompt(t("passphrase_new"), hide_input=True, err=True))
    again = str(click.prompt(t("passphrase_again"), hide_input=True, err=True))
    if first != again:
        raise InnsiktError("passphrase_mismatch")
    if not first:
        raise InnsiktError("sealed_empty_passphrase")
    return first


@click.command()
@db_option
@click.pass_context
def encrypt(ctx: click.Context, db_path: Path | None) -> None:
    """Krypter databasen med en passordfrase (SQLCipher); sikkerhetskopi først."""
    from models import atrest
    from models.storage import open_database
    from tui.cli.common import resolve_db_path

    path = resolve_db_path(_db_path(ctx, db_path)).expanduser()
    if atrest.is_encrypted(path):
        raise atrest.DatabaseError("atrest_already", path=path)
    atrest._module()  # say at once if the binding is missing
    open_database(path, create=False).close()  # ours, and migrated, before it is converted
    backup = atrest.encrypt_database(path, new_passphrase())
    click.echo(t("atrest_encrypted", path=path, backup=backup))


@click.command()
@db_option
@click.pass_context
def decrypt(ctx: click.Context, db_path: Path | None) -> None:
    """Gjør en kryptert database ukryptert igjen."""
    from models import atrest
    from tui.cli.common import resolve_db_path

    path = resolve_db_path(_db_path(ctx, db_path)).expanduser()
    if not atrest.is_encrypted(path):
        raise atrest.DatabaseError("atrest_not_encrypted", path=path)
    backup = atrest.decrypt_database(path, atrest.passphrase_of(path) or passphrase_for(path))
    click.echo(t("atrest_decrypted", path=path, backup=backup))


def register(cli: click.Group) -> None:
    """Add the privacy commands to the top-level group."""
    cli.add_command(person)
    cli.add_command(encrypt)
    cli.add_command(decrypt)
