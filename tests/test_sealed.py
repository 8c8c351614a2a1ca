"""Encrypted hand-over files: no plaintext inside, and a bad one changes nothing."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from models import sealed
from tests.templates import copy_demo
from tui.cli import cli

PASSPHRASE = "blåbær i september"
KNOWN_NOTE = "Vi deler bilder på SMS fordi det ikke finnes noe bedre."


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, demo_template: Path) -> None:
    """A low scrypt cost (the header records it, so reading follows); temp files in tmp_path.

    The demo's template is made before (`demo_template`): made inside a test, it would land in
    the temp folder the test then expects empty (a worker whose first test is this one)."""
    monkeypatch.setattr(sealed, "SCRYPT_LOG_N", 10)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.setenv("INNSIKT_PASSPHRASE", PASSPHRASE)


def run(*args: str, **kwargs: object) -> object:
    return CliRunner().invoke(cli, list(args), **kwargs)  # type: ignore[arg-type]


def demo(path: Path) -> Path:
    copy_demo(path)
    return path


def files_of(folder: Path, stem: str) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.name.startswith(stem)}


@pytest.mark.parametrize("kind", ["snapshot", "json"])
def test_an_encrypted_file_holds_no_plaintext_and_merges_and_imports(
    tmp_path: Path, kind: str
) -> None:
    source = demo(tmp_path / "a.sqlite")
    target = tmp_path / "handover.bin"
    args = (
        ["snapshot", str(target)] if kind == "snapshot" else ["export", "json", "-o", str(target)]
    )
    result = run("--db", str(source), *args, "--encrypt")
    assert result.exit_code == 0, result.output
    data = target.read_bytes()
    assert data.startswith(sealed.MAGIC)
    assert target.stat().st_mode & 0o777 == 0o600
    for secret in (KNOWN_NOTE, "Kari Nordmann", "kari.nordmann@eksempel.no", "SQLite format 3"):
        assert secret.encode() not in data
    assert len(data) > 3 * sealed.CHUNK  # many chunks: the streamed path is the one tested
    command = ["merge"] if kind == "snapshot" else ["import", "json"]
    into = tmp_path / "b.sqlite"
    result = run("--db", str(into), *command, str(target))
    assert result.exit_code == 0, result.output
    assert KNOWN_NOTE.encode() in into.read_bytes() or KNOWN_NOTE.encode() in (
        into.with_name("b.sqlite-wal").read_bytes()
    )
    assert list((tmp_path / "tmp").iterdir()) == []  # the decrypted copy is gone


def spoiled(data: bytes, how: str) -> bytes:
    header = len(sealed.MAGIC) + 3 + 16 + 7 + 4 + 16
    if how == "truncated_at_chunk":
        return data[: header + 2 * (sealed.CHUNK + sealed.TAG)]
    if how == "truncated_inside":
        return data[: len(data) - 100]
    if how == "tampered_body":
        middle = len(data) // 2
        return data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1 :]
    if how == "tampered_header":
        return data[:20] + bytes([data[20] ^ 1]) + data[21:]
    if how == "chunks_swapped":
        size = sealed.CHUNK + sealed.TAG
        one, two = data[header : header + size], data[header + size : header + 2 * size]
        return data[:header] + two + one + data[header + 2 * size :]
    if how == "extended":
        return data + data[-(sealed.CHUNK + sealed.TAG) :]
    raise AssertionError(how)


CASES = [
    ("wrong_passphrase", "Feil passordfrase"),
    ("truncated_at_chunk", "avkortet"),
    ("truncated_inside", "avkortet"),
    ("tampered_body", "endret"),
    ("tampered_header", "Feil passordfrase"),  # the salt changed: the key no longer checks
    ("chunks_swapped", "endret"),
    ("extended", "endret"),
]


@pytest.mark.parametrize(("how", "said"), CASES)
@pytest.mark.parametrize("kind", ["snapshot", "json"])
def test_a_bad_encrypted_file_gets_one_line_and_leaves_the_database_unchanged(
    tmp_path: Path, how: str, said: str, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = demo(tmp_path / "a.sqlite")
    target = tmp_path / "handover.bin"
    args = (
        ["snapshot", str(target)] if kind == "snapshot" else ["export", "json", "-o", str(target)]
    )
    assert run("--db", str(source), *args, "--encrypt").exit_code == 0
    if how != "wrong_passphrase":
        target.write_bytes(spoiled(target.read_bytes(), how))
    else:
        monkeypatch.setenv("INNSIKT_PASSPHRASE", "feil frase")
    into = demo(tmp_path / "b.sqlite")
    before = files_of(tmp_path, "b.sqlite")
    command = ["merge"] if kind == "snapshot" else ["import", "json"]
    result = run("--db", str(into), *command, str(target))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and said in lines[0], result.output
    assert "Traceback" not in result.output
    assert files_of(tmp_path, "b.sqlite") == before
    assert list((tmp_path / "tmp").iterdir()) == []


def test_the_passphrase_is_asked_twice_and_a_mismatch_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("INNSIKT_PASSPHRASE")
    source = demo(tmp_path / "a.sqlite")
    target = tmp_path / "s.bin"
    result = run("--db", str(source), "snapshot", str(target), "--encrypt", input="en\nto\n")
    assert result.exit_code == 1 and "ikke like" in result.output
    assert not target.exists()
    result = run("--db", str(source), "snapshot", str(target), "--encrypt", input="en\nen\n")
    assert result.exit_code == 0, result.output
    assert "en\n" not in result.output  # hidden input is not echoed
    result = run("--db", str(tmp_path / "b.sqlite"), "merge", str(target), input="en\n")
    assert result.exit_code == 0, result.output


def test_the_file_records_the_full_scrypt_cost_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sealed, "SCRYPT_LOG_N", 17)
    plain = tmp_path / "plain.txt"
    plain.write_bytes(b"")
    sealed.seal(plain, tmp_path / "s.bin", PASSPHRASE)
    data = (tmp_path / "s.bin").read_bytes()
    assert data[len(sealed.MAGIC) : len(sealed.MAGIC) + 3] == bytes((17, 8, 1))
    sealed.unseal(tmp_path / "s.bin", tmp_path / "back.txt", PASSPHRASE)
    assert (tmp_path / "back.txt").read_bytes() == b""
