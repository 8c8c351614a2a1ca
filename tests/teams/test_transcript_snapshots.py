"""SVG snapshots of the capture screen with the transcript beside the notes, at 100×30 and 80×24."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from models.storage import open_database
from models.transcripts import import_transcript
from tests.teams.test_transcripts import TEAMS_VTT
from tests.tui.support import make_app, settle, wait_for_screen
from tests.tui.test_snapshots import SIZES, demo_meeting_id


@pytest.mark.parametrize("size", SIZES, ids=["100x30", "80x24"])
def test_capture_with_the_transcript_panel(
    snap_compare, db_path: Path, tmp_path: Path, size: tuple[int, int]
) -> None:
    meeting_id = demo_meeting_id(db_path, "Helse Vest")
    vtt = tmp_path / "møte.vtt"
    vtt.write_text(TEAMS_VTT, encoding="utf-8")
    db = open_database(db_path)
    import_transcript(db, meeting_id, vtt)
    db.close()

    async def open_panel(pilot: Pilot) -> None:
        await wait_for_screen(pilot, "CaptureScreen")
        await pilot.press("f4")
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)

    app = make_app(db_path, meeting_ref=meeting_id, author="Kari Nordmann")
    assert snap_compare(app, terminal_size=size, run_before=open_panel)
