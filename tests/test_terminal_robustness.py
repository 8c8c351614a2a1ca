"""The real app in a pseudo-terminal under steady typing, a locked database, bad bytes, two windows.

Each test starts `innsikt --db X --meeting ID --author A` as a user does, sends what a keyboard or
a terminal would send, and reads the database from outside afterwards.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import stat
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pty_terminal import Terminal, demo_meeting, innsikt_command, saved_note, wait_for_notes
from sqlmodel import select

from models.storage import open_database
from models.tables import Conflict, Meeting

LOCKED_LINE = "databasen brukes av et annet program"
REPLACED = "bl\ufffdb\ufffdr \ufffd\ufffd ok videre"  # what the bad bytes below become
PASTED = "linje 1\u241b\u241b[Ainne\u241bq\nlinje 2 \ufffd etter"  # the paste below, kept


def start(db_path: Path, meeting: Meeting, author: str) -> Terminal:
    terminal = Terminal(
        [*innsikt_command(), "--db", str(db_path), "--meeting", meeting.id[:8], "--author", author]
    )
    terminal.wait_for("Notat")
    time.sleep(0.3)
    return terminal


def test_steady_typing_without_pauses_is_stored_up_to_one_second_before_a_kill(
    db_path: Path,
) -> None:
    meeting = demo_meeting(db_path)
    terminal = start(db_path, meeting, "Kari")
    typed: list[tuple[float, str]] = []
    try:
        # A key every 0.2 s for 4 s: never the 0.3 s pause the debounce waits for.
        for index in range(20):
            char = "abcdefghij"[index % 10]
            terminal.send(char.encode())
            typed.append((time.monotonic(), char))
            time.sleep(0.2)
    finally:
        killed_at = time.monotonic()
        terminal.kill()
    must_have = "".join(char for at, char in typed if at <= killed_at - 1.0)
    stored = saved_note(db_path, meeting, "Kari").text
    assert len(must_have) >= 14
    assert stored.startswith(must_have), (stored, must_have)


def test_a_database_locked_past_the_busy_timeout_keeps_the_text_and_saves_it_after(
    db_path: Path,
) -> None:
    meeting = demo_meeting(db_path)
    terminal = start(db_path, meeting, "Kari")
    other = sqlite3.connect(db_path, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")
        terminal.type("mens låst")
        # The busy timeout is 5 s: the first save fails after it, and the app says so.
        terminal.wait_for(LOCKED_LINE, timeout=15)
        assert terminal.alive()
        terminal.type(" og mer")
        time.sleep(1)
        assert terminal.alive()
        other.execute("ROLLBACK")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            time.sleep(0.5)
            with sqlite3.connect(db_path) as reader:
                row = reader.execute(
                    "SELECT text FROM note WHERE meeting_id = ? AND author = 'Kari'", (meeting.id,)
                ).fetchone()
            if row and row[0] == "mens låst og mer":
                break
        assert terminal.alive()
    finally:
        other.close()
        terminal.kill()
    assert saved_note(db_path, meeting, "Kari").text == "mens låst og mer"
    assert b"SQL" not in terminal.output and b"sqlalche.me" not in terminal.output


def test_invalid_utf8_from_the_terminal_becomes_a_replacement_character_and_typing_goes_on(
    db_path: Path,
) -> None:
    meeting = demo_meeting(db_path)
    terminal = start(db_path, meeting, "Kari")
    try:
        terminal.send(b"bl\xe5b\xe6r")  # Latin-1 «å» and «æ»: not UTF-8
        time.sleep(0.3)
        terminal.send(b" \xff\xfe ok")
        time.sleep(0.3)
        terminal.type(" videre")
        wait_for_notes(db_path, meeting.id, "Kari", REPLACED)
        assert terminal.alive()
    finally:
        terminal.kill(signal.SIGTERM)
    assert saved_note(db_path, meeting, "Kari").text == REPLACED


def test_a_bracketed_paste_with_escapes_inside_is_inserted_whole(db_path: Path) -> None:
    meeting = demo_meeting(db_path)
    terminal = start(db_path, meeting, "Kari")
    try:
        terminal.send(b"\x1b[200~linje 1\x1b\x1b[Ainne\x1bq\r\nlinje 2 \xe6\x1b[201~")
        time.sleep(0.3)
        terminal.type(" etter")
        wait_for_notes(db_path, meeting.id, "Kari", PASTED)
        assert terminal.alive()
    finally:
        terminal.kill(signal.SIGTERM)
    # ESC is kept as its visible symbol; nothing in the paste was run as a key.
    assert saved_note(db_path, meeting, "Kari").text == PASTED


def test_two_windows_on_one_note_lose_nothing_and_keep_the_other_text_as_a_conflict(
    db_path: Path,
) -> None:
    meeting = demo_meeting(db_path)
    first = start(db_path, meeting, "Kari")
    second = start(db_path, meeting, "Kari")
    typed = {"first": "", "second": ""}
    try:

        def type_into(terminal: Terminal, name: str, words: list[str]) -> None:
            for word in words:
                terminal.type(word)
                typed[name] += word
                time.sleep(0.4)

        threads = [
            threading.Thread(
                target=type_into, args=(first, "first", ["alfa ", "bravo ", "charlie "])
            ),
            threading.Thread(
                target=type_into, args=(second, "second", ["xray ", "yankee ", "zulu "])
            ),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        time.sleep(1.5)
        assert first.alive() and second.alive()
        assert first.seen("Konflikter") or second.seen("Konflikter")
    finally:
        first.kill(signal.SIGTERM)
        second.kill(signal.SIGTERM)
    note = saved_note(db_path, meeting, "Kari")
    db = open_database(db_path)
    with db.session() as session:
        conflicts = session.exec(select(Conflict).where(Conflict.record_id == note.id)).all()
        others = [json.loads(conflict.value) for conflict in conflicts]
    db.close()
    kept = [note.text, *others]
    assert any(typed["first"] in text for text in kept), kept
    assert any(typed["second"] in text for text in kept), kept


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3 MB file system of its own (tmpfs; needs root), to be filled up."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small file system needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount tmpfs: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path) -> Path:
    """Fill the file system to the last byte; returns the filler file."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (65536, 512, 1):
            try:
                while os.write(fd, b"\0" * size):
                    pass
            except OSError:
                continue
    finally:
        os.close(fd)
    return filler


def empty_the_wal(db_path: Path) -> None:
    """A WAL file keeps its size: truncated, the next commit needs new space on the disk."""
    with sqlite3.connect(db_path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def test_a_full_disk_keeps_the_text_and_saves_it_once_there_is_space(tiny_disk: Path) -> None:
    db_path = tiny_disk / "innsikt.sqlite"
    meeting = demo_meeting(db_path)
    terminal = start(db_path, meeting, "Kari")
    try:
        empty_the_wal(db_path)
        filler = fill(tiny_disk)
        terminal.type("skrevet på full disk")
        terminal.wait_for("disken er full", timeout=15)
        assert terminal.alive()
        filler.unlink()  # space is back
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not terminal.seen("Lagret"):
            time.sleep(0.5)
            with sqlite3.connect(db_path) as reader:
                row = reader.execute(
                    "SELECT text FROM note WHERE meeting_id = ? AND author = 'Kari'", (meeting.id,)
                ).fetchone()
            if row and row[0] == "skrevet på full disk":
                break
    finally:
        terminal.kill(signal.SIGTERM)
    assert terminal.process.returncode == 0
    assert saved_note(db_path, meeting, "Kari").text == "skrevet på full disk"
    assert b"SQL" not in terminal.output


def test_ending_while_the_disk_is_full_exits_1_and_leaves_a_recovery_file(
    tiny_disk: Path, isolated_data_dir: Path
) -> None:
    db_path = tiny_disk / "innsikt.sqlite"
    meeting = demo_meeting(db_path)
    terminal = start(db_path, meeting, "Kari")
    try:
        empty_the_wal(db_path)
        fill(tiny_disk)
        terminal.type("ikke tapt")
        terminal.wait_for("disken er full", timeout=15)
    finally:
        terminal.kill(signal.SIGTERM)  # the window is closed while the disk is still full
    assert terminal.process.returncode == 1
    recovery_files = list((isolated_data_dir / "recovery").glob("*.json"))
    assert len(recovery_files) == 1
    assert stat.S_IMODE(recovery_files[0].stat().st_mode) == 0o600
    notes = json.loads(recovery_files[0].read_text())["notes"]
    assert [note["text"] for note in notes] == ["ikke tapt"]
