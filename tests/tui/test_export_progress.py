"""An export from the app runs beside the notes: a progress line shows, and typing is saved."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

import pytest

from tests.tui.support import make_app, settle, type_text, wait_for_screen
from tui import exporting
from tui.widgets.work_progress import WorkProgress


def note_texts(db_path: Path) -> list[str]:
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as connection:
        return [text for (text,) in connection.execute("SELECT text FROM note")]


async def test_a_report_export_shows_progress_while_notes_typed_meanwhile_are_saved(
    demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import exports.report

    # The export is held at its start until the note typed meanwhile is on disk: were it
    # run on the writer thread, as before, the note would wait for the whole report.
    gate = threading.Event()
    gather = exports.report.report_document

    def held(*args: object, **kwargs: object) -> object:
        assert gate.wait(30)
        return gather(*args, **kwargs)

    monkeypatch.setattr(exports.report, "report_document", held)
    target = tmp_path / "sammenstilling.docx"
    app = make_app(demo_path, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await wait_for_screen(pilot, "CaptureScreen")
        exporting.start_export(app, exporting.KINDS["report"], target, None, None)
        await pilot.pause()
        line = app.screen.query_one(WorkProgress)
        assert "Skriver sammenstillingen" in str(line.query_one("Label").render())
        await type_text(pilot, "Skrevet under eksporten")
        for _ in range(300):
            if any("Skrevet under eksporten" in text for text in note_texts(demo_path)):
                break
            await asyncio.sleep(0.02)
        else:
            raise AssertionError("the note typed during the export was not saved meanwhile")
        assert not target.exists()
        gate.set()
        await settle(pilot)
        assert not app.screen.query(WorkProgress)  # the line goes when the export is done
        assert any("Skrev" in n.message for n in app._notifications)
    assert target.stat().st_size > 0
