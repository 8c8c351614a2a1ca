"""Windows and macOS laptops, simulated here: paths, file modes, consoles, files open in Word."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from models import paths, records, storage
from models.paths import sqlite_uri
from models.storage import open_database
from models.tables import Journey, Meeting
from tui.cli import cli


@pytest.mark.parametrize(
    ("given", "uri"),
    [
        (
            r"C:\Users\kari\AppData\Local\innsikt\innsikt#1.sqlite",
            "file:///C:/Users/kari/AppData/Local/innsikt/innsikt%231.sqlite?mode=ro",
        ),
        (r"D:\møter?\a.sqlite", "file:///D:/m%C3%B8ter%3F/a.sqlite?mode=ro"),
        (r"\\filserver\delt\innsikt.sqlite", "file:////filserver/delt/innsikt.sqlite?mode=ro"),
        (r"relativ\mappe\a.sqlite", "file:relativ/mappe/a.sqlite?mode=ro"),
    ],
    ids=["drive-letter", "question-mark", "unc", "relative"],
)
def test_a_windows_db_path_becomes_an_exact_sqlite_uri(
    monkeypatch: pytest.MonkeyPatch, given: str, uri: str
) -> None:
    monkeypatch.setattr(paths, "on_windows", lambda: True)  # os.name itself would break pathlib
    assert sqlite_uri(given, mode="ro") == uri


def test_a_posix_path_with_a_backslash_is_one_file_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    name = r"C:\data\innsikt.sqlite"  # on Linux and macOS: a single odd file name
    assert CliRunner().invoke(cli, ["import", "json", str(_archive()), "--db", name]).exit_code == 0
    assert CliRunner().invoke(cli, ["check", "--db", name]).exit_code == 0
    assert os.listdir(tmp_path) == [name]


def _archive() -> Path:
    from tests.conftest import DATA

    return DATA / "archives" / "valid.json"


def test_file_modes_are_left_to_the_profile_folder_on_windows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "innsikt.sqlite"
    path.touch()

    def no_chmod(*_args: object) -> None:
        raise AssertionError("chmod on Windows only sets the read-only flag; it must not be used")

    monkeypatch.setattr(paths, "on_windows", lambda: True)
    monkeypatch.setattr(storage.os, "chmod", no_chmod)
    storage.make_private(path)  # no error: Windows relies on the private profile folder


def test_file_modes_are_owner_only_on_posix(tmp_path: Path) -> None:
    if os.name == "nt":
        pytest.skip("POSIX modes")
    path = tmp_path / "innsikt.sqlite"
    path.touch(mode=0o644)
    storage.make_private(path)
    assert path.stat().st_mode & 0o777 == 0o600


@pytest.fixture
def emoji_db(db_path: Path) -> Path:
    db = open_database(db_path)
    with db.transaction() as session:
        journey = records.create(db, session, Journey, name="Reise – nord")
        records.create(db, session, Meeting, journey_id=journey.id, title="Møte 🚑 – AMK")
    db.close()
    return db_path


@pytest.mark.parametrize("encoding", ["cp1252", "cp850"])
def test_a_console_that_is_not_utf8_never_raises_unicode_encode_error(
    emoji_db: Path, encoding: str
) -> None:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "PYTHONUTF8": "0"}
    for args in (
        ["list", "meetings"],
        ["list", "meetings", "--json"],
        ["demo", "--db", "/dev/null"],
    ):
        if "--db" not in args:
            args = [*args, "--db", str(emoji_db)]
        process = subprocess.run(
            [sys.executable, "-m", "tui.cli", *args], capture_output=True, env=env, timeout=60
        )
        assert b"UnicodeEncodeError" not in process.stderr, process.stderr
        assert b"Traceback" not in process.stderr
    listed = subprocess.run(
        [sys.executable, "-m", "tui.cli", "list", "meetings", "--db", str(emoji_db)],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert listed.returncode == 0
    assert "Møte".encode(encoding) in listed.stdout  # what the console can show is kept


def test_the_entry_point_reconfigures_a_strict_stdout(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from tui.cli.root import tolerate_console_encoding

    stdout = io.TextIOWrapper(io.BytesIO(), encoding="cp1252", errors="strict")
    monkeypatch.setattr(sys, "stdout", stdout)
    tolerate_console_encoding()
    print("Møte 🚑")
    stdout.flush()
    assert stdout.buffer.getvalue() == "Møte ?\n".encode("cp1252")  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("command", "name", "program"),
    [
        (["minutes", "{meeting}"], "referat.docx", "Word"),
        (["services"], "tjenester.xlsx", "Excel"),
        (["json"], "arkiv.json", "programmet som har den åpen"),
    ],
    ids=["word", "excel", "json"],
)
def test_force_onto_a_file_open_in_word_says_close_it(
    emoji_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
    name: str,
    program: str,
) -> None:
    db = open_database(emoji_db)
    with db.session() as session:
        meeting = session.exec(records.live(Meeting)).first()
    db.close()
    out = tmp_path / name
    out.write_bytes(b"the old file, open in Word")

    def in_use(_source: object, _target: object) -> None:
        raise PermissionError(13, "The process cannot access the file")  # Windows, file open

    monkeypatch.setattr(paths.os, "replace", in_use)
    args = [arg.format(meeting=meeting.id[:8]) for arg in command]
    result = CliRunner().invoke(
        cli, ["export", *args, "-o", str(out), "--force", "--db", str(emoji_db)]
    )
    assert result.exit_code == 1, result.output
    line = result.stderr.strip()
    assert line == (
        f"Kan ikke erstatte {out}: filen er åpen i et annet program. "
        f"Lukk filen i {program} og prøv igjen."
    )
    assert out.read_bytes() == b"the old file, open in Word"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, emoji_db.name])
