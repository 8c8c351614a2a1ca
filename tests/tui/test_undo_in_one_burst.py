"""Delete and «u» in one burst, in a panel of the capture screen: the undo undoes the deletion,
as it does when the two keys come apart. The «u» used to be handled before the deletion's write
had finished, found nothing to undo, and the deletion stayed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from models.storage import Database
from tests.tui.support import burst, make_app, settle
from tui.widgets import services_panel
from tui.widgets.contacts_panel import ContactsPanel
from tui.widgets.services_panel import ServicesPanel

from .services_harness import HarnessApp, demo_meetings
from .services_harness import settle as settle_harness
from .test_keys_in_one_burst import capture_on, helse_nord, letters


def linked_services(db_path: Path, meeting_id: str, question_key: str) -> list[str]:
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as connection:
        rows = connection.execute(
            "SELECT service_id FROM service_mention WHERE meeting_id = ? AND question_key = ?"
            " AND NOT deleted",
            (meeting_id, question_key),
        ).fetchall()
    return sorted(service_id for (service_id,) in rows)


def live_contacts(db_path: Path, meeting_id: str) -> int:
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as connection:
        (count,) = connection.execute(
            "SELECT count(*) FROM contact WHERE meeting_id = ? AND question_key = 'F1'"
            " AND NOT deleted",
            (meeting_id,),
        ).fetchone()
    return count


def notices(pilot: Pilot) -> list[str]:
    return [str(notification.message) for notification in pilot.app._notifications]


async def test_delete_then_u_in_one_burst_brings_the_service_back(demo_path: Path) -> None:
    meeting_id = helse_nord(demo_path)
    app = make_app(demo_path, meeting_ref=meeting_id, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await capture_on(pilot, "B1")
        before = linked_services(demo_path, meeting_id, "B1")
        assert before, "the demo links services to B1"
        await pilot.press("f2")
        await settle(pilot)
        panel = screen.query_one(ServicesPanel)
        assert panel.entered and len(panel.rows) == len(before)
        burst(pilot, ["delete", "u"])
        await settle(pilot)
        assert "Ingenting å angre." not in notices(pilot)
        assert len(panel.rows) == len(before)
    assert linked_services(demo_path, meeting_id, "B1") == before


async def test_delete_then_u_in_one_burst_brings_the_contact_back(demo_path: Path) -> None:
    meeting_id = helse_nord(demo_path)
    app = make_app(demo_path, meeting_ref=meeting_id, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await capture_on(pilot, "F1")
        await pilot.press("f2", *letters("Mona Lie, 22334455"), "enter")
        await settle(pilot)
        panel = screen.query_one(ContactsPanel)
        before = live_contacts(demo_path, meeting_id)
        assert before >= 1 and len(panel.rows) == before
        await pilot.press("tab")  # from the line to the list
        await settle(pilot)
        assert isinstance(screen.focused, DataTable)
        burst(pilot, ["delete", "u"])
        await settle(pilot)
        assert "Ingenting å angre." not in notices(pilot)
        assert len(panel.rows) == before
    assert live_contacts(demo_path, meeting_id) == before


def mention_stamps(db_path: Path, meeting_id: str) -> list[tuple[str, str, int]]:
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as connection:
        return connection.execute(
            "SELECT id, hlc, deleted FROM service_mention WHERE meeting_id = ?"
            " AND question_key = 'B1' ORDER BY id",
            (meeting_id,),
        ).fetchall()


async def test_an_undo_queued_behind_a_failed_unlink_writes_nothing_and_says_so(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(services_panel, "unlink_mention", disk_full)
    meeting = demo_meetings(demo_db)[0]
    before = mention_stamps(demo_db.path, meeting)
    app = HarnessApp(demo_db, lambda db: ServicesPanel(db, meeting, "B1"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle_harness(pilot)
        app.screen.query_one(ServicesPanel).enter()
        await pilot.pause()
        burst(pilot, ["x", "u"])  # the undo is queued before the unlink has failed
        await settle_harness(pilot)
        assert not any("koblet til spørsmålet igjen" in notice for notice in app.notices)
    # Not unlinked, and not «linked again» either: no row has a new stamp.
    assert mention_stamps(demo_db.path, meeting) == before
