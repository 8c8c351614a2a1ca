"""`innsikt [--db] [--meeting] [--author]` starts the app without importing click, on the file,
meeting and author click would have given it (tui/cli/fast_launch.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli.fast_launch import parse_launch

# The app is replaced by a stand-in that says what it was given and whether click was loaded.
RUN = """
import json, sys
import tui.launch

def run_app(path, meeting_ref=None, author=None):
    print(json.dumps([str(path), meeting_ref, author, "click" in sys.modules]))
    return 0

tui.launch.run_app = run_app
which, args = sys.argv[1], sys.argv[2:]
if which == "fast":
    from tui.cli import main
else:
    from tui.cli.root import main
try:
    main(args)
except SystemExit as done:
    print(json.dumps({"code": done.code}))
"""


def run(which: str, args: list[str], **env: str) -> tuple[list[object] | None, int]:
    done = subprocess.run(
        [sys.executable, "-c", RUN, which, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **env},
        check=False,
    )
    lines = done.stdout.splitlines()
    code = json.loads(lines[-1])["code"]
    return (json.loads(lines[0]) if len(lines) > 1 else None), code


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--db", "FILE"], {}),
        (["--db=FILE", "--meeting", "M-1", "--author=Kari Nordmann"], {}),
        (["--author", "Ola", "--meeting=M-2"], {"INNSIKT_DB": "FILE"}),
        (["--db", "~/notater.sqlite"], {"INNSIKT_DB": "ENV"}),
        ([], {"INNSIKT_DB": ""}),
    ],
    ids=["db", "all-three", "db-from-env", "option-before-env", "default"],
)
def test_the_app_starts_on_what_click_would_give_it_without_importing_click(
    tmp_path: Path, args: list[str], env: dict[str, str]
) -> None:
    given = [a.replace("FILE", str(tmp_path / "a.sqlite")) for a in args]
    env = {k: v.replace("FILE", str(tmp_path / "b.sqlite")) for k, v in env.items()}
    env["INNSIKT_DATA_DIR"] = str(tmp_path / "data")
    fast, fast_code = run("fast", given, **env)
    slow, slow_code = run("click", given, **env)
    assert fast is not None and slow is not None
    assert fast[:3] == slow[:3] and fast_code == slow_code == 0
    assert fast[3] is False and slow[3] is True


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--db"],
        ["--db", "--author", "x"],
        ["--author="],
        ["--author", "a", "--author", "b"],
        ["--db", "x", "check"],
        ["--meet", "x"],
        ["-h"],
    ],
)
def test_anything_but_the_plain_options_is_left_to_click(args: list[str]) -> None:
    assert parse_launch(args) is None


def test_a_usage_error_is_still_clicks_exit_code_2(tmp_path: Path) -> None:
    shown, code = run("fast", ["--db"], INNSIKT_DATA_DIR=str(tmp_path))
    assert shown is None and code == 2
