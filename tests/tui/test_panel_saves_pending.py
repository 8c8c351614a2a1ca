"""A follow-up or contact sent with Enter stays in its fields until its save is known: taken out
when saved (what was typed since stays), left as typed when it fails, its error line kept until
the user has seen to it; a bad value is refused at the key. Emptied at Enter, a failure put the
item back ahead of what was typed since, a later item's success hid the first one's error, and
whether a refused value met the keys after it hung on how fast the writer answered."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import select
from textual.pilot import Pilot
from textual.widgets import Input, Static

import tui.widgets.contacts_panel as contacts_panel
import tui.widgets.followups_panel as followups_panel
from models.contacts import meeting_contacts
from models.storage import open_database
from models.tables import FollowUp
from tests.tui.support import (
    burst,
    demo_meeting,
    open_capture,
    settle,
    text_of,
    type_text,
    wait_until,
)
from tui.screens.capture import CaptureScreen
from tui.widgets.contacts_panel import ContactsPanel
from tui.widgets.followups_panel import FollowUpsPanel
from tui.widgets.sent_items import SentItems


def followups(db_path: Path, meeting_id: str) -> list[str]:
    db = open_database(db_path)
    try:
        with db.session() as session:
            query = select(FollowUp).where(FollowUp.meeting_id == meeting_id)
            return sorted(item.what for item in session.exec(query) if not item.deleted)
    finally:
        db.close()


def contacts(db_path: Path, meeting_id: str) -> list[str]:
    db = open_database(db_path)
    try:
        with db.session() as session:
            return [row.name for row in meeting_contacts(session, meeting_id, "F1")]
    finally:
        db.close()


def fields(screen: CaptureScreen, prefix: str = "fu-") -> dict[str, str]:
    """The text in the fields of a panel (its ids start with `prefix`)."""
    return {f.id: f.value for f in screen.query(Input) if f.id and f.id.startswith(prefix)}


async def enter_panel(
    pilot: Pilot, screen: CaptureScreen, kind: str, key: str | None = None
) -> None:
    """The first question of `kind` (or the one with `key`) on screen, F2 into its panel."""
    index = next(
        i
        for i, question in enumerate(screen.questions)
        if question.kind == kind and (key is None or question.key == key)
    )
    await screen.go_to(index)
    await settle(pilot)
    await pilot.press("f2")
    await settle(pilot)


class HeldSaves:
    """The panel's saves wait on the writer thread until let go, in order, as on a slow disk;
    the first `failing` of them then fail as a full disk does."""

    def __init__(
        self, monkeypatch: pytest.MonkeyPatch, module: object, name: str, failing: int = 0
    ) -> None:
        self.go = threading.Event()
        self.calls = 0
        real = getattr(module, name)

        def held(*args: object, **kwargs: object) -> object:
            self.calls += 1
            self.go.wait(30)
            if self.calls <= failing:
                raise sqlite3.OperationalError("database or disk is full")
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, held)


@pytest.fixture
def held_followups(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldSaves]:
    held = HeldSaves(monkeypatch, followups_panel, "add_followup")
    yield held
    held.go.set()  # never leave the writer waiting


@pytest.fixture
def first_followup_fails(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldSaves]:
    held = HeldSaves(monkeypatch, followups_panel, "add_followup", failing=1)
    yield held
    held.go.set()


@pytest.fixture
def first_contact_fails(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldSaves]:
    held = HeldSaves(monkeypatch, contacts_panel, "add_contact", failing=1)
    yield held
    held.go.set()


async def items_out(pilot: Pilot, sent: SentItems, count: int) -> None:
    """Wait until the panel has sent `count` items (their saves held)."""
    for _ in range(500):
        if len(sent) == count:
            return
        await pilot.pause()
    raise AssertionError(f"{len(sent)} items sent, not {count}")


async def error_shown(pilot: Pilot, error: Static) -> None:
    for _ in range(200):
        if error.has_class("-shown"):
            return
        await pilot.pause()
    raise AssertionError("no error line")


async def test_a_follow_up_stays_in_its_field_until_saved_and_the_keys_after_it_stay(
    db_path: Path, held_followups: HeldSaves
) -> None:
    meeting_id = demo_meeting(db_path)
    before = followups(db_path, meeting_id)
    async with open_capture(db_path, meeting_id) as (_app, pilot, screen):
        await settle(pilot)
        await enter_panel(pilot, screen, "followups")
        await type_text(pilot, "ring")
        await pilot.press("enter")
        await items_out(pilot, screen.query_one(FollowUpsPanel).sent, 1)
        assert fields(screen)["fu-what"] == "ring"  # not known yet: nothing emptied
        await type_text(pilot, "neste")
        assert fields(screen)["fu-what"] == "ringneste"  # as the user sees it typed
        held_followups.go.set()
        await settle(pilot)
        assert fields(screen)["fu-what"] == "neste"  # saved: taken out, the next item's stays
        await pilot.press("enter")
        await settle(pilot)
        assert fields(screen)["fu-what"] == ""
    assert followups(db_path, meeting_id) == sorted([*before, "ring", "neste"])


async def test_a_bad_due_date_is_refused_at_enter_and_the_keys_after_it_follow_it(
    db_path: Path, held_followups: HeldSaves
) -> None:
    meeting_id = demo_meeting(db_path)
    before = followups(db_path, meeting_id)
    async with open_capture(db_path, meeting_id) as (app, pilot, screen):
        await settle(pilot)
        await enter_panel(pilot, screen, "followups")
        # The reviewer's burst. The writer is held: the refusal does not wait for it.
        burst(pilot, [*"ring", "tab", "tab", *"99.99", "enter", *"neste"])
        error = screen.query_one("#fu-error", Static)
        await error_shown(pilot, error)
        # Until all 14 letters are in a field (or never, if one is lost), not a fixed count
        # of pauses: on a loaded machine the keys after Enter may not all be handled by then.
        await wait_until(pilot, lambda: sum(map(len, fields(screen).values())) == 14)
        assert held_followups.calls == 0  # nothing sent
        # Every key where it was typed, in order: none lost, none put ahead of another.
        assert fields(screen) == {"fu-what": "ring", "fu-who": "", "fu-due": "99.99neste"}
        assert text_of(error).strip() == (
            "«99.99» er ikke en dato. Skriv f.eks. 15.12.2026 eller 2026-12-15."
        )
        assert app.focused is screen.query_one("#fu-due")
        held_followups.go.set()
        await settle(pilot)
    assert followups(db_path, meeting_id) == before


async def test_a_failed_save_keeps_its_text_and_error_when_the_next_item_is_saved(
    db_path: Path, first_followup_fails: HeldSaves
) -> None:
    meeting_id = demo_meeting(db_path)
    before = followups(db_path, meeting_id)
    async with open_capture(db_path, meeting_id) as (_app, pilot, screen):
        await settle(pilot)
        await enter_panel(pilot, screen, "followups")
        burst(pilot, [*"ring", "enter", *"neste", "enter"])
        await items_out(pilot, screen.query_one(FollowUpsPanel).sent, 2)
        first_followup_fails.go.set()  # the first fails (the disk is full), the second is saved
        await settle(pilot)
        assert fields(screen) == {"fu-what": "ring", "fu-who": "", "fu-due": ""}
        error = screen.query_one("#fu-error", Static)
        assert error.has_class("-shown")  # the second item's success left it
        assert "Kunne ikke lagre" in text_of(error)
    assert followups(db_path, meeting_id) == sorted([*before, "neste"])


async def test_a_contact_line_without_a_name_is_refused_at_enter(
    db_path: Path, first_contact_fails: HeldSaves
) -> None:
    meeting_id = demo_meeting(db_path)
    async with open_capture(db_path, meeting_id) as (_app, pilot, screen):
        await settle(pilot)
        await enter_panel(pilot, screen, "people", "F1")
        burst(pilot, [*"22334455, Mona", "enter"])
        error = screen.query_one("#contact-error", Static)
        await error_shown(pilot, error)
        assert first_contact_fails.calls == 0
        assert fields(screen, "contact-")["contact-line"] == "22334455, Mona"
        assert "navnet først" in text_of(error)


async def test_a_contact_whose_save_fails_keeps_its_line_and_error_when_the_next_is_saved(
    db_path: Path, first_contact_fails: HeldSaves
) -> None:
    meeting_id = demo_meeting(db_path)
    before = contacts(db_path, meeting_id)
    async with open_capture(db_path, meeting_id) as (_app, pilot, screen):
        await settle(pilot)
        await enter_panel(pilot, screen, "people", "F1")
        burst(pilot, [*"Siri Berg, leder", "enter", *"Ola Vik, rådgiver", "enter"])
        await items_out(pilot, screen.query_one(ContactsPanel).sent, 2)
        first_contact_fails.go.set()
        await settle(pilot)
        assert fields(screen, "contact-")["contact-line"] == "Siri Berg, leder"
        error = screen.query_one("#contact-error", Static)
        assert error.has_class("-shown")
        assert "Kunne ikke lagre" in text_of(error)
    assert contacts(db_path, meeting_id) == sorted([*before, "Ola Vik"])
