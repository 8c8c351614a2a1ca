"""What the command line prints on a terminal and when piped: tables, and progress on long work.

A terminal is a real pseudo-terminal (tests/pty_terminal.py); piped is the command's stdout to a
pipe, as a script or `grep` reads it.
"""

from __future__ import annotations

import re
import sqlite3
import subprocess
from pathlib import Path

from pty_terminal import Terminal, innsikt_command

ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def screen_text(output: bytes) -> str:
    """What a terminal shows, roughly: the output without escape sequences, CRLF as LF."""
    return ESCAPES.sub(b"", output).replace(b"\r\n", b"\n").decode("utf-8", "replace")


def in_terminal(args: list[str], timeout: float = 60) -> tuple[int, str]:
    terminal = Terminal([*innsikt_command(), *args])
    code = terminal.process.wait(timeout=timeout)
    terminal.reader.join(timeout=10)
    return code, screen_text(bytes(terminal.output))


def piped(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*innsikt_command(), *args], capture_output=True, text=True, timeout=60, check=False
    )


def meeting_titles(db: Path) -> list[str]:
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT title FROM meeting WHERE NOT deleted ORDER BY title")
        return [title for (title,) in rows]


def test_piped_list_prints_plain_columns_one_line_per_meeting(demo_path: Path) -> None:
    done = piped(["--db", str(demo_path), "list", "meetings"])
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines[0] == "Møter"
    assert lines[1].split()[:3] == ["Id", "Dato", "Møte"]
    titles = meeting_titles(demo_path)
    assert len(lines) == 2 + len(titles)
    for title in titles:
        assert sum(title in line for line in lines[2:]) == 1
    assert not re.search("[│┃━─┏┗]", done.stdout)  # no box drawing for grep to trip on
    # The columns line up: every row's date starts where the header's «Dato» does.
    start = lines[1].index("Dato")
    assert all(re.match(r"\d{4}-\d\d-\d\d", line[start:]) for line in lines[2:])


def test_list_on_a_terminal_draws_a_table_with_every_meeting(demo_path: Path) -> None:
    code, shown = in_terminal(["--db", str(demo_path), "list", "meetings"])
    assert code == 0
    assert "┃" in shown or "│" in shown  # rich's table
    with sqlite3.connect(demo_path) as connection:
        ids = [row[0] for row in connection.execute("SELECT id FROM meeting WHERE NOT deleted")]
    for meeting_id in ids:  # the id column is never folded
        assert meeting_id[:8] in shown
