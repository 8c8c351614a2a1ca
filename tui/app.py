"""The Textual app: a light shell painted at once, the database opened and read off the UI thread.

Nothing here imports SQLModel, SQLAlchemy or `models.storage` at module level: the first frame
shows the home screen saying «Åpner databasen …» while a worker opens the file.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import importlib
import signal
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SystemCommand
from textual.message import Message
from textual.screen import Screen

from tui import bindings
from tui.forms import clean_line
from tui.screens.home import HomeScreen
from tui.text import tx
from tui.writer import Writer

if TYPE_CHECKING:
    from models.storage import Database
    from tui.home_data import HomeData
    from tui.store import CaptureData

Clock = Callable[[], dt.datetime]


class InnsiktApp(App[None]):
    """`InnsiktApp(db_path)`; `meeting_ref` opens that meeting, `author` writes as that person."""

    CSS_PATH = Path(__file__).parent / "styles" / "app.tcss"
    TITLE = tx("app_title")
    SUB_TITLE = tx("app_subtitle")
    BINDINGS = bindings.APP

    class DatabaseReady(Message):
        def __init__(
            self, db: Database, author: str, capture: CaptureData | None, problem: str
        ) -> None:
            super().__init__()
            self.db = db
            self.author = author
            self.capture = capture
            self.problem = problem

    class HomeRead(Message):
        """Home's lists, read from the file before the ORM is loaded."""

        def __init__(self, data: HomeData, author: str) -> None:
            super().__init__()
            self.data = data
            self.author = author

    class DatabaseFailed(Message):
        def __init__(self, detail: str) -> None:
            super().__init__()
            self.detail = detail

    class CaptureLoaded(Message):
        def __init__(self, capture: CaptureData, question_key: str | None = None) -> None:
            super().__init__()
            self.capture = capture
            self.question_key = question_key

    class Problem(Message):
        """A write or read on the writer thread failed with this user-facing text."""

        def __init__(self, detail: str) -> None:
            super().__init__()
            self.detail = detail

    class Done(Message):
        """A background write finished; `text` is shown, and home reloads."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(
        self,
        db_path: Path | str,
        *,
        meeting_ref: str | None = None,
        author: str | None = None,
        clock: Clock | None = None,
    ) -> None:
        super().__init__()
        # The class attributes were looked up at import; the language may be set after that.
        self.title, self.sub_title = tx("app_title"), tx("app_subtitle")
        self.db_path = Path(db_path)
        self.meeting_ref = meeting_ref
        self.author = clean_line(author or "")[:200]
        # Injectable so that snapshots and tests see a frozen time.
        self.clock: Clock = clock or dt.datetime.now
        self.db: Database | None = None
        self.writer = Writer()
        # What was asked for while the database was still opening (run once it is open).
        self._when_open: list[Callable[[], None]] | None = []  # None: opening failed

    # --- start-up -------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        return HomeScreen()

    def on_mount(self) -> None:
        # After the first paint: importing SQLAlchemy in a worker still competes for the GIL.
        self.call_after_refresh(self._open_database)
        self._save_on_hangup()

    def _save_on_hangup(self) -> None:
        """A closed terminal window (SIGHUP) or a polite kill (SIGTERM) saves before leaving.

        Python's default for both is to die at once, losing the text typed in the last moment
        before the debounced autosave.
        """
        loop = asyncio.get_running_loop()
        for signal_number in (signal.SIGHUP, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signal_number, self._leave_now)

    def _leave_now(self) -> None:
        self.flush_notes()
        self.exit(return_code=0)

    @work(thread=True, group="open-database", exit_on_error=False)
    def _open_database(self) -> None:
        from models.errors import InnsiktError

        given_author = self.author
        self._read_home_early()
        from models.storage import open_database
        from tui import store

        try:
            db = open_database(self.db_path)
        except InnsiktError as error:
            self.post_message(self.DatabaseFailed(str(error)))
            return
        author = given_author or store.remembered_author(db)
        if given_author:
            store.remember_author(db, given_author)
        capture, problem = None, ""
        if self.meeting_ref:
            try:
                capture = store.load_capture(db, self.meeting_ref)
            except InnsiktError as error:
                problem = str(error)
        self.post_message(self.DatabaseReady(db, author, capture, problem))

    def _read_home_early(self) -> None:
        """Post home's lists read with plain sqlite3, so they show before SQLAlchemy is
        imported; only for an existing database at the current version (a new file is made
        and an old one migrated by `open_database`, which also reports any problem)."""
        from models.dbfile import SCHEMA_VERSION, inspect_file
        from models.errors import InnsiktError
        from tui.home_data import load_home, remembered_author

        path = self.db_path.expanduser()
        try:
            header = inspect_file(path)
            if header is None or header.user_version != SCHEMA_VERSION:
                return
            data = load_home(path)
            author = self.author or remembered_author(path)
        except (InnsiktError, OSError):
            return
        self.post_message(self.HomeRead(data, author))

    def on_innsikt_app_home_read(self, message: HomeRead) -> None:
        if self.db is None:
            self.author = self.author or message.author
            self.home.show_data(message.data)

    def when_open(self, action: Callable[[], None]) -> bool:
        """False when the database is open; else keep `action` for when it is (a key pressed
        on the early home screen is not lost) and say True."""
        if self.db is not None:
            return False
        if self._when_open is not None:
            self._when_open.append(action)
        return True

    def on_innsikt_app_database_ready(self, message: DatabaseReady) -> None:
        self.db = message.db
        self.author = message.author
        self.home.reload()
        pending, self._when_open = self._when_open or [], []
        for action in pending if self.author and message.capture is None else []:
            action()  # without an author, they are asked for first (below), as on any start
        if message.problem:
            self.notify(message.problem, severity="error", timeout=10)
        capture = message.capture
        if not self.author:
            self.ask_author(then=(lambda: self.show_capture(capture)) if capture else None)
        elif capture is not None:
            self.show_capture(capture)

    def on_innsikt_app_database_failed(self, message: DatabaseFailed) -> None:
        self._when_open = None
        self.home.show_problem(tx("db_failed", detail=message.detail))
        self.notify(tx("db_failed", detail=message.detail), severity="error", timeout=30)

    @property
    def home(self) -> HomeScreen:
        return next(s for s in self.screen_stack if isinstance(s, HomeScreen))

    # --- flows shared by keys and the command palette ---------------------------------------

    def ask_author(self, then: Callable[[], None] | None = None) -> None:
        from tui.screens.author import AuthorScreen

        def chosen(name: str | None) -> None:
            if name and name != self.author:
                self.author = name
                self.write(lambda db: _remember_author(db, name))
                self.home.show_author()
                self.reopen_capture()
            if self.author and then is not None:
                then()

        self.push_screen(AuthorScreen(self.author, can_cancel=bool(self.author)), chosen)

    def open_meeting(self, meeting_ref: str, question_key: str | None = None) -> None:
        """Load the meeting after every pending write, then show it on the capture screen
        (at `question_key` when the guide has it)."""
        if self.when_open(lambda: self.open_meeting(meeting_ref, question_key)):
            return
        if not self.author:
            self.ask_author(then=lambda: self.open_meeting(meeting_ref))
            return
        from tui.store import load_capture

        db = self.db
        self.writer.submit(
            lambda: load_capture(db, meeting_ref),
            on_done=lambda capture: self.post_message(self.CaptureLoaded(capture, question_key)),
            on_error=lambda error: self.post_message(self.Problem(str(error))),
        )

    def reopen_capture(self) -> None:
        """After a change of author, the open meeting is shown again as the new author."""
        if not any(hasattr(screen, "flush_notes") for screen in self.screen_stack):
            return
        meeting_id = self.current_meeting()
        self.flush_notes()
        self.action_home()
        if meeting_id:
            self.open_meeting(meeting_id)

    def on_innsikt_app_capture_loaded(self, message: CaptureLoaded) -> None:
        self.show_capture(message.capture, message.question_key)

    def show_capture(self, capture: CaptureData, question_key: str | None = None) -> None:
        from tui.screens.capture import CaptureScreen

        self.push_screen(CaptureScreen(capture, self.author, question_key))

    def new_meeting(self, journey_id: str | None = None) -> None:
        if self.when_open(lambda: self.new_meeting(journey_id)):
            return
        if not self.author:
            self.ask_author(then=lambda: self.new_meeting(journey_id))
            return
        from tui.screens.meeting_setup import MeetingSetupScreen

        def created(meeting_id: str | None) -> None:
            if meeting_id:
                self.open_meeting(meeting_id)

        self.push_screen(MeetingSetupScreen(journey_id), created)

    def edit_meeting(self, meeting_ref: str | None) -> None:
        """Open the set-up form on a stored meeting; an open capture screen shows the result."""
        if self.db is None:
            return
        if meeting_ref is None:
            self.notify(tx("no_meeting_selected"), severity="warning")
            return
        from tui.screens.meeting_setup import MeetingSetupScreen

        self.flush_notes()  # whether the guide may change depends on the notes typed so far

        def saved(meeting_id: str | None) -> None:
            if not meeting_id:
                return
            self.notify(tx("meeting_saved"))
            capture = self.screen
            if getattr(getattr(capture, "data", None), "meeting_id", None) == meeting_id:
                # Title, organisations and guide are drawn once: show the meeting again,
                # at the same question.
                question_key = getattr(getattr(capture, "question", None), "key", None)
                self.flush_notes()
                self.pop_screen()
                self.open_meeting(meeting_id, question_key)

        self.push_screen(MeetingSetupScreen(meeting_id=meeting_ref), saved)

    def new_journey(self) -> None:
        if self.db is None:
            return
        from tui.screens.journey import JourneyScreen

        def chosen(journey: Any) -> None:
            if journey is not None:
                self.write(
                    lambda db: _create_journey(db, journey.name, journey.description),
                    done=tx("journey_created", name=journey.name),
                )

        self.push_screen(JourneyScreen(), chosen)

    def load_demo(self) -> None:
        if self.db is None:
            return
        data = self.home.data
        if data is not None and not data.empty:
            self.notify(tx("demo_not_empty"), severity="warning")
            return

        def load(db: Database) -> str:
            from models.demo import load_demo

            summary = load_demo(db)
            return tx("demo_loaded", meetings=summary.meetings, services=summary.services)

        self.write(load)

    def write(self, job: Callable[[Database], Any], done: str | None = None) -> None:
        """Run `job(db)` on the writer thread; say `done` (or the job's text), reload home."""
        db = self.db
        if db is None:
            return

        def finished(result: Any) -> None:
            text = done if done is not None else (result if isinstance(result, str) else "")
            self.post_message(self.Done(text))

        self.writer.submit(
            lambda: job(db),
            on_done=finished,
            on_error=lambda error: self.post_message(self.Problem(str(error))),
        )

    def on_innsikt_app_done(self, message: Done) -> None:
        if message.text:
            self.notify(message.text)
        self.home.reload()

    def on_innsikt_app_problem(self, message: Problem) -> None:
        self.notify(message.detail, severity="error", timeout=10)

    def push_review_screen(self, module: str, class_name: str) -> None:
        """Open a screen that works on the whole database (imported when first needed)."""
        if self.db is not None:
            screen_class = getattr(importlib.import_module(module), class_name)
            self.push_screen(screen_class(self.db))

    def action_catalogue(self) -> None:
        self.push_review_screen("tui.screens.service_catalogue", "ServiceCatalogueScreen")

    def action_followups(self) -> None:
        self.push_review_screen("tui.screens.followups", "FollowUpsScreen")

    def action_conflicts(self) -> None:
        self.push_review_screen("tui.screens.conflicts", "ConflictsScreen")

    def action_duplicates(self) -> None:
        self.push_review_screen("tui.screens.duplicates", "DuplicatesScreen")

    def current_meeting(self) -> str | None:
        """The meeting on the capture screen, else the one highlighted on the home screen."""
        for screen in reversed(self.screen_stack):
            meeting_id = getattr(getattr(screen, "data", None), "meeting_id", None)
            if meeting_id:
                return str(meeting_id)
        return self.home.selected_meeting()

    def export(self, key: str) -> None:
        """Ask for a file name, then write minutes, a report or the service catalogue."""
        from tui import exporting
        from tui.screens.export_path import ExportPathScreen

        if self.db is None:
            return
        kind = exporting.KINDS[key]
        meeting_id = self.current_meeting()
        journey_id = self.home.selected_journey()
        if key == "minutes" and meeting_id is None:
            self.notify(tx("export_no_meeting"), severity="warning")
            return

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.flush_notes()  # the minutes hold what was typed a moment ago
                self.write(
                    lambda db: exporting.write_export(db, kind, path, meeting_id, journey_id),
                    done=tx("export_written", path=path),
                )

        suggested = exporting.suggested_path(kind, meeting_id)
        self.push_screen(ExportPathScreen(kind.title, suggested, kind.suffixes), chosen)

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_home(self) -> None:
        while not isinstance(self.screen, HomeScreen):
            self.pop_screen()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield SystemCommand(tx("cmd_home"), tx("cmd_home_help"), self.action_home)
        yield SystemCommand(
            tx("cmd_new_meeting"), tx("cmd_new_meeting_help"), lambda: self.new_meeting(None)
        )
        yield SystemCommand(
            tx("cmd_edit_meeting"),
            tx("cmd_edit_meeting_help"),
            lambda: self.edit_meeting(self.current_meeting()),
        )
        yield SystemCommand(tx("cmd_new_journey"), tx("cmd_new_journey_help"), self.new_journey)
        yield SystemCommand(tx("cmd_author"), tx("cmd_author_help"), self.ask_author)
        yield SystemCommand(tx("cmd_catalogue"), tx("cmd_catalogue_help"), self.action_catalogue)
        yield SystemCommand(tx("cmd_followups"), tx("cmd_followups_help"), self.action_followups)
        yield SystemCommand(tx("cmd_conflicts"), tx("cmd_conflicts_help"), self.action_conflicts)
        yield SystemCommand(tx("cmd_duplicates"), tx("cmd_duplicates_help"), self.action_duplicates)
        yield SystemCommand(tx("cmd_help"), tx("cmd_help_help"), self.action_help)
        yield SystemCommand(tx("cmd_demo"), tx("cmd_demo_help"), self.load_demo)
        from tui import exporting

        for kind in exporting.available():
            yield SystemCommand(kind.title, kind.help, partial(self.export, kind.key))
        yield from super().get_system_commands(screen)

    # --- autosave at the edges --------------------------------------------------------------

    def save_note(self, meeting_id: str, question_key: str, author: str, text: str) -> None:
        """The notes editor's write; runs on the writer thread."""
        from models.records import save_note

        if self.db is not None:
            save_note(self.db, meeting_id, question_key, author, text)

    def flush_notes(self) -> None:
        """Every open capture screen hands its unsaved text to the writer."""
        for screen in self.screen_stack:
            flush = getattr(screen, "flush_notes", None)
            if flush is not None:
                flush()

    async def settle(self) -> None:
        """Hand over every unsaved note and wait until all writes are on disk."""
        self.flush_notes()
        await asyncio.to_thread(self.writer.drain)

    def on_app_blur(self) -> None:
        self.flush_notes()

    async def action_quit(self) -> None:
        await self.settle()
        self.exit()

    def on_unmount(self) -> None:
        self.writer.close()
        if self.db is not None:
            self.db.close()


def _remember_author(db: Database, name: str) -> None:
    from tui.store import remember_author

    remember_author(db, name)


def _create_journey(db: Database, name: str, description: str) -> None:
    from tui.store import create_journey

    create_journey(db, name, description)
