"""`innsikt search` and `innsikt check [--repair]` as a user runs them."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlmodel import select

from models import records
from models.dbfile import SCHEMA_VERSION
from models.storage import open_database
from models.tables import Meeting
from tests.conftest import DATA
from tests.test_search import HOSTILE
from tui.cli import cli

FIELDS = {
    "kind",
    "id",
    "meeting_id",
    "meeting_title",
    "meeting_date",
    "organisation",
    "question_key",
    "author",
    "snippet",
}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_search_prints_each_hit_with_where_it_was_and_the_match_marked(demo_path: Path) -> None:
    code, out, err = run("search", "robust mobilt", "--db", str(demo_path))
    assert code == 0, err
    assert "**robust mobilt**" in out.lower()
    assert "oppfølging · Innsiktsmøte med" in out
    assert "spørsmål E4" in out


def test_search_json_gives_every_field_of_a_hit(demo_path: Path) -> None:
    code, out, _ = run("search", "ambulansejournal", "--json", "--db", str(demo_path))
    hits = json.loads(out)
    assert code == 0 and hits
    assert all(set(hit) == FIELDS for hit in hits)
    service = next(hit for hit in hits if hit["kind"] == "service")
    assert service["organisation"] == "Sykehuspartner HF"
    assert (
        "**Ambulansejournal**" in service["snippet"]
        or "**ambulansejournal" in service["snippet"].lower()
    )


def test_limit_kind_and_meeting_narrow_the_hits(demo_path: Path) -> None:
    _, out, _ = run("search", "nødnett", "--json", "--limit", "3", "--db", str(demo_path))
    assert len(json.loads(out)) == 3
    _, out, _ = run("search", "nødnett", "--json", "--kind", "service", "--db", str(demo_path))
    assert {hit["kind"] for hit in json.loads(out)} == {"service"}
    _, out, _ = run("search", "nødnett", "--json", "--kind", "note", "--db", str(demo_path))
    meeting = json.loads(out)[0]["meeting_id"]
    code, out, _ = run(
        "search", "nødnett", "--json", "--meeting", meeting[:8], "--kind", "note",
        "--db", str(demo_path),
    )  # fmt: skip
    assert code == 0
    assert {hit["meeting_id"] for hit in json.loads(out)} == {meeting}


def test_an_unknown_meeting_or_journey_is_one_line_and_exit_1(demo_path: Path) -> None:
    code, out, err = run("search", "nødnett", "--meeting", "zzzz", "--db", str(demo_path))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "zzzz" in err
    code, _, err = run("search", "nødnett", "--journey", "zzzz", "--db", str(demo_path))
    assert code == 1 and "zzzz" in err


@pytest.mark.parametrize("limit", ["0", "-1", "abc", "100000"])
def test_a_bad_limit_is_a_usage_error(demo_path: Path, limit: str) -> None:
    code, _, _ = run("search", "x", "--limit", limit, "--db", str(demo_path))
    assert code == 2


def test_an_unknown_kind_is_a_usage_error(demo_path: Path) -> None:
    code, _, _ = run("search", "x", "--kind", "hemmelig", "--db", str(demo_path))
    assert code == 2


@pytest.mark.parametrize(
    "query", [q for q in HOSTILE if "\x00" not in q], ids=lambda q: repr(q[:20])
)
def test_a_hostile_query_gives_hits_or_ingen_treff(demo_path: Path, query: str) -> None:
    code, out, err = run("search", "--db", str(demo_path), "--", query)
    assert code == 0, err
    assert err == ""
    assert "Traceback" not in out
    assert out.strip() and ("Ingen treff" in out or "·" in out)


def test_control_characters_in_the_query_and_in_hits_never_reach_the_terminal(
    demo_path: Path,
) -> None:
    """A NUL cannot pass through argv; the real console script gets ESC and friends."""
    db = open_database(demo_path)
    with db.session() as session:
        meeting_id = session.exec(select(Meeting)).first().id  # type: ignore[union-attr]
    records.save_note(
        db, meeting_id, "A1", "Imp\x1b[2Jort", "nødnett \x1b]0;tittel\x07 og \x9b mer"
    )
    db.close()
    result = subprocess.run(
        [sys.executable, "-m", "tui.cli", "search", "\x07nødnett\x1b", "--db", str(demo_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert not any(ch in result.stdout for ch in "\x1b\x07\x9b")
    assert "Imp [2Jort" in result.stdout
    assert "**Nødnett**" in result.stdout or "**nødnett**" in result.stdout


def test_search_never_creates_a_missing_database(tmp_path: Path) -> None:
    missing = tmp_path / "ingen.sqlite"
    code, out, err = run("search", "x", "--db", str(missing))
    assert code == 1 and out == ""
    assert "ingen.sqlite" in err
    assert not missing.exists()


def test_search_of_an_empty_database_says_ingen_treff(fresh_db: object, db_path: Path) -> None:
    code, out, _ = run("search", "nødnett", "--db", str(db_path))
    assert code == 0 and "Ingen treff for «nødnett»" in out


def test_search_in_english(demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INNSIKT_LANG", "en")
    _, out, _ = run("search", "zzzqqq", "--db", str(demo_path))
    assert "No hits for «zzzqqq»" in out


def test_search_of_a_version_1_file_migrates_it_after_a_backup_and_finds(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    shutil.copy(DATA / "schema-v1.sqlite", old)
    word = sqlite3.connect(old).execute("SELECT text FROM note WHERE text != ''").fetchone()[0]
    code, out, err = run("search", word.split()[0], "--db", str(old))
    assert code == 0
    assert "sikkerhetskopi" in err
    assert "·" in out
    version = sqlite3.connect(old).execute("PRAGMA user_version").fetchone()[0]
    assert version == SCHEMA_VERSION


def test_search_imports_neither_sqlalchemy_nor_textual(demo_path: Path) -> None:
    code = (
        "import sys; from tui.cli import main\n"
        "try:\n    main(['search', 'nødnett', '--db', sys.argv[1]])\n"
        "except SystemExit:\n    pass\n"
        "assert 'sqlalchemy' not in sys.modules, 'sqlalchemy'\n"
        "assert 'textual' not in sys.modules, 'textual'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(demo_path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


# --- check ----------------------------------------------------------------------------------


def test_check_reports_a_damaged_search_index_and_repair_rebuilds_it(demo_path: Path) -> None:
    connection = sqlite3.connect(demo_path)
    connection.execute("DELETE FROM search_fts_data WHERE id > 10")
    connection.commit()
    connection.close()

    code, _, err = run("check", "--db", str(demo_path))
    assert code == 1
    assert "Søkeindeksen er skadet" in err and "--repair" in err

    code, out, err = run("check", "--repair", "--db", str(demo_path))
    assert code == 0, err
    assert "Søkeindeksen er bygd på nytt" in out
    assert "Databasen er i orden" in out
    code, out, _ = run("search", "nødnett", "--db", str(demo_path))
    assert code == 0 and "·" in out


def test_check_reports_a_missing_trigger(demo_path: Path) -> None:
    connection = sqlite3.connect(demo_path)
    connection.execute("DROP TRIGGER search_note_au")
    connection.commit()
    connection.close()
    code, _, err = run("check", "--db", str(demo_path))
    assert code == 1 and "search_note_au" in err
    assert run("check", "--repair", "--db", str(demo_path))[0] == 0
    assert run("check", "--db", str(demo_path))[0] == 0


def test_repair_refuses_a_database_with_other_faults(demo_path: Path) -> None:
    connection = sqlite3.connect(demo_path)
    connection.execute("PRAGMA user_version = 1")
    connection.commit()
    connection.close()
    code, _, err = run("check", "--repair", "--db", str(demo_path))
    assert code == 1
    assert "--repair" in err
