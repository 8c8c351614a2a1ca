"""Python's garbage collections run between the keys on the capture screen, never inside a PgDn:
a full collection there was a 10-30 ms stall, the young ones 1-5 ms on most PgDns."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import pytest

from tests.tui.support import (
    demo_meeting,
    make_app,
    open_capture,
    settle,
    wait_for_screen,
    wait_until,
)
from tui import gc_tuning, terminal_activity
from tui.gc_tuning import PauseCollector
from tui.screens.capture import CaptureScreen


@contextmanager
def collections_seen(ours: PauseCollector | None) -> Iterator[list[tuple[int, bool]]]:
    """(generation, run by the collector) of each collection while the block runs."""
    seen: list[tuple[int, bool]] = []

    def noted(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            seen.append((info["generation"], bool(ours is not None and ours.running)))

    gc.callbacks.append(noted)
    try:
        yield seen
    finally:
        gc.callbacks.remove(noted)


async def test_no_collection_runs_inside_a_pgdn_and_they_all_run_between(db_path: Path) -> None:
    meeting_id = demo_meeting(db_path)
    async with open_capture(db_path, meeting_id) as (_app, pilot, screen):
        await settle(pilot)
        collector = getattr(screen, "collector", None)  # main had none: Python collected anywhere
        inside: list[tuple[int, bool]] = []
        with collections_seen(collector) as between:
            for step in ["pagedown"] * 20 + ["pageup"] * 20:
                with collections_seen(collector) as during:
                    await pilot.press(step)
                    await pilot.pause()
                inside.extend(during)
                # A pause between the keys: the collector's timer gets its turn.
                before = collector.collections if collector is not None else 0
                for _ in range(100):
                    young = gc.get_count()[0]
                    if young < gc_tuning._PYTHON_THRESHOLD[0] or (
                        collector is not None and collector.collections > before
                    ):
                        break
                    await asyncio.sleep(0.01)
        assert [generation for generation, ours in inside if not ours] == []
        assert any(ours for _generation, ours in between)  # garbage is still collected
    assert gc.get_threshold() == gc_tuning._PYTHON_THRESHOLD  # Python's own once the screen is gone


def test_the_collector_waits_while_a_key_is_unanswered_and_runs_the_generation_due(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    collector = PauseCollector()
    counts = [(800, 0, 0)]
    collected: list[int] = []
    monkeypatch.setattr(gc, "get_count", lambda: counts[-1])
    monkeypatch.setattr(gc, "collect", lambda generation=2: collected.append(generation) or 0)
    now = [100.0]
    monkeypatch.setattr(gc_tuning, "monotonic", lambda: now[0])
    monkeypatch.setattr(terminal_activity, "monotonic", lambda: now[0])
    terminal_activity.reset()
    try:
        terminal_activity.key_read()  # a key read, no frame written yet
        now[0] += gc_tuning.YOUNG_QUIET
        assert collector.tick() is None
        now[0] += 0.001
        terminal_activity.frame_written()
        assert collector.tick() == 0  # answered, and quiet for a while
        terminal_activity.key_read()
        now[0] += 0.001
        terminal_activity.frame_written()
        assert collector.tick() is None  # answered at once: the next key may be on its way
        now[0] += gc_tuning.YOUNG_QUIET
        assert collector.tick() == 0
        counts.append((800, 10, 10))  # a full collection is due: it waits for a real pause
        assert collector.tick() == 1
        now[0] += gc_tuning.FULL_QUIET
        assert collector.tick() == 2
        counts.append((10, 0, 0))
        assert collector.tick() is None  # nothing due
        # An unanswered key stops counting after a while (one that paints nothing).
        terminal_activity.key_read()
        now[0] += terminal_activity.ANSWER_SECONDS
        counts.append((800, 0, 0))
        assert collector.tick() == 0
        assert collected == [0, 0, 1, 2, 0]
    finally:
        terminal_activity.reset()


async def test_a_capture_screen_left_before_its_first_frame_leaves_the_threshold_as_it_was(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Textual gives a screen's after-refresh callback to the screen current when it is handled:
    # capture left at once, it runs after home's refresh, which may come after capture's
    # on_unmount. Here it is kept back until then, so that the order does not hang on the loop.
    late: list[Callable[[], object]] = []
    real = CaptureScreen.call_after_refresh

    def kept_back(self: CaptureScreen, callback: Callable[..., object], *args: object) -> bool:
        if getattr(callback, "__name__", "") == "_painted":
            late.append(partial(callback, *args))
            return True
        return real(self, callback, *args)

    monkeypatch.setattr(CaptureScreen, "call_after_refresh", kept_back)
    meeting_id = demo_meeting(db_path)
    app = make_app(db_path, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        app.open_meeting(meeting_id)
        await wait_for_screen(pilot, "CaptureScreen")
        screen = app.screen
        assert isinstance(screen, CaptureScreen) and late  # shown, its first frame not told
        app.action_home()  # left at once
        await wait_for_screen(pilot, "HomeScreen")
        await wait_until(pilot, lambda: not screen.is_attached)
        try:
            for callback in late:
                callback()  # as Textual runs it: after the screen is gone
            await settle(pilot)
            assert not screen.collector.started
            assert gc.get_threshold() == gc_tuning._PYTHON_THRESHOLD
        finally:
            screen.collector.stop()  # the tests after this one get Python's own threshold
