"""The app's start-up: home read early with sqlite3, then the database opened off the UI thread."""

from __future__ import annotations

import contextlib
import importlib
import os
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual import work

from tui.screens.holds_notes import OpensLate
from tui.text import tx

if TYPE_CHECKING:
    from models.storage import Database
    from tui.app import InnsiktApp
    from tui.capture_data import CaptureData


class Opening:
    """Mixed into `InnsiktApp`: opening the database and what the first screens need of it."""

    @work(thread=True, group="open-database", exit_on_error=False)
    def _open_database(self) -> None:
        from models import atrest
        from models.errors import InnsiktError

        given_author = self.author
        early = self._read_home_early()
        from models.storage import open_database
        from tui import store

        if atrest.is_encrypted(self.db_path) and atrest.passphrase_of(self.db_path) is None:
            given = os.environ.get("INNSIKT_PASSPHRASE")
            if not given:
                self.post_message(self.NeedsPassphrase(""))
                return
            atrest.remember(self.db_path, given)
        try:
            db = open_database(self.db_path)
            # Per device first (the config directory), then what this database remembers.
            author = given_author or self.settings.get("author", "") or store.remembered_author(db)
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
        # The first autosave must not pay for importing the save path (a slow laptop under load
        # would take it past the one second a note may wait).
        importlib.import_module("models.note_save")
        capture, problem = early, ""
        if self.meeting_ref and early is None:
            try:
                capture = store.load_capture(db, self.meeting_ref)
            except InnsiktError as error:
                problem = str(error)
            except Exception as error:
                from models.failures import describe

                problem = describe(error, self.db_path)
        self.post_message(self.DatabaseReady(db, author, capture, problem))
        from models.guides import user_guide_warnings

        for warning in user_guide_warnings():  # a broken guide file is skipped, and said so
            self.call_from_thread(self.notify, warning, severity="warning", timeout=15)

    def _read_home_early(self) -> CaptureData | None:
        """Post home's lists read with plain sqlite3, so that they show before SQLAlchemy is
        imported, and read `--meeting`'s meeting the same way; only for an existing database
        at the current version (a new file is made and an old one migrated by
        `open_database`, which also reports any problem). Returns the meeting read, if any.

        The meeting is shown once the database is open, not before: a note typed into it
        must be durable within a second, and the first write needs the ORM loaded."""
        from models.dbfile import SCHEMA_VERSION, inspect_file
        from models.errors import InnsiktError
        from tui.capture_data import load_capture
        from tui.home_data import load_home, remembered_author

        path = self.db_path.expanduser()
        capture = None
        try:
            header = inspect_file(path)
            if header is None or header.user_version != SCHEMA_VERSION:
                return None
            if self.meeting_ref:
                with contextlib.suppress(InnsiktError):  # said once the database is open
                    capture = load_capture(path, self.meeting_ref)
            data = load_home(path)
            author = self.author or self.settings.get("author", "") or remembered_author(path)
        except (InnsiktError, OSError):
            return capture
        self.post_message(self.HomeRead(data, author))
        return capture

    def take_early_keys(self) -> str:
        """What was typed before `--meeting`'s meeting showed; from now on keys go to it."""
        keys, self._early_keys = self._early_keys, None
        return "".join(keys or [])

    def on_innsikt_app_home_read(self, message: InnsiktApp.HomeRead) -> None:
        if self.db is None and self._when_open is not None:  # not after opening failed
            self.author = self.author or message.author
            self.home.author = self.author
            self.home.show_data(message.data)

    def when_open(self, action: Callable[[], None]) -> bool:
        """False when the database is open; else keep `action` for when it is (a key pressed
        on the early home screen is not lost) and say True."""
        if self.db is not None:
            return False
        if self._when_open is not None:
            self._when_open.append(action)
        return True

    def on_innsikt_app_database_ready(self, message: InnsiktApp.DatabaseReady) -> None:
        self.db = message.db
        self.author = message.author
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
        capture = message.capture
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

        def given(passphrase: str | None) -> None:
            if passphrase is None:
                self.exit(return_code=1)
                return
            atrest.remember(self.db_path, passphrase)
            self._open_database()

        self.push_screen(PassphraseScreen(str(self.db_path), message.problem), given)

    def on_innsikt_app_database_failed(self, message: InnsiktApp.DatabaseFailed) -> None:
        self._when_open = None
        self.writer.release()  # held writes fail now, and their text goes to recovery
        self.home.show_problem(tx("db_failed", detail=message.detail))
        self.notify(
            tx("db_failed", detail=message.detail), severity="error", timeout=30, markup=False
        )


def _remember_author(db: Database, name: str) -> None:
    from tui.settings import remember
    from tui.store import remember_author

    remember_author(db, name)
    remember("author", name)
