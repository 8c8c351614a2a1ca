"""Passwords for a hub that asks for one: from libpq's PGPASSWORD, .pgpass or a service file, or
in the address (used, but never stored nor printed); INNSIKT_HUB works the same way."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner

from models.hub.connection import connect
from models.hub.sync import last_sync
from tests.hub.server import PASSWORD_USER, USER
from tests.merge.laptops import content, seed
from tui.cli.root import cli

SECRET = "hemmelig-Passord-42"


@pytest.fixture
def guarded(hub: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The hub's address for a user the server asks a password of (none in the address)."""
    connection = connect(hub)
    try:
        connection.execute(
            f"DO $$ BEGIN CREATE ROLE {PASSWORD_USER} LOGIN SUPERUSER; "
            "EXCEPTION WHEN duplicate_object THEN NULL; END $$"
        )
        connection.execute(f"ALTER ROLE {PASSWORD_USER} PASSWORD '{SECRET}'")
        connection.commit()
    finally:
        connection.close()
    for name in ("PGPASSWORD", "PGPASSFILE", "PGSERVICE", "PGSERVICEFILE", "INNSIKT_HUB"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent/pgpass")  # not the user's own ~/.pgpass
    return hub.replace(f"{USER}@", f"{PASSWORD_USER}@")


def sync(database: Path, *arguments: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["sync", *arguments, "--db", str(database)])
    return result.exit_code, result.output


def assert_nowhere(database: Path) -> None:
    """The password is in no file of the laptop's database (the file, its WAL, its backups)."""
    for path in database.parent.iterdir():
        if path.name.startswith(database.name):
            assert SECRET.encode() not in path.read_bytes(), path
    connection = sqlite3.connect(database)
    try:
        assert not any(
            SECRET in str(value)
            for row in connection.execute("SELECT * FROM meta")
            for value in row
        )
    finally:
        connection.close()


def test_without_a_password_the_hub_refuses_in_one_line_and_nothing_changes(
    tmp_path: Path, guarded: str
) -> None:
    a, _, _ = seed(tmp_path)
    a.db.close()
    before = content(a.db.path)
    code, output = sync(a.db.path, guarded)
    assert code == 1
    assert len(output.strip().splitlines()) == 1
    assert output.startswith(f"Får ikke kontakt med huben {guarded}:")
    assert "password" in output and "Traceback" not in output
    assert content(a.db.path) == before


def test_the_password_comes_from_pgpassword(
    tmp_path: Path, guarded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGPASSWORD", SECRET)
    database = tmp_path / "laptop.sqlite"
    code, output = sync(database, guarded)
    assert code == 0, output
    assert last_sync(database).address == guarded
    assert_nowhere(database)


def test_the_password_comes_from_a_pgpass_file(
    tmp_path: Path, guarded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    passfile = tmp_path / "pgpass"
    passfile.write_text(f"*:*:*:{PASSWORD_USER}:{SECRET}\n", encoding="utf-8")
    passfile.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    database = tmp_path / "laptop.sqlite"
    code, output = sync(database, guarded)
    assert code == 0, output
    # The next sync finds the hub it remembers, and the password again through libpq.
    code, output = sync(database)
    assert code == 0, output
    assert_nowhere(database)


def test_the_password_comes_from_a_service_file(
    tmp_path: Path, guarded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    parts = urlsplit(guarded)
    socket = parse_qs(parts.query)["host"][0]
    services = tmp_path / "pg_service.conf"
    services.write_text(
        f"[innsikt]\nhost={socket}\ndbname={parts.path.lstrip('/')}\n"
        f"user={PASSWORD_USER}\npassword={SECRET}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    monkeypatch.setenv("INNSIKT_HUB", "service=innsikt")
    database = tmp_path / "laptop.sqlite"
    code, output = sync(database)
    assert code == 0, output
    assert "service=innsikt" in output and SECRET not in output
    assert last_sync(database).address == "service=innsikt"
    assert_nowhere(database)


@pytest.mark.parametrize("through", ["argument", "INNSIKT_HUB"])
def test_a_password_in_the_address_is_used_but_never_stored_nor_printed(
    tmp_path: Path, guarded: str, monkeypatch: pytest.MonkeyPatch, through: str
) -> None:
    address = guarded.replace(f"{PASSWORD_USER}@", f"{PASSWORD_USER}:{SECRET}@")
    database = tmp_path / "laptop.sqlite"
    if through == "INNSIKT_HUB":
        monkeypatch.setenv("INNSIKT_HUB", address)
        arguments: tuple[str, ...] = ()
    else:
        arguments = (address,)
    code, output = sync(database, *arguments)
    assert code == 0, output
    assert SECRET not in output and f"{PASSWORD_USER}:***@" in output
    code, output = sync(database, *arguments, "--json")
    assert code == 0, output
    assert SECRET not in output and json.loads(output)["hub"].count("***") == 1
    assert last_sync(database).address == guarded
    assert_nowhere(database)


def test_hub_init_and_a_failed_sync_print_an_address_with_its_password_masked(
    tmp_path: Path, hub_url: str
) -> None:
    address = hub_url.replace(f"{USER}@", f"{USER}:{SECRET}@")
    result = CliRunner().invoke(cli, ["hub", "init", address])
    assert result.exit_code == 0, result.output
    assert SECRET not in result.output and f"{USER}:***@" in result.output
    unreachable = f"postgresql://kari:{SECRET}@/hub?host={tmp_path / 'no-server-here'}"
    code, output = sync(tmp_path / "laptop.sqlite", unreachable)
    assert code == 1 and SECRET not in output and "kari:***@" in output
    assert not (tmp_path / "laptop.sqlite").exists()  # a refused sync leaves no new database
