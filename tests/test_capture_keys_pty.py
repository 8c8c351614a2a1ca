"""alt+digit, PgDn and typing in a real terminal reach the answer and the notes in the database.

A terminal sends alt+1 as ESC followed by «1»; Textual alone would read that as «¡» and type it
into the note. The app is started in a pseudo-terminal exactly as a user starts it.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from pty_terminal import Terminal, demo_meeting, innsikt_command, wait_for_notes

from models.records import live
from models.storage import open_database
from models.tables import Answer, Note

PAGE_DOWN = "\x1b[6~"
NOTES = {"A1": "Svar gitt", "A2": "roller § 6", "A3": "ambulanse nkmx ok"}


def test_alt_digit_page_down_and_typing_in_a_real_terminal(db_path: Path) -> None:
    meeting = demo_meeting(db_path)
    terminal = Terminal(
        [*innsikt_command(), "--db", str(db_path), "--meeting", meeting.id[:8], "--author", "Pia"]
    )
    try:
        terminal.wait_for("Notat")
        time.sleep(0.3)
        terminal.type("Svar gitt")
        terminal.type("\x1b2")  # alt+2 on A1: «HEMIT HF»
        time.sleep(0.3)
        terminal.type(PAGE_DOWN)
        time.sleep(0.3)
        terminal.type("roller § 6")  # a typed «§» stays a character
        terminal.type(PAGE_DOWN)
        time.sleep(0.3)
        terminal.type("\x1b1\x1b4")  # A3, multiple choice: 1 and 4
        time.sleep(0.3)
        terminal.type("ambulanse")
        terminal.type("\t")  # into the guide tree ...
        time.sleep(0.3)
        os.write(terminal.master, b" nkmx ok")  # ... and a burst of keys at once
        # The writer saves in order: once the last keys are on disk, the answers are too.
        wait_for_notes(db_path, meeting.id, "Pia", NOTES)
    finally:
        terminal.kill()

    db = open_database(db_path)
    try:
        with db.session() as session:
            notes = {
                note.question_key: note.text
                for note in session.exec(live(Note).where(Note.author == "Pia")).all()
            }
            answers = {
                answer.question_key: answer.choices
                for answer in session.exec(live(Answer).where(Answer.author == "Pia")).all()
            }
    finally:
        db.close()
    assert notes == NOTES
    assert answers == {"A1": ["HEMIT HF"], "A3": ["ambulanse (bil)", "AMK-sentral"]}
