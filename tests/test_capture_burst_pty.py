"""Keys typed in one burst after a focus-moving key reach the field it moves to, in a real terminal.

Pilot hands the app one key at a time; a pseudo-terminal delivers a burst as one read, the way
tmux or a fast typist does, and the keys then queue behind the action that moves the focus.
The database is made to open late (tests/slow_orm/sitecustomize.py), as on a loaded laptop:
F2 comes while it opens, before its panel can be mounted.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from pty_terminal import Terminal, demo_meeting, innsikt_command, notes_on_disk

PAGE_DOWN = b"\x1b[6~"
F2 = b"\x1bOQ"
LATE_ORM = {
    "PYTHONPATH": str(Path(__file__).parent / "slow_orm"),
    "INNSIKT_TEST_ORM_DELAY": "3",
}
FOLLOW_UPS = 23  # F3, the follow-ups question of the demo's guide


def followups_on_disk(db_path: Path, meeting_id: str) -> list[str]:
    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
    try:
        rows = connection.execute(
            "SELECT what FROM followup WHERE meeting_id = ? AND NOT deleted", (meeting_id,)
        ).fetchall()
    finally:
        connection.close()
    return [what for (what,) in rows]


def wait_for_followup(db_path: Path, meeting_id: str, what: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if what in followups_on_disk(db_path, meeting_id):
                return
        except sqlite3.OperationalError:  # busy
            pass
        time.sleep(0.05)


def test_keys_after_f2_in_one_burst_go_to_the_panel_while_the_database_opens(
    db_path: Path,
) -> None:
    meeting = demo_meeting(db_path)
    before = followups_on_disk(db_path, meeting.id)
    terminal = Terminal(
        [*innsikt_command(), "--db", str(db_path), "--meeting", meeting.id[:8], "--author", "Pia"],
        env=LATE_ORM,
    )
    try:
        terminal.wait_for("Notat")
        # One write: the follow-ups question, F2 into its panel, a follow-up typed and added.
        terminal.send(PAGE_DOWN * FOLLOW_UPS + F2 + b"ring\r")
        wait_for_followup(db_path, meeting.id, "ring")
    finally:
        terminal.kill()
    assert sorted(followups_on_disk(db_path, meeting.id)) == sorted([*before, "ring"])
    assert notes_on_disk(db_path, meeting.id, "Pia") == {}
