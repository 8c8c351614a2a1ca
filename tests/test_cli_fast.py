"""`innsikt check` and `innsikt list` without click (tui/cli/fast.py) print and exit as click's commands do.

Each command runs twice in a fresh interpreter: through `tui.cli.main` (which takes the plain
forms itself) and through click's root group alone (`tui.cli.root.main`); stdout, stderr and
the exit code must be the same.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli.fast import parse

# Each of these costs more to import than checking the demo's file does. A module the
# interpreter already had before our code ran (a site .pth may import `typing`) is not ours.
HEAVY = ("click", "rich.console", "sqlalchemy", "typing", "dataclasses")
RUN = """
import json, sys
preloaded = set(sys.modules)
which, args = sys.argv[1], sys.argv[2:]
if which == "fast":
    from tui.cli import main
else:
    from tui.cli.root import main
try:
    main(args)
except SystemExit as done:
    code = done.code
heavy = [name for name in {heavy!r} if name in sys.modules and name not in preloaded]
print(json.dumps({{"code": code, "heavy": heavy}}), file=sys.stderr)
"""


def run(which: str, args: list[str], **env: str) -> tuple[int, str, str, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", RUN.format(heavy=HEAVY), which, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **env},
        check=False,
    )
    *lines, last = done.stderr.splitlines()
    result = json.loads(last)
    return result["code"], done.stdout, "\n".join(lines), result["heavy"]


def same_as_click(args: list[str], **env: str) -> tuple[int, str, str, list[str]]:
    """Run `args` both ways; what the fast way printed, its exit code and heavy imports."""
    code, out, err, heavy = run("fast", args, **env)
    assert (code, out, err) == run("click", args, **env)[:3]
    return code, out, err, heavy


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["list", "meetings"],
        ["list", "services", "--json"],
        ["list", "--json", "journeys"],
        ["list", "meetings", "--db=OTHER"],
        ["--db=OTHER", "check", "--db", "DB"],
    ],
    ids=["check", "list", "services-json", "json-first", "own-db-wins", "both-db"],
)
def test_the_plain_reads_print_what_click_prints_without_importing_click(
    demo_path: Path, tmp_path: Path, args: list[str]
) -> None:
    other = tmp_path / "other.sqlite"
    other.write_bytes(demo_path.read_bytes())
    given = [str(other) if a == "OTHER" else a.replace("=OTHER", f"={other}") for a in args]
    given = [str(demo_path) if a == "DB" else a for a in given]
    if "--db" not in " ".join(given):
        given = ["--db", str(demo_path), *given]
    assert parse(given) is not None
    code, out, _err, heavy = same_as_click(given)
    assert code == 0
    assert out
    assert "click" not in heavy and "rich.console" not in heavy and "sqlalchemy" not in heavy


def test_check_imports_neither_click_nor_typing_nor_dataclasses(demo_path: Path) -> None:
    code, _out, _err, heavy = run("fast", ["--db", str(demo_path), "check"])
    assert (code, heavy) == (0, [])


def test_innsikt_db_in_the_environment_is_read_as_click_reads_it(
    demo_path: Path, tmp_path: Path
) -> None:
    # INNSIKT_DB fills the command's own --db, which wins over the one given to `innsikt`.
    missing = tmp_path / "missing.sqlite"
    code, out, _err, _heavy = same_as_click(
        ["--db", str(missing), "list", "journeys"], INNSIKT_DB=str(demo_path)
    )
    assert code == 0
    assert "Eksempel" in out


def test_a_stale_search_index_is_reported_the_same_way(demo_path: Path) -> None:
    with sqlite3.connect(demo_path) as connection:
        connection.execute(
            "DELETE FROM search_doc WHERE kind = 'note' AND id IN (SELECT min(id) FROM search_doc WHERE kind = 'note')"
        )
    code, out, err, _heavy = same_as_click(["--db", str(demo_path), "check"])
    assert code == 1
    assert out == ""
    assert err


@pytest.mark.parametrize("kind", ["missing", "not-sqlite", "empty"])
def test_a_file_the_plain_reads_cannot_take_is_left_to_click(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "innsikt.sqlite"
    if kind == "not-sqlite":
        path.write_text("hei")
    elif kind == "empty":
        path.write_bytes(b"")
    for args in (["check"], ["list", "meetings"]):
        code, out, err, _heavy = same_as_click(["--db", str(path), *args])
        assert code == 1
        assert out == ""
        assert len(err.splitlines()) == 1  # one clear line
    assert kind != "missing" or not path.exists()


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--help"],
        ["check", "--help"],
        ["check", "--repair"],
        ["check", "extra"],
        ["list"],
        ["list", "people"],
        ["list", "meetings", "services"],
        ["list", "meetings", "--json", "--json"],
        ["list", "meetings", "-h"],
        ["check", "--db"],
        ["check", "--db", "--json"],
        ["check", "--db="],
        ["check", "--db", "a", "--db", "b"],
        ["--meeting", "x", "check"],
        ["--db", "a", "--db", "b", "check"],
        ["search", "tetra"],
        ["check", "--", "x"],
    ],
)
def test_anything_but_a_plain_form_is_left_to_click(args: list[str]) -> None:
    assert parse(args) is None


@pytest.mark.parametrize(
    "args",
    [["list", "foo"], ["check", "--repair", "--db"], ["list", "meetings", "--bogus"]],
)
def test_usage_errors_are_clicks_own(args: list[str]) -> None:
    code, _out, err, _heavy = same_as_click(args)
    assert code == 2
    assert err
