"""A note typed into the real app survives SIGKILL 1.5 s later, and the file stays sound.

The app runs in a pseudo-terminal exactly as a user starts it (`innsikt --db X --meeting ID
--author A`); the test types like a keyboard would, waits, kills the process without warning and
then reads the database from outside. On a laptop whose SQLAlchemy import takes seconds, the
meeting shows and what is typed into it is on disk within a second, before the ORM has loaded.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from pty_terminal import Terminal, demo_meeting, innsikt_command, saved_note

TYPED = "Notat før krasj: æøå 😀"


def test_a_note_survives_sigkill_one_and_a_half_seconds_after_typing(db_path: Path) -> None:
    meeting = demo_meeting(db_path)

    terminal = Terminal(
        [*innsikt_command(), "--db", str(db_path), "--meeting", meeting.id[:8], "--author", "Kari"]
    )
    try:
        terminal.wait_for("Notat")
        time.sleep(0.3)
        terminal.type(TYPED)
        time.sleep(1.5)
    finally:
        terminal.kill()
    assert terminal.process.returncode == -signal.SIGKILL

    note = saved_note(db_path, meeting, "Kari")
    assert note.text == TYPED
    assert note.question_key == "A1"

    check = subprocess.run(
        [*innsikt_command(), "check", "--db", str(db_path)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
    assert "i orden" in check.stdout


def test_closing_the_terminal_right_after_typing_saves_the_last_keystrokes(db_path: Path) -> None:
    meeting = demo_meeting(db_path)
    terminal = Terminal(
        [*innsikt_command(), "--db", str(db_path), "--meeting", meeting.id[:8], "--author", "Ola"]
    )
    try:
        terminal.wait_for("Notat")
        time.sleep(0.3)
        terminal.type(TYPED)
    finally:
        terminal.kill(signal.SIGHUP)  # the window closes well inside the autosave delay
    assert saved_note(db_path, meeting, "Ola").text == TYPED


# The app as `innsikt` runs it, on a laptop so slow that importing SQLAlchemy takes seconds: the
# import waits ORM_SECONDS, then touches the marker file (the ORM may load from then on).
SLOW_ORM = """
import importlib.abc, importlib.machinery, pathlib, sys, time

seconds, marker = float(sys.argv[1]), pathlib.Path(sys.argv[2])

class SlowLoader(importlib.abc.Loader):
    # Slow in running the module, as a real import is (not in finding it, which would hold
    # the interpreter's global import lock and stop every other thread's imports).
    def __init__(self, loader):
        self.loader = loader

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        time.sleep(seconds)
        marker.touch()
        self.loader.exec_module(module)

class SlowOrm(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name != "sqlalchemy":
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        spec.loader = SlowLoader(spec.loader)
        return spec

sys.meta_path.insert(0, SlowOrm())
from tui.cli import main
main(sys.argv[3:])
"""
ORM_SECONDS = 6.0


def note_on_disk(db_path: Path, meeting_id: str, author: str) -> str:
    """The note as another program reads it from the file while the app runs."""
    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
    try:
        row = connection.execute(
            "SELECT text FROM note WHERE meeting_id = ? AND author = ?", (meeting_id, author)
        ).fetchone()
    finally:
        connection.close()
    return row[0] if row else ""


def answer_on_disk(db_path: Path, meeting_id: str) -> int:
    """How many choices Kari's answer on A1 holds, read from outside."""
    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
    try:
        row = connection.execute(
            "SELECT json_array_length(choices) FROM answer"
            " WHERE meeting_id = ? AND author = 'Kari' AND question_key = 'A1'",
            (meeting_id,),
        ).fetchone()
    finally:
        connection.close()
    return row[0] if row else 0


def test_keys_typed_while_the_orm_still_loads_are_durable_within_a_second(
    db_path: Path, tmp_path: Path
) -> None:
    meeting = demo_meeting(db_path)
    marker = tmp_path / "orm-loading-ended"
    args = ["--db", str(db_path), "--meeting", meeting.id[:8], "--author", "Kari"]
    terminal = Terminal([sys.executable, "-c", SLOW_ORM, str(ORM_SECONDS), str(marker), *args])
    try:
        terminal.wait_for("Notat")
        terminal.type(TYPED)  # at once: the first keys of the meeting
        terminal.send(b"\x1b1")  # alt+1: A1's first choice ticked
        typed = time.monotonic()
        while (
            stored := (
                note_on_disk(db_path, meeting.id, "Kari"),
                answer_on_disk(db_path, meeting.id),
            )
        ) != (TYPED, 1):
            assert time.monotonic() - typed < 1.0, f"not durable within a second: {stored}"
            time.sleep(0.02)
        assert not marker.exists(), "the ORM had loaded: this proves nothing"
    finally:
        terminal.kill()
    assert terminal.process.returncode == -signal.SIGKILL
    note = saved_note(db_path, meeting, "Kari")
    assert (note.text, note.question_key) == (TYPED, "A1")
    check = subprocess.run(
        [*innsikt_command(), "check", "--db", str(db_path)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
