"""Leaving (ctrl+q, hang-up) while typing waits somewhere (keys held behind F2, `--meeting`'s
keys typed on home before the meeting showed): nothing is lost, glued, or left unopened."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input

import models.note_save
import tui.app.saving
import tui.capture_data
import tui.screens.capture_panels
from tests.tui.support import demo_meeting, make_app, open_capture, settle, text_of, type_text
from tests.tui.test_held_keys import f2_on_followups_while_opening, held_count, post, until
from tests.tui.test_start_layouts import held_open, meeting_id  # noqa: F401
from tui import recovery
from tui.app import InnsiktApp
from tui.screens.two_choices import TwoChoicesScreen

from .test_capture_before_open import note_on_disk


async def test_held_words_for_two_fields_reach_the_note_apart_on_hangup(
    db_path: Path,
    held_open: threading.Event,  # noqa: F811
    meeting_id: str,  # noqa: F811
) -> None:
    app = make_app(db_path, meeting_ref=meeting_id, author="Kari")
    async with app.run_test(size=(100, 30)):
        screen = await f2_on_followups_while_opening(app)
        key = screen.question.key
        post(app, "ring")
        app.post_message(events.Key("tab", None))  # «Hva» to «Hvem»
        post(app, "Ola")
        app.post_message(events.Key("shift+tab", None))
        app.post_message(events.Key("tab", None))  # no second space
        post(app, "fre")
        await until(lambda: held_count(app) == 13, "the keys held")
        app._leave_now()
        await until(lambda: app.return_code is not None, "the app leaves")
        held_open.set()
    assert note_on_disk(db_path, key, "Kari").endswith("ring Ola fre")


@pytest.fixture
def home_first(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """`--meeting`'s meeting is read only once the event is set: home shows meanwhile."""
    read = threading.Event()
    real_load = tui.capture_data.load_capture

    def slow_load(*args: object, **kwargs: object) -> object:
        read.wait(30)
        return real_load(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tui.capture_data, "load_capture", slow_load)
    monkeypatch.setattr(InnsiktApp, "read_early_now", lambda self: None)
    return read


def early_in_recovery(db_path: Path) -> list[str]:
    return [field.text for field in recovery.read_all(db_path)[1]]


async def test_typing_on_home_before_the_meeting_shows_is_kept_on_hangup(
    db_path: Path, home_first: threading.Event
) -> None:
    meeting = demo_meeting(db_path, "Helse Vest")
    app = make_app(db_path, meeting_ref=meeting, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        await type_text(pilot, "tapt ord")
        app._leave_now()
        await until(lambda: app.return_code is not None, "the app leaves")
        home_first.set()
    assert early_in_recovery(db_path) == ["tapt ord"]


async def test_typing_on_home_before_the_meeting_shows_is_named_on_quit_and_kept(
    db_path: Path, home_first: threading.Event
) -> None:
    meeting = demo_meeting(db_path, "Helse Vest")
    app = make_app(db_path, meeting_ref=meeting, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await type_text(pilot, "tapt ord")
        await pilot.press("ctrl+q")
        await until(lambda: isinstance(app.screen, TwoChoicesScreen), "the quit question")
        assert "tapt ord" in text_of(app.screen.query_one("#two-body"))
        app.screen.dismiss(True)  # leave
        await until(lambda: app.return_code is not None, "the app leaves")
        home_first.set()
    assert app.return_code == 1
    assert early_in_recovery(db_path) == ["tapt ord"]


@pytest.mark.parametrize("leave", ["hangup", "quit"])
async def test_a_hand_over_that_raises_still_saves_the_note_and_leaves(
    db_path: Path,
    held_open: threading.Event,  # noqa: F811
    meeting_id: str,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    leave: str,
) -> None:
    async def broken(self: InnsiktApp) -> None:
        raise RuntimeError("hand-over failed")

    monkeypatch.setattr(InnsiktApp, "give_held_now", broken)
    app = make_app(db_path, meeting_ref=meeting_id, author="Kari")
    async with app.run_test(size=(100, 30)):
        screen = await f2_on_followups_while_opening(app)
        key = screen.question.key
        screen.notes_editor.insert(" sist")  # typed, not yet saved (the autosave waits)
        if leave == "hangup":
            app._leave_now()
        else:
            app.post_message(events.Key("ctrl+q", None))
        await until(lambda: app.return_code is not None, "the app leaves")
        held_open.set()
    assert note_on_disk(db_path, key, "Kari").endswith(" sist")


async def test_staying_at_the_quit_question_still_opens_the_panel_f2_waited_for(
    db_path: Path,
    held_open: threading.Event,  # noqa: F811
    meeting_id: str,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(tui.screens.capture_panels, "OPEN_WAIT", 3600.0)
    real_save = models.note_save.save_note
    failing = threading.Event()
    failing.set()

    def save(*args: object) -> object:
        if failing.is_set():
            raise OSError("disk full")
        return real_save(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(models.note_save, "save_note", save)  # the quit question is asked
    # The recovery file that question wrote is offered at the next start, not in this test.
    monkeypatch.setattr(InnsiktApp, "offer_recovery", lambda self, then: then(False))
    app = make_app(db_path, meeting_ref=meeting_id, author="Kari")
    async with app.run_test(size=(100, 30)):
        screen = await f2_on_followups_while_opening(app)
        screen.notes_editor.insert("ulagret")
        post(app, "ring")
        await until(lambda: held_count(app) == 4, "the keys held")
        app.post_message(events.Key("ctrl+q", None))
        await until(
            lambda: isinstance(app.screen, TwoChoicesScreen) and app.focused is not None,
            "the quit question",
        )
        question = app.screen
        app.post_message(events.Key("tab", None))  # a key at the question goes to it, not F2's
        await until(lambda: question.focused and question.focused.id == "yes", "keys pass")
        question.dismiss(False)  # stay
        failing.clear()
        held_open.set()
        await until(lambda: screen.query("#fu-what"), "the follow-ups panel")
        what = screen.query_one("#fu-what", Input)
        await until(lambda: what.value == "ring", "the held keys in «Hva»")
        assert not screen.notes_editor.text.endswith("ring")
        assert app.is_running


async def test_a_hangup_types_the_input_threads_last_keys_and_leaves_once_it_ends(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The keys the terminal sent just before it closed come from the driver's input thread:
    the hang-up waits for that thread to end (not a fixed time), then saves them and leaves."""
    monkeypatch.setattr(tui.app.saving, "LAST_KEYS_SECONDS", 60.0)  # a bound no run reaches
    meeting = demo_meeting(db_path)
    async with open_capture(db_path, meeting) as (app, pilot, screen):
        await settle(pilot)
        key = screen.question.key
        last_read = threading.Event()

        def read_last_keys() -> None:  # what Textual's input thread does as the pty ends
            last_read.wait(30)
            for char in " sist":
                app.post_message(events.Key(char, char))

        reader = threading.Thread(target=read_last_keys, daemon=True)
        reader.start()
        monkeypatch.setattr(app._driver, "_key_thread", reader, raising=False)
        app._leave_now()  # the SIGHUP
        await asyncio.sleep(0.3)
        assert app.return_code is None  # still waiting for the keys on their way
        last_read.set()
        await until(lambda: app.return_code is not None, "left once the thread ended", 10)
    assert note_on_disk(db_path, key, "Kari").endswith(" sist")
