"""Files that are not ours, damaged, newer, or the database itself: refused, database untouched."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from models import records
from models.dbfile import APPLICATION_ID, SCHEMA_VERSION
from models.errors import InnsiktError
from models.storage import open_database
from models.sync.merge import merge_files
from models.sync.snapshot import write_snapshot
from models.tables import Journey
from tests.conftest import DATA
from tui.cli import cli


def fingerprint(path: Path) -> str:
    """The bytes of the database and of any WAL beside it."""
    digest = hashlib.sha256(path.read_bytes())
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        digest.update(wal.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "mine.sqlite"
    db = open_database(path)
    with db.transaction() as session:
        records.create(db, session, Journey, name="Min reise")
    db.close()
    return path


@pytest.fixture
def good_snapshot(tmp_path: Path) -> Path:
    db = open_database(tmp_path / "other.sqlite")
    with db.transaction() as session:
        records.create(db, session, Journey, name="Den andres reise")
    snapshot = write_snapshot(db, tmp_path / "other-snapshot.sqlite")
    db.close()
    return snapshot


def junk_text(folder: Path) -> Path:
    path = folder / "notes.sqlite"
    path.write_text("Dette er ikke en database.\n", encoding="utf-8")
    return path


def empty_file(folder: Path) -> Path:
    path = folder / "empty.sqlite"
    path.touch()
    return path


def foreign_sqlite(folder: Path) -> Path:
    path = folder / "foreign.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE journey (id TEXT)")
    connection.commit()
    connection.close()
    return path


def newer_schema(folder: Path) -> Path:
    path = folder / "newer.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.execute("PRAGMA user_version = 99")
    connection.commit()
    connection.close()
    return path


def truncated_snapshot(folder: Path, snapshot: Path) -> Path:
    path = folder / "truncated.sqlite"
    path.write_bytes(snapshot.read_bytes()[:5000])
    return path


def scrambled_snapshot(folder: Path, snapshot: Path) -> Path:
    """A whole file with a good header whose pages are overwritten with noise."""
    data = bytearray(snapshot.read_bytes())
    data[4096:] = bytes((index * 7 + 3) % 256 for index in range(len(data) - 4096))
    path = folder / "scrambled.sqlite"
    path.write_bytes(bytes(data))
    return path


def missing_tables(folder: Path) -> Path:
    path = folder / "no-tables.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    connection.commit()
    connection.close()
    return path


def dangling_reference(folder: Path, snapshot: Path) -> Path:
    """A snapshot whose meeting points at a journey that exists nowhere."""
    path = folder / "dangling.sqlite"
    shutil.copy(snapshot, path)
    connection = sqlite3.connect(path)
    connection.execute(
        "INSERT INTO meeting (id, created_at, updated_at, hlc, device_id, clocks, deleted, "
        "field_devices, seen, journey_id, title, start_time, end_time, place, teams, "
        "guide_key, guide_version) VALUES ('6f1c0b1e-0000-4000-8000-000000000001', "
        "'2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z', "
        "'001780000000000.000000', 'x', '{}', 0, '{}', '{}', "
        "'6f1c0b1e-0000-4000-8000-00000000dead', 'Møte', '', '', '', 0, '', 0)"
    )
    connection.commit()
    connection.close()
    return path


def broken_archive(folder: Path) -> Path:
    path = folder / "archive.json"
    path.write_text('{"format": "innsikt-arkiv", "tables": ', encoding="utf-8")
    return path


BAD_FILES: dict[str, Callable[..., Path]] = {
    "junk text": junk_text,
    "empty file": empty_file,
    "another application's SQLite": foreign_sqlite,
    "newer schema": newer_schema,
    "SQLite without our tables": missing_tables,
    "broken JSON archive": broken_archive,
}
DAMAGED_SNAPSHOTS: dict[str, Callable[..., Path]] = {
    "truncated snapshot": truncated_snapshot,
    "scrambled snapshot": scrambled_snapshot,
    "dangling reference": dangling_reference,
}


def assert_refused(database: Path, files: list[Path]) -> None:
    before = fingerprint(database)
    db = open_database(database)
    try:
        with pytest.raises(InnsiktError):
            merge_files(db, files)
    finally:
        db.close()
    assert fingerprint(database) == before


@pytest.mark.parametrize("make", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_file_that_is_not_a_snapshot_is_refused_and_nothing_changes(
    make: Callable[[Path], Path], database: Path, tmp_path: Path
) -> None:
    assert_refused(database, [make(tmp_path)])


@pytest.mark.parametrize("make", DAMAGED_SNAPSHOTS.values(), ids=DAMAGED_SNAPSHOTS.keys())
def test_a_damaged_snapshot_is_refused_and_nothing_changes(
    make: Callable[[Path, Path], Path], database: Path, good_snapshot: Path, tmp_path: Path
) -> None:
    assert_refused(database, [make(tmp_path, good_snapshot)])


def test_one_bad_file_among_good_ones_refuses_them_all(
    database: Path, good_snapshot: Path, tmp_path: Path
) -> None:
    assert_refused(database, [good_snapshot, junk_text(tmp_path)])


def test_the_database_itself_is_refused(database: Path) -> None:
    assert_refused(database, [database])


def test_a_directory_and_a_missing_file_are_refused(database: Path, tmp_path: Path) -> None:
    assert_refused(database, [tmp_path])
    assert_refused(database, [tmp_path / "finnes-ikke.sqlite"])


def test_a_snapshot_of_schema_version_1_is_merged_and_left_as_it_was(
    database: Path, tmp_path: Path
) -> None:
    old = tmp_path / "v1.sqlite"
    shutil.copy(DATA / "schema-v1.sqlite", old)
    before = fingerprint(old)
    db = open_database(database)
    try:
        summary = merge_files(db, [old])
    finally:
        db.close()
    assert summary.changed()
    assert fingerprint(old) == before
    assert list(tmp_path.glob("v1.sqlite.bak-*")) == []


# --- the command line -----------------------------------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_merge_command_prints_what_it_merged_and_exits_0(
    database: Path, good_snapshot: Path
) -> None:
    code, out, _ = run("merge", str(good_snapshot), "--db", str(database))
    assert code == 0
    assert "Reiser: nye 1, oppdatert 0, nye konflikter 0." in out
    code, out, _ = run("merge", str(good_snapshot), "--db", str(database))
    assert code == 0
    assert "Ingenting nytt" in out


def test_merge_command_refuses_junk_with_one_line_and_exit_1(
    database: Path, tmp_path: Path
) -> None:
    code, out, err = run("merge", str(junk_text(tmp_path)), "--db", str(database))
    assert code == 1
    assert err.strip().endswith("er ikke en SQLite-database (eller filen er skadet).")
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in out + err


def test_merge_without_files_is_a_usage_error(database: Path) -> None:
    code, _, _ = run("merge", "--db", str(database))
    assert code == 2


def test_snapshot_refuses_to_overwrite_without_force(database: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy.sqlite"
    assert run("snapshot", str(target), "--db", str(database))[0] == 0
    code, _, err = run("snapshot", str(target), "--db", str(database))
    assert code == 1
    assert "--force" in err
    assert run("snapshot", str(target), "--force", "--db", str(database))[0] == 0
    code, _, err = run("snapshot", str(database), "--force", "--db", str(database))
    assert code == 1
    assert "selve databasen" in err


def test_snapshot_is_a_complete_database_with_its_own_device(
    database: Path, tmp_path: Path
) -> None:
    target = tmp_path / "copy.sqlite"
    run("snapshot", str(target), "--db", str(database))
    original, copy = open_database(database), open_database(target)
    try:
        assert copy.device_id != original.device_id
        with copy.session() as session:
            assert [journey.name for journey in session.exec(records.live(Journey))] == [
                "Min reise"
            ]
    finally:
        original.close()
        copy.close()
    assert target.stat().st_mode & 0o777 == 0o600


def test_conflicts_resolve_with_an_unknown_id_or_bad_keep_exits_1(database: Path) -> None:
    code, _, err = run("conflicts", "resolve", "abc", "--keep", "mine", "--db", str(database))
    assert code == 1
    assert "abc" in err
    code, out, _ = run("conflicts", "--db", str(database))
    assert code == 0
    assert "Ingen åpne konflikter." in out
