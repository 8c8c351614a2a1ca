"""The privacy commands: `innsikt person erase`, and the passphrase for encrypted files."""

from __future__ import annotations

from pathlib import Path

import click

from tui.cli.common import CliError, command, db_option, group, opened_db, resolve_db_path
from tui.cli.text import t


@group("person", help_key="help_person")
def person() -> None:
    """People: erase a person for good."""


@person.command("erase", help=t("help_person_erase"))
@click.argument("person_ref", metavar="PERSON")
@click.option("--yes", is_flag=True, help=t("help_yes"))
@db_option
@click.pass_context
def person_erase(ctx: click.Context, person_ref: str, yes: bool, db_path: Path | None) -> None:
    """Erase a person everywhere, for good (also through later merges)."""
    from models.erase import describe, erase_person

    with opened_db(db_path) as db:
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

    given = os.environ.get(PASSPHRASE_ENV)
    if given:
        return given
    first = str(click.prompt(t("passphrase_new"), hide_input=True, err=True))
    again = str(click.prompt(t("passphrase_again"), hide_input=True, err=True))
    if first != again:
        raise CliError("passphrase_mismatch")
    if not first:
        from models.errors import InnsiktError

        raise InnsiktError("sealed_empty_passphrase")
    return first


@command("encrypt", help_key="help_encrypt")
@db_option
def encrypt(db_path: Path | None) -> None:
    """Encrypt the database with a passphrase (SQLCipher), after a backup."""
    from models import atrest
    from models.storage import open_database

    path = resolve_db_path(db_path)
    if atrest.is_encrypted(path):
        raise atrest.DatabaseError("atrest_already", path=path)
    atrest._module()  # say at once if the binding is missing
    open_database(path, create=False).close()  # ours, and migrated, before it is converted
    backup = atrest.encrypt_database(path, new_passphrase())
    click.echo(t("atrest_encrypted", path=path, backup=backup))


@command("decrypt", help_key="help_decrypt")
@db_option
def decrypt(db_path: Path | None) -> None:
    """Make an encrypted database unencrypted again."""
    from models import atrest

    path = resolve_db_path(db_path)
    if not atrest.is_encrypted(path):
        raise atrest.DatabaseError("atrest_not_encrypted", path=path)
    backup = atrest.decrypt_database(path, atrest.passphrase_of(path) or passphrase_for(path))
    click.echo(t("atrest_decrypted", path=path, backup=backup))


def register(cli: click.Group) -> None:
    """Add the privacy commands to the top-level group."""
    cli.add_command(person)
    cli.add_command(encrypt)
    cli.add_command(decrypt)
