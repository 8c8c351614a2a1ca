"""A note typed into the real app survives SIGKILL 1.5 s later, and the file stays sound.

The app runs in a pseudo-terminal exactly as a user starts it (`innsikt --db X --meeting ID
--author A`); the test types like a keyboard would, waits, kills the process without warning and
then reads the database from outside.
"""

from __future__ import annotations

import signal
import subprocess
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
