"""An encrypted laptop (SQLCipher) syncs through the hub like any other, and stays encrypted."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from models import atrest, sealed
from tests.merge.laptops import content
from tui.cli.root import cli

PASSPHRASE = "tre hvite måker"


@pytest.fixture(autouse=True)
def passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INNSIKT_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(sealed, "SCRYPT_LOG_N", 10)
    monkeypatch.setattr(atrest, "_passphrases", {})


def run(*arguments: str) -> str:
    result = CliRunner().invoke(cli, list(arguments))
    assert result.exit_code == 0, result.output
    return result.output


def test_an_encrypted_laptop_syncs_both_ways_and_stays_encrypted(tmp_path: Path, hub: str) -> None:
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    run("--db", str(a), "demo")
    run("--db", str(a), "encrypt")
    run("sync", hub, "--db", str(a))
    run("sync", hub, "--db", str(b))
    # Both laptops change something before syncing again: the encrypted one merges into a copy.
    run("--db", str(b), "person", "erase", "Ola Hansen", "--yes")
    run("sync", hub, "--db", str(b))
    run("--db", str(a), "person", "erase", "Kari Nordmann", "--yes")
    output = run("sync", hub, "--db", str(a))
    assert "Hentet fra huben" in output
    run("sync", hub, "--db", str(b))
    assert atrest.is_encrypted(a)
    data = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("a.sqlite"))
    assert b"SQLite format 3" not in data and b"Ola Hansen" not in data
    plain = tmp_path / "a-plain.sqlite"
    run("--db", str(a), "snapshot", str(tmp_path / "a.snap"))
    run("--db", str(plain), "merge", str(tmp_path / "a.snap"))
    assert content(plain)["note"] == content(b)["note"]
