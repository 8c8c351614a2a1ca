"""Where the keys go after Enter in the follow-ups panel, and what a late save result does.

The next item starts in «Hva» at Enter, however fast the save comes back: the focus moved there
only when the save returned, so a word typed after Enter went to «Frist», or was split between
the two when the save returned mid-word. A second Enter while the item is being saved sends
nothing and says nothing is wrong; a save failing once the user is back in the note shows its
error and leaves the keyboard in the note. And in the services panel an undo whose write fails
can be tried again with «u»."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static, TextArea

from models.storage import Database
from tests.tui.support import burst, demo_meeting, open_capture, settle, type_text, wait_until
from tests.tui.test_panel_saves_pending import (  # noqa: F401  (fixtures)
    HeldSaves,
    enter_panel,
    fields,
    first_followup_fails,
    followups,
    held_followups,
    items_out,
)
from tui.widgets import services_panel
from tui.widgets.followups_panel import FollowUpsPanel
from tui.widgets.services_panel import ServicesPanel

from .services_harness import HarnessApp, demo_meetings
from .services_harness import settle as settle_harness
from .services_harness import type_text as type_harness

ITEM = [*"ring", "tab", "tab", *"15.12.2030", "enter"]  # typed in «Hva», sent from «Frist»


@pytest.mark.parametrize("save_is_slow", [False, True])
async def test_the_word_after_enter_in_due_starts_the_next_item_however_fast_the_save(
    db_path: Path,
    held_followups: HeldSaves,  # noqa: F811
    save_is_slow: bool,
) -> None:
    meeting_id = demo_meeting(db_path)
    before = followups(db_path, meeting_id)
    if not save_is_slow:
        held_followups.go.set()
    async with open_capture(db_path, meeting_id) as (_app, pilot, screen):
        await settle(pilot)
        await enter_panel(pilot, screen, "followups")
        burst(pilot, [*ITEM, *"neste"])
        if save_is_slow:
            await wait_until(pilot, lambda: fields(screen)["fu-what"] == "ringneste")
            assert fields(screen)["fu-due"] == "15.12.2030"  # the item, until its save is known
            held_followups.go.set()
        await settle(pilot)
        assert fields(screen) == {"fu-what": "neste", "fu-who": "", "fu-due": ""}
    assert followups(db_path, meeting_id) == sorted([*before, "ring"])


async def test_a_save_returning_mid_word_does_not_split_the_word(
    db_path: Path,
    held_followups: HeldSaves,  # noqa: F811
) -> None:
    meeting_id = demo_meeting(db_path)
    async with open_capture(db_path, meeting_id) as (_app, pilot, screen):
        await settle(pilot)
        await enter_panel(pilot, screen, "followups")
        panel = screen.query_one(FollowUpsPanel)
        burst(pilot, [*ITEM, "n"])
        await wait_until(pilot, lambda: fields(screen)["fu-what"] == "ringn")
        held_followups.go.set()  # the save returns while the user types on
        await wait_until(pilot, lambda: len(panel.sent) == 0)
        await type_text(pilot, "este")
        await settle(pilot)
        assert fields(screen) == {"fu-what": "neste", "fu-who": "", "fu-due": ""}


async def test_enter_again_while_the_item_is_saved_sends_nothing_and_shows_no_error(
    db_path: Path,
    held_followups: HeldSaves,  # noqa: F811
) -> None:
    meeting_id = demo_meeting(db_path)
    before = followups(db_path, meeting_id)
    async with open_capture(db_path, meeting_id) as (_app, pilot, screen):
        await settle(pilot)
        await enter_panel(pilot, screen, "followups")
        panel = screen.query_one(FollowUpsPanel)
        await type_text(pilot, "ring")
        await pilot.press("enter")
        await items_out(pilot, panel.sent, 1)
        await pilot.press("enter")  # nothing seemed to happen: Enter again
        error = screen.query_one("#fu-error", Static)
        assert not error.has_class("-shown")
        assert len(panel.sent) == 1  # nothing more sent
        held_followups.go.set()
        await settle(pilot)
        assert not error.has_class("-shown")
        assert fields(screen) == {"fu-what": "", "fu-who": "", "fu-due": ""}
    assert followups(db_path, meeting_id) == sorted([*before, "ring"])


async def test_a_save_failing_after_the_user_went_back_to_the_note_leaves_the_focus_there(
    db_path: Path,
    first_followup_fails: HeldSaves,  # noqa: F811
) -> None:
    meeting_id = demo_meeting(db_path)
    async with open_capture(db_path, meeting_id) as (app, pilot, screen):
        await settle(pilot)
        await enter_panel(pilot, screen, "followups")
        panel = screen.query_one(FollowUpsPanel)
        await type_text(pilot, "ring")
        await pilot.press("enter")
        await items_out(pilot, panel.sent, 1)
        await pilot.press("escape")  # back to the note while the item is saved
        await wait_until(pilot, lambda: isinstance(app.focused, TextArea))
        note = app.focused
        first_followup_fails.go.set()  # the disk is full
        error = screen.query_one("#fu-error", Static)
        await wait_until(pilot, lambda: error.has_class("-shown"))
        await settle(pilot)
        assert app.focused is note  # the keyboard stays where the user is typing
        await type_text(pilot, "videre")
        await settle(pilot)
        assert note.text.endswith("videre")
        assert fields(screen)["fu-what"] == "ring"  # the item, as typed, to send again


class PanelBesideNote(Screen[None]):
    """The follow-ups panel with a note beside it; the panel stays entered when the focus goes
    to the note (on the capture screen it is left a message later: a failure can come
    between)."""

    def __init__(self, panel: FollowUpsPanel) -> None:
        super().__init__()
        self.panel = panel

    def compose(self) -> ComposeResult:
        yield self.panel
        yield TextArea(id="note")


async def test_a_save_failing_while_the_focus_is_outside_the_panel_does_not_take_it(
    demo_db: Database,
    first_followup_fails: HeldSaves,  # noqa: F811
) -> None:
    meeting = demo_meetings(demo_db)[0]
    app = HarnessApp(demo_db, lambda db: PanelBesideNote(FollowUpsPanel(db, meeting)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(FollowUpsPanel)
        panel.enter()
        await pilot.pause()
        await type_harness(pilot, "ring")
        await pilot.press("enter")
        await items_out(pilot, panel.sent, 1)
        note = app.screen.query_one("#note", TextArea)
        app.screen.set_focus(note)
        await wait_until(pilot, lambda: app.focused is note)
        first_followup_fails.go.set()  # the disk is full
        error = app.screen.query_one("#fu-error", Static)
        await wait_until(pilot, lambda: error.has_class("-shown"))
        await settle_harness(pilot)
        assert app.focused is note
        assert panel.query_one("#fu-what").value == "ring"  # kept, to send again


def linked(db_path: Path, meeting_id: str) -> list[str]:
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as connection:
        rows = connection.execute(
            "SELECT service_id FROM service_mention WHERE meeting_id = ?"
            " AND question_key = 'B1' AND NOT deleted",
            (meeting_id,),
        ).fetchall()
    return sorted(service_id for (service_id,) in rows)


async def test_an_undo_whose_write_fails_can_be_tried_again(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = services_panel.link_service
    calls = 0

    def first_fails(*args: Any) -> str:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise OSError(28, "No space left on device")
        return real(*args)

    monkeypatch.setattr(services_panel, "link_service", first_fails)
    meeting = demo_meetings(demo_db)[0]
    before = linked(demo_db.path, meeting)
    assert before, "the demo links services to B1"
    app = HarnessApp(demo_db, lambda db: ServicesPanel(db, meeting, "B1"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle_harness(pilot)
        panel = app.screen.query_one(ServicesPanel)
        panel.enter()
        await pilot.pause()
        await pilot.press("x")  # unlink
        await settle_harness(pilot)
        assert len(linked(demo_db.path, meeting)) == len(before) - 1
        await pilot.press("u")  # the disk is full: the link is not back
        await settle_harness(pilot)
        assert calls == 1
        assert len(linked(demo_db.path, meeting)) == len(before) - 1
        await pilot.press("u")  # again: now it is
        await settle_harness(pilot)
        assert "Ingenting å angre." not in app.notices
    assert linked(demo_db.path, meeting) == before
