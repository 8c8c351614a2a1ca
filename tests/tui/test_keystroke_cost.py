"""Typing costs what a plain TextArea costs: no screen relayout, timer or extra message per key."""

from __future__ import annotations

import asyncio
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest
from textual import events
from textual.app import App
from textual.binding import ActiveBinding
from textual.dom import DOMNode
from textual.message import Message
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.timer import Timer

from tests.tui.support import (
    burst,
    make_app,
    open_capture,
    settle,
    text_of,
    wait_for_screen,
)
from tui.key_order import runs_ahead
from tui.screens.capture import CaptureScreen
from tui.widgets.notes_editor import NotesEditor
from tui.widgets.save_indicator import SaveIndicator

from .test_capture_flow import demo_meeting
from .test_capture_panels_ahead import all_mounted_ahead


async def test_a_burst_of_keys_updates_the_save_line_once_then_says_saved(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting_id = demo_meeting(db_path, "Helse Vest")
    app = make_app(db_path, meeting_ref=meeting_id, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, "CaptureScreen")
        updates: list[str] = []
        original = SaveIndicator.update

        def counted(self: SaveIndicator, *args: object, **kwargs: object) -> None:
            updates.append(str(args[0]) if args else "")
            original(self, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(SaveIndicator, "update", counted)
        await pilot.press(*"raskt")
        saving = len(updates)
        await settle(pilot)
        indicator = app.screen.query_one(SaveIndicator)
        # «Lagrer …» once for five keys, not five relayouts. On a loaded machine a save may
        # finish inside the burst («Lagret», then «Lagrer …» again): never the same line twice.
        assert saving >= 1
        assert all(before != after for before, after in pairwise(updates)), updates
        assert saving == 1 or "Lagret" in " ".join(updates[:saving])
        assert "Lagret" in text_of(indicator)
        shown = len(updates)
        await pilot.press("x")
        # After «Lagret», the next key says «Lagrer …» again (and a loaded machine may have
        # saved it, «Lagret», before the press returns).
        assert len(updates) > shown and "Lagrer" in updates[shown], updates
        assert all(before != after for before, after in pairwise(updates)), updates


async def test_a_key_typed_and_taken_back_leaves_the_save_line_saying_saved(
    db_path: Path,
) -> None:
    """Nothing is left to save when the text is back to what is on disk: «Lagrer …» would
    stay until the next save."""
    meeting_id = demo_meeting(db_path, "Helse Vest")
    async with open_capture(db_path, meeting_id) as (_app, pilot, screen):
        burst(pilot, ["x"])
        await settle(pilot)
        assert "Lagret" in text_of(screen.save_indicator)
        burst(pilot, ["y", "backspace"])  # within the debounce: no save in between
        await settle(pilot)
        assert screen.notes_editor.text.endswith("x")
        assert "Lagret" in text_of(screen.save_indicator)


async def test_typing_lays_out_nothing_sets_no_timer_per_key_and_says_lagrer_once_a_save(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keys typed steadily for longer than the longest wait, so that the note is saved while
    they come and the line says «Lagret» and «Lagrer …» again: the screen is never laid out
    or restyled, the editor says «Lagrer» once a save, and its change messages go no further than
    itself. Then a burst: the editor sets a timer per pause in typing (at most three), not one
    per key."""
    meeting_id = demo_meeting(db_path, "Helse Vest")
    async with open_capture(db_path, meeting_id) as (app, pilot, screen):
        await all_mounted_ahead(pilot, screen)  # the panels' own mounts are not the keys'
        editor = screen.notes_editor
        editor.load_text("")  # the keys below stay on one line: its wrapping is not asked about
        await pilot.pause()
        counts: Counter[str] = Counter()
        layout = Screen._refresh_layout

        def laid_out(self: Screen[object], *args: object, **kwargs: object) -> None:
            counts["layouts"] += 1
            layout(self, *args, **kwargs)  # type: ignore[arg-type]

        start = Timer._start

        def started(self: Timer) -> None:
            counts["timers of the editor"] += self._target() is editor
            start(self)

        post = MessagePump.post_message

        def posted(self: MessagePump, message: Message) -> bool:
            name = type(message).__qualname__
            # Where each is posted first, not again for each node it bubbles up to.
            if self is editor or (self is app and name == "NoteSaver.Saved"):
                counts[name] += 1
            elif name.startswith("TextArea."):  # each wakes every container up to the app
                counts["bubbled up from the editor"] += 1
            return post(self, message)

        restyle = App.update_styles

        def restyled(self: App[object], node: DOMNode, animate: bool = True) -> None:
            counts["restyles"] += 1  # the stylesheet matched against `node` again
            restyle(self, node, animate)

        monkeypatch.setattr(Screen, "_refresh_layout", laid_out)
        monkeypatch.setattr(Timer, "_start", started)
        monkeypatch.setattr(MessagePump, "post_message", posted)
        monkeypatch.setattr(App, "update_styles", restyled)
        steady = "Tre ord om dagen, "
        for key in steady:
            await pilot.press("space" if key == " " else key)
            await asyncio.sleep(0.05)  # steady: the pause the debounce waits for never comes
        await settle(pilot)
        saves = counts["NoteSaver.Saved"]
        assert saves >= 2  # saved while typing, at the longest wait, and once after
        assert "Lagret" in text_of(screen.save_indicator)
        assert counts["layouts"] == counts["restyles"] == 0
        assert counts["NotesEditor.Saving"] <= saves  # the editor's own, not their bubbling
        assert counts["TextArea.Changed"] == counts["TextArea.SelectionChanged"] == len(steady)
        assert counts["bubbled up from the editor"] == 0

        counts.clear()
        fast = "og litt til for at linjen blir lang nok"
        burst(pilot, fast)  # as a terminal delivers them: all at once
        await settle(pilot)
        assert editor.text == steady + fast
        saves = counts["NoteSaver.Saved"]
        assert saves >= 1 and len(fast) > 3 * 3 * saves  # so a timer per key would show
        assert counts["timers of the editor"] <= 3 * saves
        assert counts["layouts"] == 0


async def test_new_lines_in_the_note_lay_out_the_screen_only_when_the_scrollbar_appears(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enter and a line wrapping change the note's height in lines, not the editor's: the
    screen is laid out again only when the scrollbar appears, and the cursor stays in sight."""
    meeting_id = demo_meeting(db_path, "Helse Vest")
    async with open_capture(db_path, meeting_id) as (_app, pilot, screen):
        await all_mounted_ahead(pilot, screen)  # the panels' own mounts are not the keys'
        editor = screen.notes_editor
        editor.load_text("")
        await settle(pilot)
        layouts: list[str] = []
        layout = Screen._refresh_layout

        def laid_out(self: Screen[object], *args: object, **kwargs: object) -> None:
            layouts.append("scrollbar" if editor.show_vertical_scrollbar else "none")
            layout(self, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Screen, "_refresh_layout", laid_out)
        lines = editor.size.height
        long_line = "ord " * editor.size.width  # wraps to several lines
        burst(pilot, ["1", "enter", "2", "enter", *long_line.rstrip()])
        await settle(pilot)
        assert editor.wrapped_document.height < lines  # still room: no scrollbar
        assert layouts == []
        burst(pilot, [key for number in range(lines) for key in ("enter", str(number % 10))])
        await settle(pilot)
        assert editor.show_vertical_scrollbar
        assert 1 <= len(layouts) <= 2  # the scrollbar appearing (and the text rewrapped)
        layouts.clear()
        burst(pilot, [key for number in range(5) for key in ("enter", *"mer")])
        await settle(pilot)
        assert layouts == []
        assert editor.virtual_size.height == editor.wrapped_document.height
        assert editor.vertical_scrollbar.window_virtual_size == editor.virtual_size.height
        assert editor.scroll_y == editor.max_scroll_y > 0  # the cursor, on the last line, shown
        row = editor.cursor_screen_offset.y
        assert editor.content_region.y <= row < editor.content_region.bottom


# Keys that are not letters, typed while a note, a choice list or a panel has the focus.
OTHER_KEYS = [
    *("backspace", "delete", "left", "right", "up", "down", "home", "end", "enter", "tab"),
    *("shift+tab", "escape", "pagedown", "pageup", "ctrl+s", "f2", "alt+1", "alt+0"),
    *("ctrl+left", "ctrl+right", "shift+up", "ctrl+home", "ctrl+end", "f1", "ctrl+z"),
]


def textual_says_runs_ahead(screen: Screen[object], key: str) -> bool:
    active = screen.active_bindings.get(key)
    return active is not None and active.binding.priority


async def test_runs_ahead_agrees_with_textual_for_every_key_wherever_the_focus_is(
    db_path: Path,
) -> None:
    meeting_id = demo_meeting(db_path, "Helse Vest")
    app = make_app(db_path, meeting_ref=meeting_id, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, "CaptureScreen")
        screen = app.screen
        assert isinstance(screen, CaptureScreen)
        kinds = [q.kind for q in screen.questions]
        places = []
        for kind, enter in (("text", False), ("choice", True), ("services", True)):
            await pilot.press(*["pageup"] * len(kinds))
            await pilot.press(*["pagedown"] * kinds.index(kind))
            if enter:
                await pilot.press("f2")  # the choice list, or the entered services panel
            await settle(pilot)
            focused = screen.focused
            assert focused is not None
            places.append(type(focused).__name__)
            bound = {
                key for _, bindings in screen._binding_chain for key in bindings.key_to_bindings
            }
            ahead = set()
            for key in sorted(bound | set(OTHER_KEYS)):
                event = events.Key(key, None)
                assert runs_ahead(screen, event) == textual_says_runs_ahead(screen, key), (
                    key,
                    type(focused).__name__,
                )
                if runs_ahead(screen, event):
                    ahead.add(key)
            assert {"pagedown", "pageup"} <= ahead and "backspace" not in ahead
        assert places == ["NotesEditor", "ChoiceList", "PanelTable"]  # the panel's DataTable


async def test_backspace_and_arrows_in_the_note_do_not_rebuild_every_binding_of_the_screen(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting_id = demo_meeting(db_path, "Helse Vest")
    app = make_app(db_path, meeting_ref=meeting_id, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, "CaptureScreen")
        screen = app.screen
        assert isinstance(screen.focused, NotesEditor)
        built: list[str] = []
        chain = Screen.active_bindings

        def counted(self: Screen[object]) -> dict[str, ActiveBinding]:
            built.append(type(self).__name__)
            return chain.fget(self)  # type: ignore[misc]

        monkeypatch.setattr(Screen, "active_bindings", property(counted))
        for key in ("backspace", "left", "right", "up", "down", "home", "end", "enter"):
            assert not runs_ahead(screen, events.Key(key, None))
        assert runs_ahead(screen, events.Key("pagedown", None))
        assert built == []  # the key alone is looked up, along the focus chain
        await pilot.press(*"ord", "backspace", "left", "left", "end", "enter")
        await settle(pilot)
        assert screen.focused.text.endswith("or\n")
