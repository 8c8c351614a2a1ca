"""A save that fails keeps the text, says so in one plain line, retries, and survives quitting."""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import select
from textual.pilot import Pilot

import models.note_save
from models import records
from models.storage import open_database
from models.sync.conflicts import list_conflicts
from models.tables import Note
from tests.tui.support import (
    burst,
    make_app,
    settle,
    text_of,
    type_text,
    wait_for_screen,
    wait_until,
)
from tests.tui.test_capture_flow import demo_meeting, notes_in_db
from tui import recovery
from tui.screens.two_choices import TwoChoicesScreen
from tui.widgets.notes_editor import NotesEditor
from tui.widgets.save_indicator import SaveIndicator

LOCKED = "Kunne ikke lagre: databasen brukes av et annet program – prøver igjen"
DISK_FULL = "Kunne ikke lagre: disken er full – frigjør plass, prøver igjen"


def sqlalchemy_error(message: str) -> OperationalError:
    """What SQLAlchemy raises: its text holds SQL, markup-like brackets and a URL."""
    return OperationalError(
        "UPDATE meta SET value=? WHERE meta.[key] = ?",
        ("x", "clock"),
        sqlite3.OperationalError(message),
    )


class FailingSaves:
    """Makes every note save fail with `error` while `failing` is set."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
        self.error = error
        self.failing = True
        self.attempts = 0
        real = models.note_save.save_note

        def save(*args: Any) -> Any:
            self.attempts += 1
            if self.failing:
                raise self.error
            return real(*args)

        monkeypatch.setattr(models.note_save, "save_note", save)


def indicator(pilot: Pilot[Any]) -> str:
    return text_of(pilot.app.screen.query_one(SaveIndicator)).strip()


async def test_a_locked_database_keeps_the_text_says_one_plain_line_and_saves_when_free(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting_id = demo_meeting(db_path, "HEMIT")
    saves = FailingSaves(monkeypatch, sqlalchemy_error("database is locked"))
    app = make_app(db_path, meeting_ref=meeting_id[:8], author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, "CaptureScreen")
        await type_text(pilot, "viktig notat")
        await wait_until(pilot, lambda: saves.attempts >= 2)  # failed, then retried
        assert indicator(pilot) == LOCKED
        assert app.screen.query_one(NotesEditor).text == "viktig notat"
        shown = " ".join(str(n.message) for n in app._notifications)
        assert "SQL" not in shown and "sqlalche.me" not in shown and LOCKED in shown
        assert ("A1", "Kari") not in notes_in_db(db_path)

        saves.failing = False
        await wait_until(pilot, lambda: notes_in_db(db_path).get(("A1", "Kari")) == "viktig notat")
        await settle(pilot)
        assert indicator(pilot).startswith("Lagret")
        assert not app.saver.unsaved
    assert not app.return_code


async def test_a_full_disk_keeps_the_text_in_a_private_recovery_file_until_it_is_saved(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting_id = demo_meeting(db_path, "HEMIT")
    saves = FailingSaves(monkeypatch, sqlalchemy_error("database or disk is full"))
    app = make_app(db_path, meeting_ref=meeting_id[:8], author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, "CaptureScreen")
        await type_text(pilot, "fullt")
        # A slow machine may have tried to save «full» before the «t» came.
        await wait_until(pilot, lambda: [note.text for note in recovery.read(db_path)] == ["fullt"])
        assert indicator(pilot) == DISK_FULL
        path = recovery.path_for(db_path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600

        saves.failing = False  # space is back
        await wait_until(pilot, lambda: not path.exists())
        assert notes_in_db(db_path)[("A1", "Kari")] == "fullt"


async def test_quitting_with_unsaved_text_asks_and_leaving_exits_1_with_a_recovery_file(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting_id = demo_meeting(db_path, "HEMIT")
    FailingSaves(monkeypatch, sqlalchemy_error("database or disk is full"))
    app = make_app(db_path, meeting_ref=meeting_id[:8], author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, "CaptureScreen")
        await type_text(pilot, "ikke tapt")
        await pilot.press("ctrl+q")
        await wait_for_screen(pilot, "TwoChoicesScreen")
        assert DISK_FULL in text_of(app.screen.query_one("#two-body"))
        await pilot.press("enter")  # the focused answer is to stay
        await wait_for_screen(pilot, "CaptureScreen")
        assert app.is_running

        await pilot.press("ctrl+q")
        await wait_for_screen(pilot, "TwoChoicesScreen")
        assert isinstance(app.screen, TwoChoicesScreen)
        await pilot.click("#yes")
        await pilot.pause()
    assert app.return_code == 1
    assert [(n.question_key, n.text) for n in recovery.read(db_path)] == [("A1", "ikke tapt")]
    assert ("A1", "Kari") not in notes_in_db(db_path)


async def test_ctrl_q_straight_after_typing_on_a_full_disk_names_the_full_disk(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+Q hands the note over and waits for the writer while its own key is handled: the
    failure's message comes after it, and the question must still give the real reason."""
    meeting_id = demo_meeting(db_path, "HEMIT")
    saves = FailingSaves(monkeypatch, sqlalchemy_error("database or disk is full"))
    app = make_app(db_path, meeting_ref=meeting_id[:8], author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, "CaptureScreen")
        burst(pilot, [*"ikke tapt", "ctrl+q"])  # no save before Ctrl+Q: it makes the first
        await wait_for_screen(pilot, "TwoChoicesScreen")
        # Ctrl+Q's own write at least; on a loaded machine the writer's retry may come first.
        assert saves.attempts >= 1
        assert DISK_FULL in text_of(app.screen.query_one("#two-body"))
        await pilot.press("enter")  # stay
        await wait_for_screen(pilot, "CaptureScreen")
        saves.failing = False
        await wait_until(pilot, lambda: not app.saver.unsaved)
    assert notes_in_db(db_path)[("A1", "Kari")] == "ikke tapt"


def note_stamp(db_path: Path, meeting_id: str, author: str) -> str:
    db = open_database(db_path)
    with db.session() as session:
        note = session.exec(
            select(Note).where(
                Note.meeting_id == meeting_id, Note.question_key == "A1", Note.author == author
            )
        ).first()
    db.close()
    return note.hlc if note else ""


async def test_the_next_start_offers_the_recovery_file_and_restores_it_into_the_note(
    db_path: Path,
) -> None:
    meeting_id = demo_meeting(db_path, "HEMIT")
    recovery.write(db_path, [recovery.RecoveredNote(meeting_id, "A1", "Kari", "reddet tekst", "")])
    app = make_app(db_path, meeting_ref=meeting_id[:8], author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, "TwoChoicesScreen")
        assert "1 notat" in text_of(app.screen.query_one("#two-body"))
        await pilot.press("enter")  # «Gjenopprett» has focus
        await wait_for_screen(pilot, "CaptureScreen")
        assert app.screen.query_one(NotesEditor).text == "reddet tekst"
    assert notes_in_db(db_path)[("A1", "Kari")] == "reddet tekst"
    assert not recovery.path_for(db_path).exists()


async def test_restoring_keeps_text_written_since_as_a_conflict_instead_of_overwriting_it(
    db_path: Path,
) -> None:
    meeting_id = demo_meeting(db_path, "HEMIT")
    db = open_database(db_path)
    records.save_note(db, meeting_id, "A1", "Kari", "første")
    base = note_stamp(db_path, meeting_id, "Kari")
    records.save_note(db, meeting_id, "A1", "Kari", "skrevet senere i et annet vindu")
    db.close()
    recovery.write(
        db_path, [recovery.RecoveredNote(meeting_id, "A1", "Kari", "første + mer", base)]
    )
    app = make_app(db_path, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, "TwoChoicesScreen")
        await pilot.press("enter")
        await settle(pilot)
    db = open_database(db_path)
    with db.session() as session:
        kept = {view.mine.value for view in list_conflicts(session)} | {
            view.theirs.value for view in list_conflicts(session)
        }
    db.close()
    assert {"første + mer", "skrevet senere i et annet vindu"} <= kept


async def test_discarding_the_recovery_file_removes_it_and_changes_no_note(db_path: Path) -> None:
    meeting_id = demo_meeting(db_path, "HEMIT")
    recovery.write(db_path, [recovery.RecoveredNote(meeting_id, "A1", "Kari", "kast meg", "")])
    app = make_app(db_path, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, "TwoChoicesScreen")
        await pilot.click("#no")
        await settle(pilot)
    assert not recovery.path_for(db_path).exists()
    assert ("A1", "Kari") not in notes_in_db(db_path)


async def test_a_note_written_elsewhere_meanwhile_is_kept_as_a_conflict_and_the_user_told(
    db_path: Path,
) -> None:
    meeting_id = demo_meeting(db_path, "HEMIT")
    app = make_app(db_path, meeting_ref=meeting_id[:8], author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, "CaptureScreen")
        await type_text(pilot, "mitt")
        await settle(pilot)
        # A second window (another process, same author and meeting) writes the same note.
        other = open_database(db_path)
        records.save_note(other, meeting_id, "A1", "Kari", "fra det andre vinduet")
        other.close()
        await type_text(pilot, " videre")
        await settle(pilot)
        shown = " ".join(str(n.message) for n in app._notifications)
        assert "tatt vare på under Konflikter" in shown
    assert notes_in_db(db_path)[("A1", "Kari")] == "mitt videre"
    db = open_database(db_path)
    with db.session() as session:
        theirs = [view.theirs.value for view in list_conflicts(session)]
    db.close()
    assert theirs == ["fra det andre vinduet"]


async def test_the_app_starts_where_signal_has_no_sighup_as_on_windows(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import types

    import tui.app.saving

    windows_signal = types.SimpleNamespace(SIGTERM=15, SIGINT=2)  # no SIGHUP
    monkeypatch.setattr(tui.app.saving, "signal", windows_signal)
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.db is not None
    assert not app.return_code

    monkeypatch.setattr(tui.app.saving, "signal", types.SimpleNamespace())  # neither
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.db is not None


def test_a_recovery_file_that_is_not_ours_is_set_aside_not_trusted(tmp_path: Path) -> None:
    db_path = tmp_path / "x.sqlite"
    path = recovery.path_for(db_path)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"notes": "nonsense"}))
    with pytest.raises(recovery.RecoveryUnreadable):
        recovery.read(db_path)
    assert not path.exists() and path.with_suffix(".unreadable").exists()


def test_on_windows_the_app_picks_textuals_own_driver_without_importing_termios(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from textual.app import App
    from textual.driver import Driver

    class WindowsDriver(Driver):  # stands in for textual.drivers.windows_driver
        pass

    monkeypatch.setattr(App, "get_driver_class", lambda self: WindowsDriver)
    monkeypatch.setitem(sys.modules, "textual.drivers.linux_driver", None)  # import fails
    monkeypatch.delitem(sys.modules, "tui.terminal", raising=False)
    assert make_app(db_path).driver_class is WindowsDriver


def test_on_linux_and_macos_the_app_reads_the_terminal_with_its_forgiving_driver(
    db_path: Path,
) -> None:
    from tui.terminal import ForgivingLinuxDriver

    assert make_app(db_path).driver_class is ForgivingLinuxDriver
