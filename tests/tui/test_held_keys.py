"""Keys and pastes held while the focus moves (`tui/key_order.py:KeyHold`) are never lost: a paste
waits in line with the keys, and quitting or a hang-up types what is held before leaving."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input

import tui.screens.capture_panels
from tests.tui.support import demo_meeting, make_app, open_capture, settle, type_text
from tests.tui.test_start_layouts import held_open, meeting_id, shown_early  # noqa: F401
from tui.app import InnsiktApp
from tui.key_order import key_hold_of
from tui.screens.capture import CaptureScreen
from tui.screens.two_choices import TwoChoicesScreen
from tui.widgets.notes_editor import NotesEditor

from .test_capture_before_open import capture_shown, note_on_disk


async def until(condition: Callable[[], object], what: str, timeout: float = 30) -> None:
    """Wait for `condition` without `pilot.pause()` (it would wait for the held database)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, f"never: {what}"
        await asyncio.sleep(0.01)


async def f2_on_followups_while_opening(app: InnsiktApp) -> CaptureScreen:
    """The follow-ups question shown before the database is open, F2 pressed: keys are held."""
    screen = await shown_early(app)
    index = next(i for i, q in enumerate(screen.questions) if q.kind == "followups")
    await screen.go_to(index)
    await until(lambda: screen.question.kind == "followups", "on the follow-ups question")
    app.post_message(events.Key("f2", None))
    await until(lambda: key_hold_of(app).holding, "keys held after F2")
    assert app.db is None
    return screen


def post(app: InnsiktApp, *typed: str | events.Paste) -> None:
    """Keys (a word: its letters) and pastes, queued as one burst from the terminal."""
    for item in typed:
        if isinstance(item, events.Paste):
            app.post_message(item)
        else:
            for char in item:
                app.post_message(events.Key(char, char))


def held_count(app: InnsiktApp) -> int:
    return len(key_hold_of(app)._held or [])


async def test_a_paste_after_f2_while_the_database_opens_goes_to_the_panel_in_line_with_the_keys(
    db_path: Path,
    held_open: threading.Event,  # noqa: F811
    meeting_id: str,  # noqa: F811
) -> None:
    app = make_app(db_path, meeting_ref=meeting_id, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await f2_on_followups_while_opening(app)
        note = screen.notes_editor.text
        post(app, "a", events.Paste("limt inn"), "x")
        await until(lambda: held_count(app) == 3, "the paste held with the keys")
        assert screen.notes_editor.text == note  # not sent to the note ahead of the keys
        held_open.set()
        await settle(pilot)
        assert screen.query_one("#fu-what", Input).value == "alimt innx"
        assert screen.notes_editor.text == note


async def test_a_paste_right_after_n_reaches_the_new_services_form(db_path: Path) -> None:
    meeting = demo_meeting(db_path)
    async with open_capture(db_path, meeting) as (app, pilot, screen):
        await settle(pilot)
        index = next(i for i, q in enumerate(screen.questions) if q.kind == "services")
        await screen.go_to(index)
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        note = screen.notes_editor.text
        # n opens the form; the paste and the key after it arrive before it is mounted.
        post(app, "n", events.Paste("Nytt fagsystem"), "x")
        await settle(pilot)
        assert type(app.screen).__name__ == "ServiceFormScreen"
        assert app.screen.query_one("#f-name", Input).value == "Nytt fagsystemx"
        assert screen.notes_editor.text == note


async def test_a_paste_with_the_focus_on_the_guide_goes_into_the_note(db_path: Path) -> None:
    meeting = demo_meeting(db_path)
    async with open_capture(db_path, meeting) as (app, pilot, screen):
        await settle(pilot)
        note = screen.notes_editor.text
        await pilot.press("tab")  # the note to the guide's tree
        await settle(pilot)
        assert app.focused is screen.guide_tree
        post(app, events.Paste("limt inn"), "x")
        await settle(pilot)
        assert screen.notes_editor.text == note + "limt innx"


async def test_a_paste_before_the_meeting_shows_lands_in_its_note(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.capture_data

    meeting = demo_meeting(db_path, "Helse Vest")
    read = threading.Event()
    real_load = tui.capture_data.load_capture

    def slow_load(*args: object, **kwargs: object) -> object:
        read.wait(30)  # as if the file were slow to read: the user types meanwhile
        return real_load(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tui.capture_data, "load_capture", slow_load)
    monkeypatch.setattr(InnsiktApp, "read_early_now", lambda self: None)  # home shows first
    app = make_app(db_path, meeting_ref=meeting, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        await type_text(pilot, "ab")
        app.post_message(events.Paste("limt\r\ninn\x07"))
        await pilot.pause()
        await pilot.press("backspace", "c")  # one character of the paste taken back
        assert type(app.screen).__name__ == "HomeScreen"
        read.set()
        screen = await capture_shown(app)
        await settle(pilot)
        text = screen.query_one(NotesEditor).text
    assert text.endswith("ablimt\ninnc")


async def test_ctrl_q_after_f2_while_the_database_opens_types_the_held_keys_and_quits_at_once(
    db_path: Path,
    held_open: threading.Event,  # noqa: F811
    meeting_id: str,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # F2 would give up waiting for the database only after this: quitting must not wait for it.
    monkeypatch.setattr(tui.screens.capture_panels, "OPEN_WAIT", 3600.0)
    app = make_app(db_path, meeting_ref=meeting_id, author="Kari")
    async with app.run_test(size=(100, 30)):
        screen = await f2_on_followups_while_opening(app)
        key = screen.question.key
        post(app, " hei")
        await until(lambda: held_count(app) == 4, "the keys held")
        app.post_message(events.Key("ctrl+q", None))
        # It exits, or asks about the note just handed over (the question comes only because
        # quit reads `saver.unsaved` before the save's message: see branch capture-fixes).
        await until(
            lambda: (
                app.return_code is not None
                or (isinstance(app.screen, TwoChoicesScreen) and app.focused is not None)
            ),
            "quit runs while the database still opens",
        )
        assert app.db is None
        assert screen.notes_editor.text.endswith(" hei")
        assert not key_hold_of(app).holding  # what is typed next is not held behind F2
        await until(lambda: note_on_disk(db_path, key, "Kari").endswith(" hei"), "the note saved")
        if app.return_code is None:
            app.screen.dismiss(True)  # leave
        held_open.set()  # the app's end waits for the worker that opens it


async def test_a_hangup_after_f2_while_the_database_opens_saves_the_held_keys(
    db_path: Path,
    held_open: threading.Event,  # noqa: F811
    meeting_id: str,  # noqa: F811
) -> None:
    app = make_app(db_path, meeting_ref=meeting_id, author="Kari")
    async with app.run_test(size=(100, 30)):
        screen = await f2_on_followups_while_opening(app)
        key = screen.question.key
        post(app, " hei", events.Paste(" og hopp"))
        await until(lambda: held_count(app) == 5, "the keys and the paste held")
        app._leave_now()  # what SIGHUP and SIGTERM run (`Saving._save_on_hangup`)
        await until(lambda: app.return_code is not None, "the app leaves")
        held_open.set()
    assert note_on_disk(db_path, key, "Kari").endswith(" hei og hopp")
