"""Typing costs what a plain TextArea costs: no screen relayout per key for the save line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.support import make_app, settle, text_of, wait_for_screen
from tui.widgets.save_indicator import SaveIndicator

from .test_capture_flow import demo_meeting


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
        assert saving == 1  # «Lagrer …» once for five keys, not five relayouts
        assert "Lagret" in text_of(indicator)
        await pilot.press("x")
        assert len(updates) == saving + 2  # after «Lagret», the next key says «Lagrer …» again
