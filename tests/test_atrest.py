"""Encryption at rest: an SQLCipher database that still migrates, merges, snapshots and checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from models import atrest, sealed
from models.storage import open_database
from tests.templates import copy_demo
from tui.cli import cli

PASSPHRASE = "tre hvite måker"
KNOWN_NOTE = "Vi deler bilder på SMS fordi det ikke finnes noe bedre."


@pytest.fixture(autouse=True)
def passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INNSIKT_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(sealed, "SCRYPT_LOG_N", 10)
    monkeypatch.setattr(atrest, "_passphrases", {})  # every test starts knowing none


def run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args))


def encrypted_demo(path: Path) -> Path:
    copy_demo(path)
    result = run("--db", str(path), "encrypt")
    assert result.exit_code == 0, result.output
    atrest.forget(path)
    return path


def all_bytes(folder: Path, stem: str) -> bytes:
    return b"".join(p.read_bytes() for p in folder.iterdir() if p.name.startswith(stem))


def test_an_encrypted_database_holds_no_plaintext_and_works_with_its_passphrase(
    tmp_path: Path,
) -> None:
    path = encrypted_demo(tmp_path / "a.sqlite")
    result = run("--db", str(path), "demo")  # writes: the -wal file is encrypted too
    assert result.exit_code == 0, result.output
    data = all_bytes(tmp_path, "a.sqlite")
    for secret in (KNOWN_NOTE, "Kari Nordmann", "SQLite format 3"):
        assert secret.encode() not in data
    assert path.stat().st_mode & 0o777 == 0o600
    listed = run("--db", str(path), "list", "meetings", "--json")
    assert listed.exit_code == 0 and "Sykehuspartner" in listed.output
    assert run("--db", str(path), "check").exit_code == 0


def test_a_wrong_passphrase_is_one_line_and_leaves_the_file_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = encrypted_demo(tmp_path / "a.sqlite")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    monkeypatch.setenv("INNSIKT_PASSPHRASE", "feil")
    for command in (["list", "meetings"], ["check"], ["decrypt"], ["merge", str(path)]):
        result = run("--db", str(path), *command)
        assert result.exit_code == 1
        assert result.output.strip().splitlines() == [
            f"Feil passordfrase for {path}; filen er urørt."
        ], command
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_merge_snapshot_and_erase_work_on_an_encrypted_database(tmp_path: Path) -> None:
    path = encrypted_demo(tmp_path / "a.sqlite")
    other = tmp_path / "b.sqlite"
    assert run("--db", str(other), "demo").exit_code == 0
    assert run("--db", str(other), "person", "erase", "Ola Hansen", "--yes").exit_code == 0
    assert run("--db", str(other), "snapshot", str(tmp_path / "b.snap")).exit_code == 0
    result = run("--db", str(path), "merge", str(tmp_path / "b.snap"))
    assert result.exit_code == 0, result.output
    # A snapshot of an encrypted database is sealed, with the database's passphrase by default.
    result = run("--db", str(path), "snapshot", str(tmp_path / "a.snap"))
    assert result.exit_code == 0, result.output
    assert sealed.is_sealed(tmp_path / "a.snap")
    third = tmp_path / "c.sqlite"
    assert run("--db", str(third), "merge", str(tmp_path / "a.snap")).exit_code == 0
    assert b"Ola Hansen" not in all_bytes(tmp_path, "c.sqlite")
    assert b"Ola Hansen" not in all_bytes(tmp_path, "a.sqlite")


def test_decrypt_gives_back_a_plain_database_with_everything(tmp_path: Path) -> None:
    path = encrypted_demo(tmp_path / "a.sqlite")
    result = run("--db", str(path), "decrypt")
    assert result.exit_code == 0, result.output
    assert path.read_bytes().startswith(b"SQLite format 3")
    assert not atrest.sidecar(path).exists()
    db = open_database(path)
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
        assert connection.exec_driver_sql("SELECT count(*) FROM note").scalar_one() > 100
    db.close()


def test_the_backup_made_before_encrypting_is_sealed_not_plain(tmp_path: Path) -> None:
    encrypted_demo(tmp_path / "a.sqlite")
    backups = list(tmp_path.glob("a.sqlite.bak-plain-*.sealed"))
    assert len(backups) == 1 and sealed.is_sealed(backups[0])
    assert KNOWN_NOTE.encode() not in backups[0].read_bytes()


async def test_the_app_asks_for_the_passphrase_at_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import Input

    from tests.tui.support import make_app, settle, wait_for_screen

    path = encrypted_demo(tmp_path / "a.sqlite")
    monkeypatch.delenv("INNSIKT_PASSPHRASE")
    app = make_app(path, author="Kari")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, "PassphraseScreen")
        app.screen.query_one(Input).value = "feil"
        await pilot.press("enter")
        await wait_for_screen(pilot, "PassphraseScreen")
        assert "Feil passordfrase" in str(app.screen.query_one("#passphrase-error").render())
        app.screen.query_one(Input).value = PASSPHRASE
        await pilot.press("enter")
        await settle(pilot)
        assert app.db is not None
        assert type(app.screen).__name__ == "HomeScreen"
