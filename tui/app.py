"""The Textual app: a light shell painted at once, the database opened and read off the UI thread.

Nothing here imports SQLModel, SQLAlchemy or `models.storage` at module level: the first frame
shows the home screen saying «Åpner databasen …» while a worker opens the file.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import importlib
import os
import signal
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events, work
from textual.app import App, SystemCommand
from textual.driver import Driver
from textual.message import Message
from textual.screen import Screen

from tui import bindings, messages
from tui.autosave import NoteSaver
from tui.forms import clean_line
from tui.screens.holds_notes import HoldsNotes, RoutesKeys
from tui.screens.home import HomeScreen
from tui.text import tx
from tui.widgets.write_failure import failure_text
from tui.writer import Writer

if TYPE_CHECKING:
    from models.storage import Database
    from tui.home_data import HomeData
    from tui.store import CaptureData
    from tui.widgets.notes_editor import NotesEditor

Clock = Callable[[], dt.datetime]
LINUX_DRIVER = "textual.drivers.linux_driver.LinuxDriver"
LAST_KEYS_SECONDS = 0.15


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

    class NeedsPassphrase(Message):
        """Privacy: the database is encrypted at rest; ask for its passphrase (again)."""

        def __init__(self, problem: str) -> None:
            super().__init__()
            self.problem = problem

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
        self.saver = NoteSaver(self)
        from tui.keys import use_alt_digits

        use_alt_digits()  # before the driver starts reading keys
        from tui.settings import load_settings

        self.settings = load_settings()
        if self.settings.get("theme") in self.available_themes:
            self.theme = self.settings["theme"]
        # What was asked for while the database was still opening (run once it is open).
        self._when_open: list[Callable[[], None]] | None = []  # None: opening failed

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver, or on Linux and macOS one that survives any bytes and pastes."""
        driver_class = super().get_driver_class()
        # By name: importing the Linux driver needs termios, which Windows lacks.
        if f"{driver_class.__module__}.{driver_class.__qualname__}" == LINUX_DRIVER:
            from tui.terminal import ForgivingLinuxDriver

            return ForgivingLinuxDriver
        return driver_class

    async def on_event(self, event: events.Event) -> None:
        # The screen may move the focus before a key is delivered (the capture screen sends
        # stray letters to the note); doing it here keeps the keys in the order they came.
        if isinstance(event, events.Key) and not event.is_forwarded:
            screen = self.screen  # only for keys: there is no screen yet for the first events
            if isinstance(screen, RoutesKeys):
                screen.route_key(event)
        await super().on_event(event)

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
        before the debounced autosave. Windows has no SIGHUP, and its event loop no signal
        handlers: there, each signal that is missing is skipped.
        """
        loop = asyncio.get_running_loop()
        for name in ("SIGHUP", "SIGTERM"):
            signal_number = getattr(signal, name, None)
            if signal_number is None:
                continue
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError, AttributeError):
                loop.add_signal_handler(signal_number, self._leave_now)

    def _leave_now(self) -> None:
        # Keys the terminal sent just before it closed may still be on their way from the input
        # thread: let them land in the note first.
        self.set_timer(LAST_KEYS_SECONDS, self._flush_and_exit)

    def _flush_and_exit(self) -> None:
        # Closing the writer when unmounting finishes these writes; what still fails then goes
        # to the recovery file (see on_unmount).
        self.flush_notes()
        self.exit(return_code=0)

    @work(thread=True, group="open-database", exit_on_error=False)
    def _open_database(self) -> None:
        from models import atrest
        from models.errors import InnsiktError

        given_author = self.author
        self._read_home_early()
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
        capture, problem = None, ""
        if self.meeting_ref:
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
            author = self.author or self.settings.get("author", "") or remembered_author(path)
        except (InnsiktError, OSError):
            return
        self.post_message(self.HomeRead(data, author))

    def on_innsikt_app_home_read(self, message: HomeRead) -> None:
        if self.db is None and self._when_open is not None:  # not after opening failed
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
            self.notify(message.problem, severity="error", timeout=10, markup=False)
        capture = message.capture

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

    def offer_recovery(self, then: Callable[[bool], None]) -> None:
        """Notes a failed run left in the recovery file: restore them (or not), then
        `then(restored)`."""
        from tui import recovery
        from tui.screens.two_choices import TwoChoicesScreen

        try:
            notes = recovery.read(self.db_path)
        except recovery.RecoveryUnreadable as error:
            self.notify(tx("recovery_unreadable", path=error.args[0]), severity="error")
            notes = []
        if not notes:
            then(False)
            return

        def answered(restore: bool | None) -> None:
            if restore:
                self.write(
                    lambda db: _restore(db, notes, self.db_path),
                    done=tx("recovery_restored", count=len(notes)),
                )
            elif restore is False:
                recovery.clear(self.db_path)
            then(bool(restore))  # None (Escape): asked again at the next start

        self.push_screen(
            TwoChoicesScreen(
                tx("recovery_title"),
                tx("recovery_body", count=len(notes)),
                tx("recovery_restore"),
                tx("recovery_discard"),
                focus_yes=True,
            ),
            answered,
        )

    def on_innsikt_app_needs_passphrase(self, message: NeedsPassphrase) -> None:
        from models import atrest
        from tui.screens.passphrase import PassphraseScreen

        def given(passphrase: str | None) -> None:
            if passphrase is None:
                self.exit(return_code=1)
                return
            atrest.remember(self.db_path, passphrase)
            self._open_database()

        self.push_screen(PassphraseScreen(str(self.db_path), message.problem), given)

    def on_innsikt_app_database_failed(self, message: DatabaseFailed) -> None:
        self._when_open = None
        self.home.show_problem(tx("db_failed", detail=message.detail))
        self.notify(
            tx("db_failed", detail=message.detail), severity="error", timeout=30, markup=False
        )

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
            on_error=lambda error: self.post_message(self.Problem(failure_text(error))),
        )

    def reopen_capture(self) -> None:
        """After a change of author, the open meeting is shown again as the new author."""
        if not any(isinstance(screen, HoldsNotes) for screen in self.screen_stack):
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
            if isinstance(capture, HoldsNotes) and capture.shown_meeting_id == meeting_id:
                # Title, organisations and guide are drawn once: show the meeting again,
                # at the same question.
                question_key = capture.shown_question_key
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

    def erase_person(self) -> None:
        """Privacy: pick a person, confirm, erase on the writer thread (tui/screens/erase_person)."""
        if self.db is None:
            return
        from tui.screens.erase_person import ErasePersonScreen

        def chosen(person_id: str | None) -> None:
            if person_id:
                from models.erase import describe, erase_person

                self.write(lambda db: "\n".join(describe(erase_person(db, person_id, apply=True))))

        self.push_screen(ErasePersonScreen(self.db), chosen)

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
            on_error=lambda error: self.post_message(self.Problem(failure_text(error))),
        )

    # --- what screens ask for (tui/messages.py) -----------------------------------------

    def on_open_meeting(self, message: messages.OpenMeeting) -> None:
        self.open_meeting(message.meeting_id)

    def on_edit_meeting(self, message: messages.EditMeeting) -> None:
        self.edit_meeting(message.meeting_id)

    def on_new_meeting(self, message: messages.NewMeeting) -> None:
        self.new_meeting(message.journey_id)

    def on_new_journey(self, message: messages.NewJourney) -> None:
        self.new_journey()

    def on_ask_author(self, message: messages.AskAuthor) -> None:
        self.ask_author()

    def on_load_demo(self, message: messages.LoadDemo) -> None:
        self.load_demo()

    def on_innsikt_app_done(self, message: Done) -> None:
        if message.text:
            self.notify(message.text, markup=False)
        self.home.reload()

    def on_innsikt_app_problem(self, message: Problem) -> None:
        self.notify(message.detail, severity="error", timeout=10, markup=False)

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

    # --- minutes: review mode, status, findings (tui/screens/review.py, findings.py) ---

    def action_review_minutes(self) -> None:
        """Open review mode on the capture screen's meeting and question."""
        from models.minutes import referat_texts
        from tui.screens.capture import CaptureScreen
        from tui.screens.review import ReviewScreen

        screen = self.screen
        if self.db is None or not isinstance(screen, CaptureScreen):
            self.notify(tx("rv_from_capture"), severity="warning")
            return
        screen.flush_notes()
        texts = referat_texts(self.db, screen.data.meeting_id)
        self.push_screen(ReviewScreen(screen.data, screen.question.key, texts))

    def set_minutes_status(self, status: str) -> None:
        from models.minutes import set_minutes_status

        meeting_id = self.current_meeting()
        if meeting_id is None:
            self.notify(tx("export_no_meeting"), severity="warning")
            return

        def job(db: Database) -> str:
            meeting, record = set_minutes_status(db, meeting_id, status)
            return tx(
                "ms_set", title=meeting.title, status=tx(f"ms_{status}"), version=record.version
            )

        self.write(job)

    def open_findings(self) -> None:
        from tui.screens.findings import FindingsScreen

        journey_id = self.home.selected_journey()
        if self.db is not None:
            self.push_screen(FindingsScreen(self.db, journey_id))

    def action_search(self) -> None:
        """Open search from any screen; what is being typed is saved first."""
        from tui.screens.search import SearchScreen, go_to_hit

        if self.db is None or isinstance(self.screen, SearchScreen):
            return
        self.flush_notes()
        self.push_screen(
            SearchScreen(self.db), lambda hit: go_to_hit(self, hit) if hit is not None else None
        )

    def action_across(self) -> None:
        """One question's answers across the journey's meetings (the capture screen's question)."""
        from tui.screens.across import AcrossScreen

        meeting_id = self.current_meeting()
        if self.db is None or isinstance(self.screen, AcrossScreen):
            return
        if meeting_id is None:
            self.notify(tx("across_none"), severity="warning")
            return
        self.flush_notes()  # the view holds what was typed a moment ago
        screen = self.screen
        question_key = screen.shown_question_key if isinstance(screen, HoldsNotes) else None
        self.push_screen(AcrossScreen(self.db, meeting_id, question_key))

    def current_meeting(self) -> str | None:
        """The meeting on the capture screen, else the one highlighted on the home screen."""
        for screen in reversed(self.screen_stack):
            meeting_id = screen.shown_meeting_id if isinstance(screen, HoldsNotes) else None
            if meeting_id:
                return meeting_id
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
        yield SystemCommand(tx("cmd_review"), tx("cmd_review_help"), self.action_review_minutes)
        for status in ("utkast", "til-godkjenning", "godkjent"):
            yield SystemCommand(
                tx("cmd_minutes_status", status=tx(f"ms_{status}")),
                tx("cmd_minutes_status_help"),
                partial(self.set_minutes_status, status),
            )
        yield SystemCommand(tx("cmd_findings"), tx("cmd_findings_help"), self.open_findings)
        yield SystemCommand(tx("cmd_search"), tx("cmd_search_help"), self.action_search)
        yield SystemCommand(tx("cmd_across"), tx("cmd_across_help"), self.action_across)
        yield SystemCommand(tx("cmd_help"), tx("cmd_help_help"), self.action_help)
        yield SystemCommand(tx("cmd_demo"), tx("cmd_demo_help"), self.load_demo)
        yield SystemCommand(tx("cmd_erase"), tx("cmd_erase_help"), self.erase_person)
        from tui import exporting

        for kind in exporting.available():
            yield SystemCommand(kind.title, kind.help, partial(self.export, kind.key))
        from tui.palette import system_commands

        yield from system_commands(self, screen)

    def action_command_palette(self) -> None:
        from tui.palette import Palette

        if self.use_command_palette and not Palette.is_open(self):
            self.push_screen(Palette(id="--command-palette"))

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        from tui.palette import Palette

        self.push_screen(
            Palette(providers=[ThemeProvider], placeholder=tx("palette_theme_placeholder"))
        )

    def watch_theme(self, theme: str) -> None:
        """The chosen theme is remembered on this device (written off the UI thread)."""
        if theme and theme != self.settings.get("theme"):
            from tui.settings import remember

            self.settings["theme"] = theme
            self.writer.submit(lambda: remember("theme", theme))

    # --- autosave at the edges --------------------------------------------------------------

    def on_note_saver_saved(self, message: NoteSaver.Saved) -> None:
        self.saver.saved(message)
        self._tell_editors(lambda editor: editor.Saved(message.key, message.text))

    def on_note_saver_failed(self, message: NoteSaver.Failed) -> None:
        line = self.saver.failed(message)
        self._tell_editors(lambda editor: editor.SaveFailed(message.key, line))

    def _tell_editors(self, make: Callable[[NotesEditor], Message]) -> None:
        """The capture screens hear about their notes' saves from their editors."""
        from tui.widgets.notes_editor import NotesEditor

        for screen in self.screen_stack:
            for editor in screen.query(NotesEditor):
                editor.post_message(make(editor))

    def flush_notes(self) -> None:
        """Every open capture screen hands its unsaved text to the writer."""
        for screen in self.screen_stack:
            if isinstance(screen, HoldsNotes):
                screen.flush_notes()

    async def settle(self) -> None:
        """Hand over every unsaved note and wait until all writes are on disk."""
        self.flush_notes()
        await asyncio.to_thread(self.writer.drain)

    def on_app_blur(self) -> None:
        self.flush_notes()

    async def action_quit(self) -> None:
        await self.settle()
        if not self.saver.unsaved:
            self.exit()
            return
        from tui.screens.two_choices import TwoChoicesScreen

        self.saver.write_recovery_now()

        def answered(leave: bool | None) -> None:
            if leave:
                self.exit(return_code=1)  # on_unmount says where the text is

        self.push_screen(
            TwoChoicesScreen(
                tx("quit_unsaved_title"),
                tx("quit_unsaved_body", reason=self.saver.problem or tx("save_failed_other")),
                tx("quit_unsaved_leave"),
                tx("quit_unsaved_stay"),
                focus_yes=False,
            ),
            answered,
        )

    def on_unmount(self) -> None:
        self.writer.close()
        # Writes that were queued at the end have finished now; whatever the database still
        # lacks goes to the recovery file, and the app does not end with 0 as if all were well.
        left = self.saver.left_unsaved()
        if left:
            path = self.saver.write_recovery_now(left)
            self._return_code = self._return_code or 1
            self._exit_renderables.append(
                Text(tx("quit_unsaved_stderr", count=len(left), path=path or "-"))
            )
        if self.db is not None:
            self.db.close()


def _restore(db: Database, notes: list[Any], db_path: Path) -> None:
    """Bring back the recovery file's notes, then remove the file (on the writer thread)."""
    from models.note_save import restore_note
    from tui import recovery

    for note in notes:
        restore_note(db, note.meeting_id, note.question_key, note.author, note.text, note.base)
    recovery.clear(db_path)


def _remember_author(db: Database, name: str) -> None:
    from tui.settings import remember
    from tui.store import remember_author

    remember_author(db, name)
    remember("author", name)


def _create_journey(db: Database, name: str, description: str) -> None:
    from tui.store import create_journey

    create_journey(db, name, description)
