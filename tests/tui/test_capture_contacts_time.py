"""Capture: contacts under F1, the tree marked by contacts, follow-ups and services, time spent
per question, the clock going on when a meeting is opened again, and F1's keys of this screen."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select
from textual.widgets import Input, Static

from models import records
from models.contacts import meeting_contacts
from models.question_time import question_times
from models.storage import open_database
from models.tables import FollowUp
from tests.tui.support import (
    demo_meeting,
    make_app,
    open_capture,
    settle,
    text_of,
    type_text,
    wait_for_screen,
)
from tui.screens.capture import CaptureScreen
from tui.screens.help import HelpScreen
from tui.widgets.contacts_panel import ContactsPanel
from tui.widgets.guide_tree import MARK_ANSWER, MARK_NONE, GuideTree
from tui.widgets.notes_editor import NotesEditor


def tree_label(screen: CaptureScreen, key: str) -> str:
    tree = screen.query_one(GuideTree)
    return str(tree._leaves[key].label)


def without_followups(db_path: Path, meeting_id: str) -> None:
    db = open_database(db_path)
    try:
        with db.transaction() as session:
            for item in session.exec(select(FollowUp).where(FollowUp.meeting_id == meeting_id)):
                records.delete(db, session, item)
    finally:
        db.close()


class Ticker:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_a_contact_typed_under_F1_is_saved_and_marks_the_question(db_path: Path) -> None:
    meeting_id = demo_meeting(db_path)
    async with open_capture(db_path, meeting_id, size=(80, 24)) as (app, pilot, screen):
        await pilot.press("ctrl+g", "f")
        await settle(pilot)
        assert screen.question.key == "F1"
        assert tree_label(screen, "F1").startswith(MARK_NONE)
        await pilot.press("f2")
        assert app.focused is screen.query_one("#contact-line", Input)
        await type_text(pilot, "Mona Lie, driftsleder, 22 33 44 55")
        await pilot.press("enter")
        await settle(pilot)
        assert tree_label(screen, "F1").startswith(MARK_ANSWER)
        assert [row.name for row in screen.query_one(ContactsPanel).rows] == ["Mona Lie"]
        await pilot.press("escape")
        assert app.focused is screen.query_one(NotesEditor)
    db = open_database(db_path)
    try:
        with db.session() as session:
            (contact,) = meeting_contacts(session, meeting_id, "F1")
    finally:
        db.close()
    assert (contact.name, contact.role, contact.phone) == ("Mona Lie", "driftsleder", "22 33 44 55")


async def test_a_follow_up_from_the_note_marks_F3_answered(db_path: Path) -> None:
    meeting_id = demo_meeting(db_path)
    without_followups(db_path, meeting_id)
    async with open_capture(db_path, meeting_id, size=(80, 24)) as (_app, pilot, screen):
        assert tree_label(screen, "F3").startswith(MARK_NONE)
        await type_text(pilot, "Per Olsen: sende dekningskart")
        await pilot.press("f7")
        await wait_for_screen(pilot, "FollowUpLineScreen")
        await pilot.press("enter")
        await wait_for_screen(pilot, "CaptureScreen")
        assert tree_label(screen, "F3").startswith(MARK_ANSWER)


async def test_time_on_each_question_is_recorded_shown_and_goes_on_after_reopening(
    db_path: Path,
) -> None:
    meeting_id = demo_meeting(db_path, "Sykehuspartner")  # held in October: not today
    ticker = Ticker()
    CaptureScreen.ticker = ticker  # type: ignore[assignment]
    try:
        async with open_capture(db_path, meeting_id) as (_app, pilot, screen):
            first = screen.question.key
            ticker.now += 150
            await pilot.press("pagedown")
            await settle(pilot)
            assert tree_label(screen, first).endswith(" 2m")
            ticker.now += 30
            await pilot.press("pageup")
            await settle(pilot)
            assert "2m her" in text_of(screen.query_one("#question-state", Static))
            ticker.now += 20 * 60
            await pilot.press("escape", "escape")  # leaving writes what the question gathered
            await settle(pilot)
        db = open_database(db_path)
        try:
            with db.session() as session:
                times = question_times(session, meeting_id)
        finally:
            db.close()
        # 150 s, then one stretch capped at 15 minutes, on the first; 30 s on the second.
        assert times[first] == 150 + 15 * 60
        assert sum(times.values()) == 150 + 30 + 15 * 60
        again = make_app(db_path, meeting_ref=meeting_id, author="Kari")
        async with again.run_test(size=(100, 30)) as pilot:
            await wait_for_screen(pilot, "CaptureScreen")
            clock = text_of(again.screen.query_one("#meeting-time", Static))
            assert "0:18 i møtet" in clock  # 1080 s recorded: the clock goes on from there
    finally:
        del CaptureScreen.ticker


async def test_help_shows_the_keys_of_the_screen_and_the_entered_panel_first(
    db_path: Path,
) -> None:
    meeting_id = demo_meeting(db_path)
    async with open_capture(db_path, meeting_id) as (app, pilot, _screen):
        # Held today from 10:00, opened at 10:42: the clock runs from the planned start.
        assert "0:42 i møtet" in text_of(app.screen.query_one("#meeting-time", Static))
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = text_of(app.screen.query_one("#help-keys", Static)).splitlines()
        assert shown[0].strip().startswith("Møte – notater – her nå")
        await pilot.press("escape")
        await pilot.press("ctrl+g", "f")
        await settle(pilot)
        await pilot.press("f2", "f1")
        await pilot.pause()
        shown = text_of(app.screen.query_one("#help-keys", Static))
        first, second = (shown.index(t) for t in ("Kontaktpersoner under", "Møte – notater – her"))
        assert first < second < shown.index("Overalt")
