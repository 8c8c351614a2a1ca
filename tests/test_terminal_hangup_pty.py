"""The app ends, with what was typed on disk, when its terminal goes away.

tmux killing the window, an ssh session that drops, a laptop lid closing on it: the pty's other
side is closed. The app then gets SIGHUP (and SIGCONT) if the pty is its controlling terminal,
perhaps SIGHUP from the shell it ran under, and in every case reads that end and writes that
fail. Textual's writer thread died on the first failed write and the app hung for good in its
shutdown, blocked on a full queue nobody read.
"""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import pytest
from pty_terminal import Terminal, demo_meeting, innsikt_command, saved_note

TYPED = "skrevet før lokket"
# Far more than the app needs (it needs well under a second): only a hang can reach it.
EXIT_SECONDS = 15


def wait_for_exit(terminal: Terminal) -> int | None:
    """The app's exit status once it has ended, or None if it is still running at the bound."""
    try:
        return terminal.process.wait(timeout=EXIT_SECONDS)
    except subprocess.TimeoutExpired:
        return None


@pytest.mark.parametrize(
    ("controlling", "then_sighup"),
    [
        pytest.param(True, False, id="window-closed"),  # tmux kill-session: the kernel's SIGHUP
        pytest.param(False, False, id="tty-gone-unsignalled"),  # only reads and writes fail
        pytest.param(False, True, id="tty-gone-then-sighup"),  # ssh drops, the shell sends SIGHUP
    ],
)
def test_the_app_exits_with_the_note_saved_when_its_terminal_goes_away(
    db_path: Path, controlling: bool, then_sighup: bool
) -> None:
    meeting = demo_meeting(db_path)
    terminal = Terminal(
        [*innsikt_command(), "--db", str(db_path), "--meeting", meeting.id[:8], "--author", "Kari"],
        controlling=controlling,
    )
    try:
        terminal.wait_for("Notat")
        assert not terminal.seen("lokket")
        terminal.send(TYPED.encode())
        # Drawn: the app has read the keys (the autosave may not have run yet).
        terminal.wait_for("lokket")
        terminal.close()
        if then_sighup:
            terminal.process.send_signal(signal.SIGHUP)
        status = wait_for_exit(terminal)
    finally:
        if terminal.alive():
            terminal.process.kill()
            terminal.process.wait(timeout=10)
        terminal.close()
    assert status is not None, "the app was still running after its terminal went away"
    assert saved_note(db_path, meeting, "Kari").text == TYPED
    check = subprocess.run(
        [*innsikt_command(), "check", "--db", str(db_path)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr


@pytest.mark.parametrize("controlling", [True, False], ids=["window-closed", "tty-gone"])
def test_a_contact_line_not_sent_is_in_the_recovery_file_when_the_terminal_goes_away(
    db_path: Path, controlling: bool
) -> None:
    from tui import recovery

    meeting = demo_meeting(db_path)
    terminal = Terminal(
        [*innsikt_command(), "--db", str(db_path), "--meeting", meeting.id[:8], "--author", "Kari"],
        controlling=controlling,
    )
    try:
        terminal.wait_for("Notat")
        terminal.send(b"\x07f")  # ctrl+g f: section F, its first question (the contacts)
        terminal.wait_for("Kontaktpersoner (")
        terminal.send(b"\x1bOQ")  # F2: into the panel's line (the keys after it wait for it)
        terminal.send(b"Per Berg, 22334455")
        terminal.wait_for("22334455")  # drawn in the line: the app has read the keys
        terminal.close()
        status = wait_for_exit(terminal)
    finally:
        if terminal.alive():
            terminal.process.kill()
            terminal.process.wait(timeout=10)
        terminal.close()
    assert status is not None, "the app was still running after its terminal went away"
    fields = recovery.read_all(db_path)[1]
    assert [(f.place, f.text, f.question_key, f.author) for f in fields] == [
        ("Kontaktpersoner", "Per Berg, 22334455", "F1", "Kari")
    ]


# SQLAlchemy's first import waits this long (tests/slow_orm), as on a loaded laptop: the
# meeting shows from the file and its notes are saved without the ORM meanwhile.
LATE_ORM = {
    "PYTHONPATH": str(Path(__file__).parent / "slow_orm"),
    "INNSIKT_TEST_ORM_DELAY": "120",
}


@pytest.mark.parametrize(
    "window_closed", [True, False], ids=["window-closed", "sighup-terminal-kept"]
)
def test_the_app_exits_at_once_when_its_terminal_goes_away_while_the_database_opens(
    db_path: Path, window_closed: bool
) -> None:
    meeting = demo_meeting(db_path)
    terminal = Terminal(
        [*innsikt_command(), "--db", str(db_path), "--meeting", meeting.id[:8], "--author", "Kari"],
        env=LATE_ORM,
        controlling=window_closed,
    )
    try:
        terminal.wait_for("Notat")
        terminal.send(TYPED.encode())
        terminal.wait_for("lokket")  # read and drawn; the ORM is still loading
        if window_closed:
            terminal.close()
        else:
            terminal.process.send_signal(signal.SIGHUP)
        # Not after the opening thread's 120 s: nothing it still has to do is the user's.
        status = wait_for_exit(terminal)
    finally:
        if terminal.alive():
            terminal.process.kill()
            terminal.process.wait(timeout=10)
        terminal.close()
    assert status == 0, "the app was still running after its terminal went away"
    assert saved_note(db_path, meeting, "Kari").text == TYPED
    from tui import recovery

    assert recovery.read_all(db_path) == ([], [])  # all of it in the database
    check = subprocess.run(
        [*innsikt_command(), "check", "--db", str(db_path)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
