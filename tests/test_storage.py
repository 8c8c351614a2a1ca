"""The database file is the user's: created private, refused untouched when it is not ours."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy.exc import IntegrityError

from models import records
from models.dbfile import APPLICATION_ID, SCHEMA_VERSION
from models.errors import DatabaseError
from models.storage import Database, open_database
from models.tables import Journey, Meeting, Note
from tui.cli import cli


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def beside(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir()}


def make_meeting(db: Database) -> Meeting:
    with db.transaction() as session:
        journey = records.create(db, session, Journey, name="Reise")
        meeting = records.create(db, session, Meeting, journey_id=journey.id, title="Møte")
    return meeting


def test_new_database_is_private_and_in_a_private_folder(tmp_path: Path) -> None:
    path = tmp_path / "ny" / "mappe" / "innsikt.sqlite"
    open_database(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_new_database_uses_wal_and_full_sync_and_foreign_keys(fresh_db: Database) -> None:
    with fresh_db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA application_id").scalar() == APPLICATION_ID
        assert connection.exec_driver_sql("PRAGMA user_version").scalar() == SCHEMA_VERSION


def test_device_id_is_kept_across_openings(db_path: Path) -> None:
    first = open_database(db_path)
    first.close()
    second = open_database(db_path)
    second.close()
    assert first.device_id == second.device_id
    other = open_database(db_path.with_name("annen.sqlite"))
    other.close()
    assert other.device_id != first.device_id


def test_one_note_per_meeting_question_and_author(fresh_db: Database) -> None:
    meeting = make_meeting(fresh_db)
    records.save_note(fresh_db, meeting.id, "A2", "Kari", "første")
    records.save_note(fresh_db, meeting.id, "A2", "Kari", "andre")
    records.save_note(fresh_db, meeting.id, "A2", "Ola", "Olas eget")
    with fresh_db.session() as session:
        notes = session.exec(records.live(Note)).all()
        assert sorted((n.author, n.text) for n in notes) == [
            ("Kari", "andre"),
            ("Ola", "Olas eget"),
        ]
    with pytest.raises(IntegrityError), fresh_db.transaction() as session:
        session.add(Note(meeting_id=meeting.id, question_key="A2", author="Kari", text="x"))


def test_every_edit_is_stamped_with_clock_device_and_changed_fields(fresh_db: Database) -> None:
    meeting = make_meeting(fresh_db)
    first = records.save_note(fresh_db, meeting.id, "B1", "Kari", "a")
    second = records.save_note(fresh_db, meeting.id, "B1", "Kari", "ab")
    assert second.hlc > first.hlc
    assert second.device_id == fresh_db.device_id
    assert second.clocks["text"] == second.hlc
    assert second.clocks["author"] < second.hlc  # unchanged fields keep their stamp


def test_clock_is_persisted_so_a_reopened_database_never_goes_back(db_path: Path) -> None:
    db = open_database(db_path)
    meeting = make_meeting(db)
    stamp = records.save_note(db, meeting.id, "A2", "Kari", "x").hlc
    db.close()
    reopened = open_database(db_path)
    reopened.clock.wall = lambda: 0  # the wall clock jumped back to 1970
    with reopened.transaction() as session:
        assert reopened.stamp(session) > stamp
    reopened.close()


def test_foreign_key_violation_is_refused(fresh_db: Database) -> None:
    with pytest.raises(IntegrityError), fresh_db.transaction() as session:
        session.add(Meeting(journey_id="finnes-ikke", title="Foreldreløst møte"))


def write_foreign_sqlite(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE kunder (id INTEGER PRIMARY KEY, navn TEXT)")
    connection.execute("INSERT INTO kunder (navn) VALUES ('Per')")
    connection.commit()
    connection.close()


def write_newer(path: Path) -> None:
    open_database(path).close()
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.commit()
    connection.close()


def write_truncated(path: Path) -> None:
    open_database(path).close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def write_garbage_pages(path: Path) -> None:
    open_database(path).close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    path.write_bytes(bytes(data))


BAD_DATABASES = {
    "text_file": (
        lambda p: p.write_text("Dette er et referat, ikke en database.\n"),
        "ikke en SQLite",
    ),
    "short_binary": (lambda p: p.write_bytes(b"SQLite format 3\x00abc"), "ikke en SQLite"),
    "foreign_sqlite": (write_foreign_sqlite, "ikke en innsikt-database"),
    "newer_schema": (write_newer, "nyere enn denne versjonen"),
    "truncated": (write_truncated, "avkortet"),
    "damaged_schema_page": (write_garbage_pages, "skadet"),
}


@pytest.mark.parametrize("case", sorted(BAD_DATABASES))
def test_bad_database_file_is_refused_and_left_byte_identical(tmp_path: Path, case: str) -> None:
    path = tmp_path / "bad.sqlite"
    make, expected = BAD_DATABASES[case]
    make(path)
    before, files_before = digest(path), beside(path)
    with pytest.raises(DatabaseError) as caught:
        open_database(path)
    assert expected in str(caught.value)
    assert digest(path) == before
    assert beside(path) == files_before  # no -wal / -shm left behind
    result = CliRunner().invoke(cli, ["list", "meetings", "--db", str(path)])
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert digest(path) == before


def test_a_directory_is_not_a_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["list", "journeys", "--db", str(tmp_path)])
    assert result.exit_code == 1
    assert "er en mappe" in result.stderr


def test_innsikt_db_environment_variable_chooses_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import DATA

    path = tmp_path / "fra-miljø.sqlite"
    monkeypatch.setenv("INNSIKT_DB", str(path))
    archive = DATA / "archives" / "valid.json"
    assert CliRunner().invoke(cli, ["import", "json", str(archive)]).exit_code == 0
    result = CliRunner().invoke(cli, ["list", "journeys", "--json"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() != "[]"
    assert path.exists()


def test_default_database_lives_in_the_data_directory(isolated_data_dir: Path) -> None:
    from tests.conftest import DATA

    archive = DATA / "archives" / "valid.json"
    result = CliRunner().invoke(cli, ["import", "json", str(archive)])
    assert result.exit_code == 0, result.output
    assert (isolated_data_dir / "innsikt.sqlite").exists()


def test_older_database_is_backed_up_then_migrated_keeping_every_note(tmp_path: Path) -> None:
    from tests.conftest import DATA

    old = tmp_path / "gammel.sqlite"
    old.write_bytes((DATA / "schema-v1.sqlite").read_bytes())
    result = CliRunner().invoke(cli, ["list", "meetings", "--json", "--db", str(old)])
    assert result.exit_code == 0, result.output
    assert "oppgradert fra versjon 1" in result.stderr
    assert "Møte lagret med skjemaversjon 1" in result.stdout
    backups = list(tmp_path.glob("gammel.sqlite.bak-1-*"))
    assert len(backups) == 1
    copy = sqlite3.connect(backups[0])
    assert copy.execute("PRAGMA user_version").fetchone()[0] == 1  # the backup is the old file
    assert copy.execute("SELECT text FROM note").fetchone()[0].endswith("æøå.")
    copy.close()
    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600
    db = open_database(old)
    with db.session() as session:
        note = session.exec(records.live(Note)).one()
    db.close()
    assert note.text == "Notat skrevet før oppgraderingen – æøå."
    again = CliRunner().invoke(cli, ["list", "meetings", "--db", str(old)])
    assert "oppgradert" not in again.stderr  # migrated once, not on every opening
    assert len(list(tmp_path.glob("gammel.sqlite.bak-*"))) == 1


def test_a_failing_migration_leaves_the_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from models import migrations
    from tests.conftest import DATA

    old = tmp_path / "gammel.sqlite"
    old.write_bytes((DATA / "schema-v1.sqlite").read_bytes())

    def broken_step(connection: sqlite3.Connection) -> None:
        connection.execute("ALTER TABLE note ADD COLUMN halvferdig TEXT")
        raise sqlite3.OperationalError("disk full")

    monkeypatch.setitem(migrations.STEPS, 1, broken_step)
    with pytest.raises(DatabaseError) as caught:
        open_database(old)
    assert "urørt" in str(caught.value)
    connection = sqlite3.connect(old)
    columns = [row[1] for row in connection.execute("PRAGMA table_info(note)")]
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    connection.close()
    assert "halvferdig" not in columns
    assert version == 1


def test_migrations_and_the_schema_version_load_without_the_storage_module() -> None:
    # One home for SCHEMA_VERSION (models.dbfile): migrations no longer import storage back.
    probe = (
        "import sys, models.migrations as m, models.dbfile as d; "
        "assert m.SCHEMA_VERSION is d.SCHEMA_VERSION; "
        "assert 'models.storage' not in sys.modules, 'storage imported'"
    )
    subprocess.run([sys.executable, "-c", probe], check=True, cwd=Path(__file__).parent.parent)
