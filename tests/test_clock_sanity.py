"""One laptop's clock in 2099 must not move every other laptop's clock there."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from sqlmodel import select

from models import records
from models.archive import import_archive, write_archive
from models.clock import decode, wall_ms
from models.future import LIMIT_MS
from models.storage import Database, open_database
from models.sync.merge import merge_files
from models.sync.snapshot import write_snapshot
from models.tables import Journey, Meeting, Note
from tui.cli import cli

YEAR_2099_MS = 4_070_908_800_000  # 2099-01-01


def bad_laptop(path: Path) -> tuple[Database, str]:
    db = open_database(path)
    db.clock.wall = lambda: YEAR_2099_MS
    with db.transaction() as session:
        journey = records.create(db, session, Journey, name="Reise")
        meeting = records.create(db, session, Meeting, journey_id=journey.id, title="Møte")
    records.save_note(db, meeting.id, "q1", "Kari", "skrevet i 2099")
    return db, meeting.id


def clock_ms(path: Path) -> int:
    db = open_database(path)
    db.close()
    return decode(db.clock.last)[0]


def test_a_merge_takes_the_records_but_caps_the_clock_and_warns(tmp_path: Path) -> None:
    bad, _ = bad_laptop(tmp_path / "bad.sqlite")
    snapshot = write_snapshot(bad, tmp_path / "bad-snapshot.sqlite")
    bad.close()
    good = tmp_path / "good.sqlite"
    open_database(good).close()
    result = CliRunner().invoke(cli, ["--db", str(good), "merge", str(snapshot)])
    assert result.exit_code == 0, result.output
    assert "Advarsel: 3 poster" in result.stderr and "2099-01-01" in result.stderr
    assert clock_ms(good) <= wall_ms() + LIMIT_MS
    db = open_database(good)
    with db.session() as session:
        assert session.exec(select(Note.text)).all() == ["skrevet i 2099"]
    # A third laptop merging the good one's copy is not moved either.
    third = tmp_path / "third.sqlite"
    open_database(third).close()
    result = CliRunner().invoke(
        cli, ["--db", str(third), "merge", str(write_snapshot(db, tmp_path / "g.sqlite"))]
    )
    db.close()
    assert result.exit_code == 0 and "Advarsel" in result.stderr
    assert clock_ms(third) <= wall_ms() + LIMIT_MS


def test_an_edit_after_the_capped_merge_still_replaces_the_2099_value_everywhere(
    tmp_path: Path,
) -> None:
    bad, meeting_id = bad_laptop(tmp_path / "bad.sqlite")
    good = open_database(tmp_path / "good.sqlite")
    merge_files(good, [write_snapshot(bad, tmp_path / "1.sqlite")])
    records.save_note(good, meeting_id, "q1", "Kari", "rettet i dag")
    merge_files(bad, [write_snapshot(good, tmp_path / "2.sqlite")])
    for db in (good, bad):
        with db.session() as session:
            assert session.exec(select(Note.text)).all() == ["rettet i dag"]
        db.close()


def test_an_archive_import_caps_the_clock_too(tmp_path: Path) -> None:
    bad, _ = bad_laptop(tmp_path / "bad.sqlite")
    write_archive(bad, tmp_path / "bad.json")
    bad.close()
    good = open_database(tmp_path / "good.sqlite")
    summary = import_archive(good, tmp_path / "bad.json")
    good.close()
    assert summary.added == 3 and summary.future[0].records == 3
    assert clock_ms(good.path) <= wall_ms() + LIMIT_MS


def test_a_stamp_less_than_a_day_ahead_moves_the_clock_as_before(tmp_path: Path) -> None:
    ahead = wall_ms() + 3600 * 1000
    db = open_database(tmp_path / "ahead.sqlite")
    db.clock.wall = lambda: ahead
    with db.transaction() as session:
        records.create(db, session, Journey, name="Reise")
    good = open_database(tmp_path / "good.sqlite")
    summary = merge_files(good, [write_snapshot(db, tmp_path / "a.sqlite")])
    db.close()
    good.close()
    assert summary.future == []
    assert clock_ms(good.path) == ahead
