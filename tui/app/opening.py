"""The app's start-up: home read early with sqlite3, then the database opened off the UI thread."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work

from tui.screens.holds_notes import OpensLate
from tui.text import tx

# At most this long the database's opening waits for `--meeting` to be painted first.
EARLY_PAINT_SECONDS = 2.0
# Home's read before the first frame waits this long for another program's lock; longer, and
# the worker reads it while the screen says «Åpner databasen …» (a frozen terminal says nothing).
FIRST_FRAME_LOCK_SECONDS = 0.1

if TYPE_CHECKING:
    from models.note_save import NoteFile
    from models.storage import Database
    from tui.app import InnsiktApp
    from tui.capture_data import CaptureData
    from tui.daemon_work import FileGate
    from tui.home_data import HomeData


class Opening:
    """Mixed into `InnsiktApp`: opening the database and what the first screens need of it."""

    notes: NoteFile | None  # the file opened for note saves (before the ORM, when it can be)
    _early_capture = ""  # the meeting shown from the file before the database was open
    _early_capture_read = False  # posted to be shown so (it may still be turned down)
    _early_shown = False  # the meeting or home's lists were posted to be shown before the ORM
    _home_read = False  # home's lists were read before the first frame (`read_home_now`)
    _early_read: list[CaptureData | None]  # read on the UI thread already (`read_early_now`)
    # Set once that meeting is painted (or will not be shown early); opening waits for it.
    _early_painted: threading.Event
    _exit_asked = False  # `exit` was called: the app is closing (`closing`)
    _file_gate: FileGate  # the opening thread writes the file only inside it

    @work(group="open-database", exit_on_error=False)
    async def _open_database(self) -> None:
        """Open the database on a daemon thread: an exit (a hang-up while SQLAlchemy loads)
        does not wait for it once all typed is saved, only for its writes (`FileGate`)."""
        from tui.daemon_work import on_daemon_thread

        await on_daemon_thread(self._open_database_now, name="innsikt-open")

    def stop_opening(self) -> None:
        """The process ends: wait while the opening thread writes the file (creates, migrates
        it, remembers the author) and let it write nothing after; the rest (the ORM's import,
        reads) ends with the process."""
        self._file_gate.shut()

    def _open_database_now(self) -> None:
        from models import atrest
        from models.errors import InnsiktError

        given_author = self.author
        if self._early_read:
            early = self._early_read.pop()
        else:
            early = self._read_home_early(home=not self._home_read)
        if self._early_shown:  # let the meeting or home paint before SQLAlchemy takes the GIL
            self._early_painted.wait(EARLY_PAINT_SECONDS)
        _import_orm()
        from models.storage import open_database
        from tui import store

        if atrest.is_encrypted(self.db_path) and atrest.passphrase_of(self.db_path) is None:
            given = os.environ.get("INNSIKT_PASSPHRASE")
            if not given:
                self.post_message(self.NeedsPassphrase(""))
                return
            atrest.remember(self.db_path, given)
        try:
            with self._file_gate.inside() as may_write:
                if not may_write:  # the process is ending: leave the file as it is
                    return
                db = open_database(self.db_path)
                self._notes_for(db)
                # Per device first (the config directory), then what this database remembers.
                author = (
                    given_author or self.settings.get("author", "") or store.remembered_author(db)
                )
                if given_author:
                    _remember_author(db, given_author)
        except InnsiktError as error:
            if error.message_key == "atrest_wrong_passphrase":
                atrest.forget(self.db_path)
                self.post_message(self.NeedsPassphrase(str(error)))
                return
            self.post_message(self.DatabaseFailed(str(error)))
            return
        except Exception as error:  # never hang on «Åpner databasen …»: say what is wrong
            from models.failures import describe

            self.post_message(self.DatabaseFailed(describe(error, self.db_path)))
            return
        capture, problem = early, ""
        if self.meeting_ref and early is None:
            try:
                capture = store.load_capture(db, self.meeting_ref)
            except InnsiktError as error:
                problem = str(error)
            except Exception as error:
                from models.failures import describe

                problem = describe(error, self.db_path)
        if not self.post_message(self.DatabaseReady(db, author, capture, problem)):
            db.close()  # the app has closed meanwhile (quit while the database opened)
            return
        from models.guides import user_guide_warnings

        for warning in user_guide_warnings():  # a broken guide file is skipped, and said so
            self.call_from_thread(self.notify, warning, severity="warning", timeout=15)

    def _read_home_early(self, *, home: bool = True) -> CaptureData | None:
        """Read with plain sqlite3 what shows before SQLAlchemy is imported: `--meeting`'s
        meeting, else home's lists; only for an existing database at the current version (a
        new file is made and an old one migrated by `open_database`, which also reports any
        problem). Returns the meeting read, if any.

        The notes are saved without the ORM (`models.note_save.NoteFile`): once the file is
        open for that, the writer runs note saves at once, so the meeting can show before the
        ORM is loaded and a note typed into it is durable within a second."""
        from models.dbfile import SCHEMA_VERSION, inspect_file
        from models.errors import InnsiktError
        from tui.capture_data import load_capture

        path = self.db_path.expanduser()
        capture = None
        try:
            header = inspect_file(path)
            if header is None or header.user_version != SCHEMA_VERSION:
                return None
            author = self.author or self.settings.get("author", "") or _remembered(path)
            self._open_notes_early(path)
            if self.meeting_ref:
                with contextlib.suppress(InnsiktError):  # said once the database is open
                    capture = load_capture(path, self.meeting_ref)
                    if self.notes is not None:
                        self._early_capture_read = self._early_shown = True
                        self.post_message(self.CaptureRead(capture, author))
                        return capture  # home, under it, reads its lists once the file is open
            if not home:
                return capture
            from tui.home_data import load_home  # not before `--meeting`'s first frame

            data = load_home(path)
        except (InnsiktError, OSError):
            return capture
        self._early_shown = True
        self.post_message(self.HomeRead(data, author))
        return capture

    def read_home_now(self) -> HomeData | None:
        """Home's lists, read on the UI thread as the app starts (a few tens of milliseconds,
        plain sqlite3), so that the first frame already shows the meetings: read in the
        worker, they came a frame of «Åpner databasen …», a thread's start and a relayout
        later. None for a new, older or unreadable file: the worker then reads and says why."""
        import sqlite3

        from models.dbfile import SCHEMA_VERSION, inspect_file
        from models.errors import InnsiktError
        from tui.home_data import load_home, remembered_author

        path = self.db_path.expanduser()
        try:
            header = inspect_file(path)
            if header is None or header.user_version != SCHEMA_VERSION:
                return None
            wait = FIRST_FRAME_LOCK_SECONDS
            author = self.author or self.settings.get("author", "") or remembered_author(path, wait)
            data = load_home(path, wait)
        except (InnsiktError, OSError, sqlite3.Error):
            return None
        self.author = author
        self._home_read = True
        return data

    def read_early_now(self) -> None:
        """`--meeting`: read the meeting on the UI thread, before the first frame (a few tens
        of milliseconds), so that the meeting is the first screen painted, not home."""
        capture = self._read_home_early(home=False)
        if self._early_capture_read:  # else the worker reads home (and says what is wrong)
            self._early_read = [capture]

    def _open_notes_early(self, path: Path) -> None:
        """Open the file for note saves and let the writer run them; nothing if it cannot be
        (then the notes wait for `open_database`, which says why)."""
        import sqlite3

        from models import answer_save  # noqa: F401  (the first tick pays no import)
        from models.errors import InnsiktError
        from models.note_save import open_note_file

        if self.notes is not None:  # opened by the read before the first frame
            return
        try:
            self.notes = open_note_file(path)
        except (sqlite3.Error, InnsiktError, OSError):
            return
        self.writer.release_early()

    def _notes_for(self, db: Database) -> None:
        """The note file shares the open database's clock (or is opened on it now), before
        any write of the ORM: stamps never go back."""
        from models.note_save import note_file_of

        if self.notes is not None:
            self.notes.share_clock(db)
        else:
            self.notes = note_file_of(db)

    def on_innsikt_app_capture_read(self, message: InnsiktApp.CaptureRead) -> None:
        """Show `--meeting` before the database is open, when nothing must be asked first (an
        author, notes to restore): notes typed into it are saved at once, other writes wait
        in the writer until the database is open."""
        from tui import recovery

        if self.closing() or self.db is not None or self._when_open is None or self._early_capture:
            self._early_painted.set()
            self.home_seen()
            return
        author = self.author or message.author
        try:
            notes, fields = recovery.read_all(self.db_path)
            waiting = bool(notes or fields)  # field text is restored into notes too
        except recovery.RecoveryUnreadable:
            waiting = True  # said when the database is open
        if not author or waiting or self.screen_stack[-1] is not self.home:
            self._early_painted.set()
            self.home_seen()
            return
        self.author = author
        self.home.author = author
        self._early_capture = message.capture.meeting_id
        self.show_capture(message.capture)

    def home_seen(self) -> None:
        """Home is (or may soon be) on screen, not beneath `--meeting`'s meeting: compose it."""
        if not self.closing():
            self.home.compose_now()

    def on_capture_screen_painted(self) -> None:
        # The first meeting is painted; once what that frame set off (the editor's focus, the
        # footer's keys for it) is on screen too, the ORM may load: its import holds the GIL.
        self.call_after_refresh(self._early_painted.set)

    def take_early_keys(self) -> str:
        """What was typed before `--meeting`'s meeting showed; from now on keys go to it."""
        keys, self._early_keys = self._early_keys, None
        return "".join(keys or [])

    def on_innsikt_app_home_read(self, message: InnsiktApp.HomeRead) -> None:
        if self.closing():
            self._early_painted.set()
        elif self.db is None and self._when_open is not None:  # not after opening failed
            self.author = self.author or message.author
            self.home.author = self.author
            self.home.show_data(message.data)
            self.call_after_refresh(self._early_painted.set)  # the ORM may load now
        else:
            self._early_painted.set()

    def when_open(self, action: Callable[[], None]) -> bool:
        """False when the database is open; else keep `action` for when it is (a key pressed
        on the early home screen is not lost) and say True."""
        if self.db is not None:
            return False
        if self._when_open is not None:
            self._when_open.append(action)
        return True

    def closing(self) -> bool:
        """The app is on its way out (a quit while the database opened): its screens may be
        closed already, and nothing is to be shown or asked any more."""
        from tui.screens.home import HomeScreen

        if self._exit_asked or not self.is_running:
            return True
        return not any(isinstance(screen, HomeScreen) for screen in self.screen_stack)

    def on_innsikt_app_database_ready(self, message: InnsiktApp.DatabaseReady) -> None:
        if self.closing():
            # Kept for the writes still held: closing the writer at unmount runs them on it,
            # then closes it. Nothing is shown, no recovery offered, no author asked.
            self.db = message.db
            self.writer.release()
            return
        self.db = message.db
        self.author = message.author
        if not self._early_capture:  # no meeting on screen above home
            self.home_seen()
        self.home.opened(message.db, message.author)
        for screen in self.screen_stack:  # shown before the database was open
            if isinstance(screen, OpensLate):
                screen.database_opened(message.db)
        self.writer.release()  # what was typed while the database opened is written now
        pending, self._when_open = self._when_open or [], []
        for action in pending if self.author and message.capture is None else []:
            action()  # without an author, they are asked for first (below), as on any start
        if message.problem:
            self.notify(message.problem, severity="error", timeout=10, markup=False)
        # Already on screen since the file was read: not shown a second time.
        capture = None if self._early_capture else message.capture
        if message.capture is None:
            self._early_keys = None  # no meeting to type into: home's keys are home's again

        def go_on(restored: bool) -> None:
            if capture is None:
                show = None
            elif restored:  # read the meeting again, after the restored notes are written
                show = partial(self.open_meeting, capture.meeting_id)
            else:
                show = partial(self.show_capture, capture)
            if not self.author:
                self.ask_author(then=show)
            elif show is not None:
                show()

        self.offer_recovery(then=go_on)
        from tui.gc_tuning import freeze_after_start

        # The ORM and home's rows are in memory now; capture freezes at once if opened first.
        self.set_timer(1.0, freeze_after_start)

    def on_innsikt_app_needs_passphrase(self, message: InnsiktApp.NeedsPassphrase) -> None:
        from models import atrest
        from tui.screens.passphrase import PassphraseScreen

        if self.closing():
            return

        def given(passphrase: str | None) -> None:
            if passphrase is None:
                self.exit(return_code=1)
                return
            atrest.remember(self.db_path, passphrase)
            self._open_database()

        self.home_seen()
        self.push_screen(PassphraseScreen(str(self.db_path), message.problem), given)

    def on_innsikt_app_database_failed(self, message: InnsiktApp.DatabaseFailed) -> None:
        self._when_open = None
        if self.closing():
            self.writer.release()  # held writes fail at unmount; their notes go to recovery
            return
        for screen in self.screen_stack:  # shown before: what waits for the database stops
            if isinstance(screen, OpensLate):
                screen.database_not_opened()
        self.home_seen()
        self.writer.release()  # held writes fail now, and their text goes to recovery
        self.home.show_problem(tx("db_failed", detail=message.detail))
        self.notify(
            tx("db_failed", detail=message.detail), severity="error", timeout=30, markup=False
        )


def _import_orm() -> None:
    """Import what opening the database needs (SQLAlchemy, SQLModel, the tables, the sqlite
    dialect), on this worker thread, between the keys: the meeting or home is on screen and
    takes keys meanwhile (`tui/import_pauses.py`)."""
    from tui.import_pauses import between_keys

    with between_keys():
        import sqlalchemy.dialects.sqlite  # noqa: F401  (loaded by the engine's first connect)

        import models.storage  # noqa: F401
        import tui.store  # noqa: F401


def _remembered(path: Path) -> str:
    from tui.home_data import remembered_author

    return remembered_author(path)


def _remember_author(db: Database, name: str) -> None:
    from tui.settings import remember
    from tui.store import remember_author

    remember_author(db, name)
    remember("author", name)
