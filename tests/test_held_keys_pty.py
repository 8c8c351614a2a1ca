"""A hang-up while keys are held behind F2 saves them, in a real terminal.

F2 on a panel's question while the database opens holds the keys typed after it until the
panel can be mounted (`tui/key_order.py:KeyHold`). The window closing meanwhile (SIGHUP) must
not leave them held: they go into the note, which is saved before the app ends. The database
is made to open late (tests/slow_orm/sitecustomize.py), as on a loaded laptop.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path

from pty_terminal import Terminal, demo_meeting, innsikt_command, notes_on_disk

PAGE_DOWN = b"\x1b[6~"
F2 = b"\x1bOQ"
FOLLOW_UPS = 23  # F3, the follow-ups question of the demo's guide
# Long enough that F2 is still waiting for the database when the window closes, however slow
# the machine is in getting there.
LATE_ORM = {
    "PYTHONPATH": str(Path(__file__).parent / "slow_orm"),
    "INNSIKT_TEST_ORM_DELAY": "12",
}


def test_a_hangup_while_keys_wait_behind_f2_saves_them_in_the_note(db_path: Path) -> None:
    meeting = demo_meeting(db_path)
    terminal = Terminal(
        [*innsikt_command(), "--db", str(db_path), "--meeting", meeting.id[:8], "--author", "Pia"],
        env=LATE_ORM,
    )
    try:
        terminal.wait_for("Notat")
        # One write: the follow-ups question, F2 (its panel waits for the database), words.
        terminal.send(PAGE_DOWN * FOLLOW_UPS + F2 + b"ikke tapt")
        terminal.wait_for("Panelet")  # F2 handled; the words, read with it, are held
        terminal.process.send_signal(signal.SIGHUP)
        # At once: not after the opening thread, which is still loading SQLAlchemy.
        terminal.process.wait(timeout=15)
    finally:
        terminal.kill()
    deadline = time.monotonic() + 5
    while not notes_on_disk(db_path, meeting.id, "Pia") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(notes_on_disk(db_path, meeting.id, "Pia").values()) == ["ikke tapt"]
