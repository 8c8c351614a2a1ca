"""The side panels' kept read connection: the last rows again while nothing was committed, the
new ones as soon as another connection commits, and an encrypted database read as well."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import col, select

from models import atrest, sealed
from models.followups import add_followup, meeting_followups
from models.read_panels import panel_followups
from models.storage import Database, open_database
from models.tables import Meeting
from tests.test_atrest import PASSPHRASE, encrypted_demo
from tui.store.panel_reads import PanelReads


def first_meeting(db: Database) -> str:
    with db.session() as session:
        meeting = session.exec(select(Meeting).order_by(col(Meeting.date))).first()
        assert meeting is not None
        return meeting.id


def test_the_last_rows_are_given_again_until_another_connection_commits(
    demo_db: Database,
) -> None:
    meeting_id = first_meeting(demo_db)
    reads = PanelReads(demo_db.path)
    try:
        first = reads.read(panel_followups, meeting_id)
        assert reads.read(panel_followups, meeting_id) == first and reads.reads == 1
        add_followup(demo_db, meeting_id, "Ringe tilbake", "Kari")
        again = reads.read(panel_followups, meeting_id)
        assert reads.reads == 2
        assert [row.what for row in again] == [row.what for row in first] + ["Ringe tilbake"]
        with demo_db.session() as session:
            assert again == meeting_followups(session, meeting_id)
    finally:
        reads.close()


def test_kept_gives_the_last_rows_without_reading_and_nothing_once_another_commits(
    demo_db: Database,
) -> None:
    meeting_id = first_meeting(demo_db)
    reads = PanelReads(demo_db.path)
    try:
        assert reads.kept(panel_followups, meeting_id) is None  # nothing read yet
        first = reads.read(panel_followups, meeting_id)
        assert reads.kept(panel_followups, meeting_id) == first
        assert reads.kept(panel_followups, "another meeting") is None  # never read
        assert reads.reads == 1  # asking what is kept reads nothing
        add_followup(demo_db, meeting_id, "Ringe tilbake", "Kari")
        assert reads.kept(panel_followups, meeting_id) is None  # committed since: read it
        with reads._lock:  # a read running on another thread: the caller reads, too
            assert reads.kept(panel_followups, meeting_id) is None
        again = reads.read(panel_followups, meeting_id)
        assert reads.kept(panel_followups, meeting_id) == again != first
    finally:
        reads.close()


def test_an_encrypted_database_is_read_as_well(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INNSIKT_PASSPHRASE", PASSPHRASE)  # for `innsikt encrypt`
    monkeypatch.setattr(sealed, "SCRYPT_LOG_N", 10)
    monkeypatch.setattr(atrest, "_passphrases", {})
    path = encrypted_demo(tmp_path / "a.sqlite")
    atrest.remember(path, PASSPHRASE)  # as the app does once it was given
    db = open_database(path)
    reads = PanelReads(path)
    try:
        meeting_id = first_meeting(db)
        with db.session() as session:
            expected = meeting_followups(session, meeting_id)
        assert expected and reads.read(panel_followups, meeting_id) == expected
    finally:
        reads.close()
        db.close()
