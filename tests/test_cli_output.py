"""What the command line prints on a terminal and when piped: tables, and progress on long work.

A terminal is a real pseudo-terminal (tests/pty_terminal.py); piped is the command's stdout to a
pipe, as a script or `grep` reads it.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import shutil
import sqlite3
import struct
import subprocess
import termios
import threading
from pathlib import Path

from pty_terminal import Terminal, innsikt_command
from sqlmodel import select

from models import records
from models.storage import open_database
from models.tables import Journey, Meeting

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


def test_list_on_a_terminal_draws_a_table_with_every_meeting_within_its_width(
    demo_path: Path,
) -> None:
    code, shown = in_terminal(["--db", str(demo_path), "list", "meetings"])
    assert code == 0
    assert "┃" in shown and "│" in shown  # a table in box characters
    assert all(len(line) <= 100 for line in shown.splitlines())  # the pty is 100 wide
    assert len({len(line) for line in shown.splitlines() if line[:1] in "┏┃┡│└"}) == 1
    with sqlite3.connect(demo_path) as connection:
        ids = [row[0] for row in connection.execute("SELECT id FROM meeting WHERE NOT deleted")]
    for meeting_id in ids:  # the id column is never folded
        assert meeting_id[:8] in shown


def with_terminal_stderr(args: list[str], timeout: float = 120) -> tuple[int, bytes, str]:
    """Run `args` with stderr (and stdin) on a pseudo-terminal and stdout to a pipe: the exit
    code, stdout's bytes, and what the terminal showed."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
    process = subprocess.Popen(
        [*innsikt_command(), *args], stdin=slave, stdout=subprocess.PIPE, stderr=slave, env=env
    )
    os.close(slave)
    shown = bytearray()

    def read() -> None:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            shown.extend(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    stdout, _ = process.communicate(timeout=timeout)
    reader.join(timeout=10)
    os.close(master)
    return process.returncode, stdout, screen_text(bytes(shown))


def piped_bytes(args: list[str]) -> tuple[int, bytes, bytes]:
    done = subprocess.run([*innsikt_command(), *args], capture_output=True, timeout=120)
    return done.returncode, done.stdout, done.stderr


def test_report_export_shows_progress_on_a_terminal_and_prints_the_same_stdout(
    demo_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "sammenstilling.docx"
    args = ["--db", str(demo_path), "export", "report", "-o", str(out), "--force"]
    code, stdout, shown = with_terminal_stderr(args)
    assert code == 0
    assert "Skriver sammenstillingen" in shown
    piped_code, piped_stdout, piped_stderr = piped_bytes(args)
    assert piped_code == 0
    assert stdout == piped_stdout == f"Skrev {out}.\n".encode()
    assert piped_stderr == b""  # nothing extra when stderr is not a terminal


def other_laptop(tmp_path: Path, demo_path: Path) -> Path:
    """A snapshot of the demo with one meeting more, as another laptop hands it over."""
    laptop = tmp_path / "laptop.sqlite"
    shutil.copy(demo_path, laptop)
    db = open_database(laptop)
    with db.transaction() as session:
        journey = session.exec(select(Journey)).first()
        records.create(db, session, Meeting, journey_id=journey.id, title="Møte på den andre")
    db.close()
    return laptop


def test_merge_shows_progress_on_a_terminal_and_none_with_json(
    demo_path: Path, tmp_path: Path
) -> None:
    laptop = other_laptop(tmp_path, demo_path)
    targets = [tmp_path / f"target{number}.sqlite" for number in range(4)]
    for target in targets:
        shutil.copy(demo_path, target)
    code, stdout, shown = with_terminal_stderr(["--db", str(targets[0]), "merge", str(laptop)])
    assert code == 0
    assert "Slår sammen" in shown
    assert piped_bytes(["--db", str(targets[1]), "merge", str(laptop)])[1:] == (stdout, b"")
    code, json_stdout, shown = with_terminal_stderr(
        ["--db", str(targets[2]), "merge", str(laptop), "--json"]
    )
    assert code == 0
    assert shown.strip() == ""  # --json: nothing extra, not even on a terminal
    assert json.loads(json_stdout)["tables"]["meeting"]["added"] == 1
    piped_json = piped_bytes(["--db", str(targets[3]), "merge", str(laptop), "--json"])
    assert piped_json[1:] == (json_stdout, b"")


def test_import_and_index_rebuild_show_progress_on_a_terminal(
    demo_path: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "arkiv.json"
    assert piped_bytes(["--db", str(demo_path), "export", "json", "-o", str(archive)])[0] == 0
    target = tmp_path / "ny.sqlite"
    code, stdout, shown = with_terminal_stderr(
        ["--db", str(target), "import", "json", str(archive)]
    )
    assert code == 0
    assert "Importerer" in shown
    piped_target = ["--db", str(tmp_path / "ny2.sqlite"), "import", "json", str(archive)]
    assert piped_bytes(piped_target)[1:] == (stdout, b"")
    assert stdout.startswith(f"Importerte {archive}: ".encode())
    code, stdout, shown = with_terminal_stderr(["--db", str(target), "check", "--repair"])
    assert code == 0
    assert "Bygger søkeindeksen på nytt" in shown


def test_a_title_with_brackets_shows_as_typed_in_the_terminal_table(
    demo_path: Path, tmp_path: Path
) -> None:
    db = open_database(demo_path)
    with db.transaction() as session:
        journey = session.exec(select(Journey)).first()
        records.create(db, session, Meeting, journey_id=journey.id, title="[b]Viktig[/b] møte")
    db.close()
    code, shown = in_terminal(["--db", str(demo_path), "list", "meetings"])
    assert code == 0
    assert "[b]Viktig[/b]" in shown  # not taken for rich markup
