"""The real app in a pseudo-terminal: started as a user starts it, typed into, killed.

Shared by the real-terminal tests; `Terminal` keeps reading what the app draws on a thread.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select as io_select
import signal
import sqlite3
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

from sqlmodel import select

from models.storage import open_database
from models.tables import Meeting, Note
from tests.templates import copy_demo


def innsikt_command() -> list[str]:
    """The `innsikt` of the interpreter running the tests: one found on PATH may be another
    install's (another work tree's code, not the one under test)."""
    script = Path(sys.executable).parent / "innsikt"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "tui.cli"]


# Makes the pty the controlling terminal of the session the app leads, then runs the app in
# that process: as in tmux or an ssh login, the kernel sends SIGHUP when the terminal goes away.
CONTROLLING = (
    "import fcntl, os, sys, termios; fcntl.ioctl(0, termios.TIOCSCTTY, 0);"
    " os.execvp(sys.argv[1], sys.argv[1:])"
)


class Terminal:
    """A pty of 100×30 with a thread that keeps reading what the app draws.

    `controlling`: the pty is the app's controlling terminal (closing it hangs the app up);
    otherwise the app only sees its reads and writes fail once it is closed.
    """

    def __init__(
        self, args: list[str], env: dict[str, str] | None = None, *, controlling: bool = False
    ) -> None:
        if controlling:
            args = [sys.executable, "-c", CONTROLLING, *args]
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "COLUMNS": "100",
            "LINES": "30",
            **(env or {}),
        }
        self.process = subprocess.Popen(
            args, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.output = bytearray()
        self._closing = threading.Event()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        # Not blocked in read(): a read in progress would keep the pty open after `close`.
        while not self._closing.is_set():
            try:
                if not io_select.select([self.master], [], [], 0.05)[0]:
                    continue
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output.extend(chunk)

    def wait_for(self, text: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while text.encode() not in self.output:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise AssertionError(f"never saw {text!r}: {bytes(self.output[-2000:])!r}")
            time.sleep(0.05)

    def type(self, text: str) -> None:
        for char in text:
            os.write(self.master, char.encode())
            time.sleep(0.01)

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def alive(self) -> bool:
        return self.process.poll() is None

    def seen(self, text: str) -> bool:
        return text.encode() in self.output

    def kill(self, signal_number: int = signal.SIGKILL) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal_number)
        self.process.wait(timeout=10)
        self.close()

    def close(self) -> None:
        """Close the terminal's side of the pty, as tmux or sshd does when the window goes."""
        if self.master >= 0:
            self._closing.set()
            self.reader.join()
            os.close(self.master)
            self.master = -1


def demo_meeting(db_path: Path) -> Meeting:
    copy_demo(db_path)  # the demo, built once per test process
    db = open_database(db_path)
    with db.session() as session:
        meeting = session.exec(select(Meeting).where(Meeting.title.contains("HEMIT"))).one()  # type: ignore[attr-defined]
    db.close()
    return meeting


def saved_note(db_path: Path, meeting: Meeting, author: str) -> Note:
    db = open_database(db_path)
    with db.session() as session:
        note = session.exec(
            select(Note).where(Note.meeting_id == meeting.id, Note.author == author)
        ).one()
    db.close()
    return note


def notes_on_disk(db_path: Path, meeting_id: str, author: str) -> dict[str, str]:
    """The author's live notes of the meeting by question, as another program reads the file."""
    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
    try:
        rows = connection.execute(
            "SELECT question_key, text FROM note"
            " WHERE meeting_id = ? AND author = ? AND NOT deleted",
            (meeting_id, author),
        ).fetchall()
    finally:
        connection.close()
    return dict(rows)


def wait_for_notes(
    db_path: Path,
    meeting_id: str,
    author: str,
    expected: dict[str, str] | str,
    timeout: float = 15,
) -> None:
    """Wait until the file holds the author's `expected` notes (by question, or one note's
    text), or `timeout` passes (the test's own assertion then says what is there): the test
    goes on once the keys are handled and saved, not after a fixed wait that is too long on a
    quiet machine and can be too short on a loaded one."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            notes = notes_on_disk(db_path, meeting_id, author)
        except sqlite3.OperationalError:  # busy, or not there yet
            notes = {}
        if notes == expected or list(notes.values()) == [expected]:
            return
        time.sleep(0.05)
