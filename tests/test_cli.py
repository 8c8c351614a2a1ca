"""The command line at work: lists, check, a fresh process, English (the tree: test_cli_tree.py)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from models import records
from models.storage import open_database
from models.tables import Journey, Meeting
from tui.cli import cli


def test_usage_error_exits_2() -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["finnes-ikke"]).exit_code == 2
    assert runner.invoke(cli, ["list", "alt"]).exit_code == 2


def test_list_prints_a_table_and_json(db_path: Path) -> None:
    db = open_database(db_path)
    with db.transaction() as session:
        journey = records.create(db, session, Journey, name="Reise til Bodø")
        records.create(db, session, Meeting, journey_id=journey.id, title="Møte med Helse Nord IKT")
    db.close()
    runner = CliRunner()
    table = runner.invoke(cli, ["list", "meetings", "--db", str(db_path)])
    assert table.exit_code == 0
    assert "Møte med Helse Nord IKT" in table.output
    rows = json.loads(
        runner.invoke(cli, ["list", "meetings", "--json", "--db", str(db_path)]).output
    )
    assert rows[0]["title"] == "Møte med Helse Nord IKT"
    assert rows[0]["journey"] == "Reise til Bodø"
    journeys = json.loads(
        runner.invoke(cli, ["--db", str(db_path), "list", "journeys", "--json"]).output
    )
    assert journeys[0]["meetings"] == 1


def test_check_reports_a_healthy_database_and_a_broken_foreign_key(db_path: Path) -> None:
    open_database(db_path).close()
    runner = CliRunner()
    healthy = runner.invoke(cli, ["check", "--db", str(db_path)])
    assert healthy.exit_code == 0
    assert "i orden" in healthy.output
    connection = sqlite3.connect(db_path)
    connection.execute(
        "INSERT INTO meeting (id, created_at, updated_at, hlc, device_id, clocks, deleted, "
        "journey_id, title, start_time, end_time, place, teams, guide_key, guide_version) "
        "VALUES ('m1', '', '', '', '', '{}', 0, 'ingen-reise', 'x', '', '', '', 0, '', 0)"
    )
    connection.commit()
    connection.close()
    broken = runner.invoke(cli, ["check", "--db", str(db_path)])
    assert broken.exit_code == 1
    assert "Fremmednøkkel brutt i tabell meeting" in broken.stderr


def test_check_of_a_missing_file_does_not_create_it(tmp_path: Path) -> None:
    path = tmp_path / "borte.sqlite"
    result = CliRunner().invoke(cli, ["check", "--db", str(path)])
    assert result.exit_code == 1
    assert not path.exists()


def test_console_script_runs_in_a_fresh_process(tmp_path: Path) -> None:
    open_database(tmp_path / "x.sqlite").close()
    process = subprocess.run(
        [sys.executable, "-m", "tui.cli", "list", "journeys", "--db", str(tmp_path / "x.sqlite")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert process.returncode == 0, process.stderr
    assert "Innsiktsreiser" in process.stdout


def test_english_is_a_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INNSIKT_LANG", "en")
    path = tmp_path / "tekst.sqlite"
    path.write_text("ikke en database")
    result = CliRunner().invoke(cli, ["list", "meetings", "--db", str(path)])
    assert result.exit_code == 1
    assert "is not an SQLite database" in result.stderr
