"""Keys typed in one burst after a focus-moving key reach the field it moves to, in a real terminal.

Pilot hands the app one key at a time; a pseudo-terminal delivers a burst as one read, the way
tmux or a fast typist does, and the keys then queue behind the action that moves the focus.
The database is made to open late (tests/slow_orm/sitecustomize.py), as on a loaded laptop:
F2 comes while it opens, before its panel can be mounted.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from pty_terminal import Terminal, demo_meeting, innsikt_command, notes_on_disk, wait_for_notes

PAGE_DOWN = b"\x1b[6~"
F2 = b"\x1bOQ"
LATE_ORM = {  # before the environment's own PYTHONPATH, not instead of it
    "PYTHONPATH": os.pathsep.join(
        filter(None, [str(Path(__file__).parent / "slow_orm"), os.environ.get("PYTHONPATH")])
    ),
    "INNSIKT_TEST_ORM_DELAY": "3",
}
FOLLOW_UPS = 23  # F3, the follow-ups question of the demo's guide


def rows_on_disk(db_path: Path, sql: str, *params: str) -> list[tuple]:
    """The rows of `sql`, read as another program reads the file while the app writes it."""
    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def wait_until(done: Callable[[], bool], timeout: float = 20) -> None:
    """Until `done()` holds or `timeout` passes; the test's assertion then says which."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if done():
                return
        except sqlite3.OperationalError:  # busy: the app is writing
            pass
        time.sleep(0.05)


def capture_terminal(db_path: Path, meeting_id: str, env: dict[str, str] | None = None) -> Terminal:
    """The app opened on the meeting as Pia, in a real terminal."""
    return Terminal(
        [*innsikt_command(), "--db", str(db_path), "--meeting", meeting_id[:8], "--author", "Pia"],
        env=env,
    )


def followups_on_disk(db_path: Path, meeting_id: str) -> list[str]:
    sql = "SELECT what FROM followup WHERE meeting_id = ? AND NOT deleted"
    return [what for (what,) in rows_on_disk(db_path, sql, meeting_id)]


def wait_for_followup(db_path: Path, meeting_id: str, what: str) -> None:
    wait_until(lambda: what in followups_on_disk(db_path, meeting_id))


def test_keys_after_f2_in_one_burst_go_to_the_panel_while_the_database_opens(
    db_path: Path,
) -> None:
    meeting = demo_meeting(db_path)
    before = followups_on_disk(db_path, meeting.id)
    terminal = capture_terminal(db_path, meeting.id, env=LATE_ORM)
    try:
        terminal.wait_for("Notat")
        # One write: the follow-ups question, F2 into its panel, two follow-ups typed and added
        # (the second typed before the first is saved).
        terminal.send(PAGE_DOWN * FOLLOW_UPS + F2 + b"ring\rneste\r")
        wait_for_followup(db_path, meeting.id, "neste")
    finally:
        terminal.kill()
    assert sorted(followups_on_disk(db_path, meeting.id)) == sorted([*before, "ring", "neste"])
    assert notes_on_disk(db_path, meeting.id, "Pia") == {}


def services_named(db_path: Path, name: str) -> int:
    sql = "SELECT count(*) FROM service WHERE name = ? AND NOT deleted"
    [(count,)] = rows_on_disk(db_path, sql, name)
    return count


def test_a_form_opened_by_a_panel_key_takes_the_name_typed_in_the_same_burst(
    db_path: Path,
) -> None:
    meeting = demo_meeting(db_path)
    terminal = capture_terminal(db_path, meeting.id)
    try:
        terminal.wait_for("Notat")
        terminal.send(PAGE_DOWN * 3)  # B1, a services question
        terminal.wait_for("Tjenester nevnt her")  # its panel: the database is open
        # F2, n (a new service's form), its name and ctrl+s, in one write: the form is not
        # mounted yet when the name arrives.
        terminal.send(F2 + b"nNytt fagsystem" + b"\x13")
        wait_until(lambda: services_named(db_path, "Nytt fagsystem") > 0)
    finally:
        terminal.kill()
    assert services_named(db_path, "Nytt fagsystem") == 1
    assert notes_on_disk(db_path, meeting.id, "Pia") == {}


def test_keys_after_the_section_jump_in_one_burst_go_to_the_note_of_the_section_chosen(
    db_path: Path,
) -> None:
    meeting = demo_meeting(db_path)
    terminal = capture_terminal(db_path, meeting.id)
    try:
        terminal.wait_for("Notat")
        # ctrl+g, Down to section B, Enter, then the note: the list has not moved, nor the
        # jump been made, when the letters arrive.
        terminal.send(b"\x07" + b"\x1b[B" + b"\r" + b"xy" + b"\x07" + b"c" + b"zw")
        wait_for_notes(db_path, meeting.id, "Pia", {"B1": "xy", "C1": "zw"})
    finally:
        terminal.kill()
    assert notes_on_disk(db_path, meeting.id, "Pia") == {"B1": "xy", "C1": "zw"}


def answers_on_disk(db_path: Path, meeting_id: str, author: str) -> dict[str, tuple[str, str]]:
    sql = (
        "SELECT question_key, choices, other_text FROM answer"
        " WHERE meeting_id = ? AND author = ? AND NOT deleted"
    )
    return {
        key: (choices, other)
        for key, choices, other in rows_on_disk(db_path, sql, meeting_id, author)
    }


def test_tab_enter_and_ctrl_l_move_the_focus_before_the_keys_typed_after_them(
    db_path: Path,
) -> None:
    meeting = demo_meeting(db_path)
    terminal = capture_terminal(db_path, meeting.id)
    try:
        terminal.wait_for("Notat")
        # A1: Tab to the tree, Tab to the choices, Space ticks the first, a letter is for the
        # note; alt+0 opens «annet», Enter closes it, and the next letter is the note's again;
        # then ctrl+l into the tree, Down to A2, Enter opens it, and its note.
        terminal.send(b"\t\t x" + b"\x1b0" + b"abc\r" + b"d" + b"\x0c" + b"\x1b[B" + b"\r" + b"yz")
        wait_for_notes(db_path, meeting.id, "Pia", {"A1": "xd", "A2": "yz"})
        wait_until(lambda: bool(answers_on_disk(db_path, meeting.id, "Pia")), timeout=15)
    finally:
        terminal.kill()
    assert notes_on_disk(db_path, meeting.id, "Pia") == {"A1": "xd", "A2": "yz"}
    assert answers_on_disk(db_path, meeting.id, "Pia") == {"A1": ('["Sykehuspartner HF"]', "abc")}


def test_n_in_the_follow_ups_table_gives_the_text_after_it_to_the_new_item(db_path: Path) -> None:
    meeting = demo_meeting(db_path)
    before = followups_on_disk(db_path, meeting.id)
    terminal = capture_terminal(db_path, meeting.id)
    try:
        terminal.wait_for("Notat")
        terminal.send(PAGE_DOWN * FOLLOW_UPS)
        terminal.wait_for("Oppfølgingspunkter (")  # its panel: the database is open
        # F2 into «Hva», three Tabs to the table (past «Hvem» and «Frist»), n for a new item.
        terminal.send(F2 + b"\t\t\t" + b"nring\r")
        wait_for_followup(db_path, meeting.id, "ring")
    finally:
        terminal.kill()
    assert sorted(followups_on_disk(db_path, meeting.id)) == sorted([*before, "ring"])


def linked_services(db_path: Path, meeting_id: str, question_key: str) -> list[str]:
    """The services linked to the question, in the order its panel lists them."""
    from models.read_panels import panel_mentions

    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
    try:
        return [row.name for row in panel_mentions(connection, meeting_id, question_key)]
    finally:
        connection.close()


def test_a_panel_key_after_arrows_in_one_burst_acts_on_the_row_they_moved_to(
    db_path: Path,
) -> None:
    meeting = demo_meeting(db_path)
    before = linked_services(db_path, meeting.id, "B1")
    assert len(before) >= 3
    terminal = capture_terminal(db_path, meeting.id)
    try:
        terminal.wait_for("Notat")
        terminal.send(PAGE_DOWN * 3)  # B1, a services question
        terminal.wait_for(f"Tjenester nevnt her ({len(before)})")  # its rows are shown
        terminal.send(F2 + b"\x1b[B\x1b[B" + b"x")  # the third service, unlinked
        wait_until(lambda: linked_services(db_path, meeting.id, "B1") != before)
    finally:
        terminal.kill()
    assert linked_services(db_path, meeting.id, "B1") == before[:2] + before[3:]
