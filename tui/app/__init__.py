"""The Textual app: a light shell painted at once, the database opened and read off the UI thread.

Nothing here imports SQLModel, SQLAlchemy or `models.storage` at module level: the first frame
shows the home screen saying «Åpner databasen …» while a worker opens the file.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App
from textual.driver import Driver
from textual.message import Message
from textual.screen import Screen

from tui import bindings
from tui.app.commands import Commands
from tui.app.flows import Flows
from tui.app.opening import Opening
from tui.app.saving import Saving
from tui.app.views import Views
from tui.autosave import NoteSaver
from tui.daemon_work import FileGate
from tui.forms import clean_line, clean_note
from tui.held_typing import type_into, typing_target
from tui.key_order import Held, key_hold_of, keys_handled, runs_ahead
from tui.screens.holds_notes import HoldsNotes, OpensLate, RoutesKeys
from tui.screens.home import HomeScreen
from tui.text import tx
from tui.widgets.write_failure import failure_text
from tui.writer import Writer, attach_writer

if TYPE_CHECKING:
    from rich.console import RenderableType

    from models.note_save import NoteFile
    from models.storage import Database
    from tui.home_data import HomeData
    from tui.recovery import RecoveredField
    from tui.store import CaptureData

log = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]
LINUX_DRIVER = "textual.drivers.linux_driver.LinuxDriver"
# Seconds the keys after one that pushed a screen wait for it at most (a loaded laptop took 1.6 s
# to compose the service form), checked every SHOWN_CHECK seconds.
SHOWN_WAIT = 30.0
SHOWN_CHECK = 0.25
# Keys that quit: never held behind an action that moves the focus (F2 waits up to 10 s).
QUIT_KEYS = frozenset(
    key.strip()
    for binding in bindings.APP
    if binding.action == "app.quit"
    for key in binding.key.split(",")
)


class InnsiktApp(Opening, Flows, Views, Commands, Saving, App[None]):
    """`InnsiktApp(db_path)`; `meeting_ref` opens that meeting, `author` writes as that person."""

    CSS_PATH = Path(__file__).parent.parent / "styles" / "app.tcss"
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

    class CaptureRead(Message):
        """`--meeting`'s meeting, read from the file before the ORM is loaded."""

        def __init__(self, capture: CaptureData, author: str) -> None:
            super().__init__()
            self.capture = capture
            self.author = author

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

    class Read(Message):
        """A read on the writer thread finished: `show(value)` on the UI thread."""

        def __init__(self, show: Callable[[Any], None], value: Any) -> None:
            super().__init__()
            self.show = show
            self.value = value

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
        # Held until the database is open: what is typed meanwhile waits in it, in order.
        self.writer = Writer(held=True)
        attach_writer(self, self.writer)  # the one every screen's and panel's write goes through
        self.notes: NoteFile | None = None  # where the notes are saved, without the ORM
        self._early_painted = threading.Event()
        self._file_gate = FileGate()
        self._early_read: list[CaptureData | None] = []
        # `--meeting`: keys typed before the meeting shows, for its note (None: not kept).
        self._early_keys: list[str] | None = [] if meeting_ref else None
        self.saver = NoteSaver(self)
        from tui.keys import use_alt_digits

        use_alt_digits()  # before the driver starts reading keys
        from tui.settings import load_settings

        self.settings = load_settings()
        if self.settings.get("theme") in self.available_themes:
            self.theme = self.settings["theme"]
        # A screen pushed by a key, mounting while the keys after it wait (`_hold_until_mounted`),
        # and whether they still do.
        self._screen_wait: tuple[Screen[Any], bool] | None = None
        # What was asked for while the database was still opening (run once it is open).
        self._when_open: list[Callable[[], None]] | None = []  # None: opening failed

    def exit(
        self, result: None = None, return_code: int = 0, message: RenderableType | None = None
    ) -> None:
        self._exit_asked = True  # messages still on their way find the app closing
        super().exit(result, return_code, message)

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
        # A paste goes in the same line: it is typing too.
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            screen = self.screen  # only for keys: there is no screen yet for the first events
            waiting = isinstance(screen, HomeScreen) or (
                isinstance(screen, OpensLate) and not screen.shown
            )
            if self._early_keys is not None and waiting and self._keep_early(event):
                return
            hold = key_hold_of(self)
            if (
                isinstance(event, events.Key)
                and event.key in QUIT_KEYS
                and (hold.holding or not screen.is_mounted)  # it would wait in line
            ):
                event.stop()
                await self.run_action("app.quit")  # gives the held keys first (`give_held_now`)
                return
            if hold.keep(event, self._deliver):
                return  # the focus is still moving (F2 while the database opens): given after
            await self._deliver(event)
            return
        await super().on_event(event)

    async def _deliver(self, event: Held) -> None:
        if isinstance(event, events.Key):
            await self._deliver_key(event)
        else:
            await self._deliver_paste(event)

    async def _deliver_paste(self, event: events.Paste) -> None:
        """Give a paste to the screen shown now, where a letter typed now would go."""
        screen = self.screen
        if not screen.is_mounted and self._screen_wait != (screen, False):
            self._hold_until_shown(screen, event)
            return
        if isinstance(screen, RoutesKeys):
            screen.route_paste(event)
        await super().on_event(event)

    async def give_held_now(self) -> None:
        """Quit or hang-up: the keys and pastes held (F2 while the database opens, a form not
        yet shown) are typed at once where they were going, or into the note if that is not
        there yet, so that the notes flushed next hold them. Keys pass freely from now on."""
        held = key_hold_of(self).release()
        self._screen_wait = None  # its hold is released: a key for it would wait for nothing
        for event in held:
            field = typing_target(self.screen_stack)
            if field is None:
                continue  # no note on any screen (home): nothing typed has a place
            try:
                if not await type_into(field, event):  # an arrow, F2: its screen is leaving
                    log.debug("held %s left out on leaving", getattr(event, "key", "paste"))
            except Exception:  # one failed key must not take the keys after it along
                log.debug("a held key was not typed on leaving", exc_info=True)

    async def _deliver_key(self, event: events.Key) -> None:
        """Route a key typed on the screen shown now and deliver it (a held key, later)."""
        screen = self.screen
        if not screen.is_mounted and self._screen_wait != (screen, False):
            self._hold_until_shown(screen, event)
            return
        if runs_ahead(screen, event) and screen.focused is not None:
            await keys_handled(screen.focused)  # the letters typed before PgDn go first
        if isinstance(screen, RoutesKeys):
            act_now = screen.route_key(event)
            # A panel's key (n: new service) runs here, not in the panel's own task: the
            # keys typed right after it must find the form it opens, not the old focus. The
            # keys before it first: an arrow still queued moves the row «x» unlinks.
            if act_now is not None and screen.focused is not None:
                await keys_handled(screen.focused)
            if act_now is not None and await self.run_action(act_now[1], act_now[0]):
                if self.screen is not screen:
                    self._hold_until_shown(self.screen)
                return
        await super().on_event(event)
        if self.screen is not screen:  # pushed (ctrl+g) or left by the key's binding
            self._hold_until_shown(self.screen)

    def _hold_until_shown(self, screen: Screen[Any], event: Held | None = None) -> None:
        """A key just given pushed `screen` (n: a new service's form): the keys after it wait
        until it is mounted, refreshed, and the focus its on_mount asked for has landed (an app
        callback, queued behind keys that came meanwhile), then go there. They went to the
        screen itself before, or to the widget it was focusing, and were lost."""
        hold = key_hold_of(self)
        if event is not None:
            hold.put_back(event, self._deliver)  # ahead of the keys held after it
        if self._screen_wait == (screen, True):
            return  # already waited for (the key put back goes with the others)
        self._screen_wait = (screen, True)
        began = hold.begin()
        given = False

        async def give() -> None:
            nonlocal given
            if given:
                return
            given = True
            if self._screen_wait == (screen, True):  # not released meanwhile (quit, hang-up)
                self._screen_wait = (screen, False)  # mounted, or waited for long enough
            await hold.end(began)

        # After its mount and first refresh, then after what it asked the app to do meanwhile
        # (a widget's focus() is an app callback).
        screen.call_after_refresh(self.call_later, give)
        since = monotonic()

        async def check() -> None:
            # A screen closed before its first refresh (or one that never gets there) holds no
            # keys for good; a slow one, on a loaded laptop, is waited for.
            if given:
                return
            if screen not in self.screen_stack or monotonic() - since > SHOWN_WAIT:
                await give()
            else:
                self.set_timer(SHOWN_CHECK, check)

        self.set_timer(SHOWN_CHECK, check)

    def _keep_early(self, event: Held) -> bool:
        """With `--meeting`, typing starts before the meeting is on screen: what is typed on
        the home screen meanwhile is kept for its note (home's letter keys would act on it)."""
        keys = self._early_keys
        assert keys is not None
        if isinstance(event, events.Paste):
            keys.extend(clean_note(event.text))  # one by one: a Backspace after it takes one
        elif event.key == "enter":
            keys.append("\n")
        elif event.key == "backspace":
            if keys:
                keys.pop()
        elif event.is_printable and event.character is not None:
            keys.append(event.character)
        else:
            return False
        event.stop()
        event.prevent_default()
        return True

    def early_fields(self) -> list[RecoveredField]:
        """`--meeting`, leaving before the meeting showed: what was typed on home meanwhile, as
        text for the recovery file (the next start adds it to the meeting's first note, or
        shows it to copy when the meeting was not read yet)."""
        text = "".join(self._early_keys or [])
        if not text.strip():
            return []
        from tui.recovery import RecoveredField

        meeting_id = question_key = ""
        for screen in self.screen_stack:  # pushed, not yet shown: it would have taken them
            data, questions = getattr(screen, "data", None), getattr(screen, "questions", None)
            if isinstance(screen, HoldsNotes) and data is not None and questions:
                meeting_id = str(data.meeting_id)
                question_key = str(questions[getattr(screen, "start", 0)].key)
        place = tx("early_place", meeting=self.meeting_ref or "")
        return [RecoveredField(place, text, meeting_id, question_key, self.author)]

    # --- start-up -------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        # With `--meeting`, the meeting is read first (`on_mount`) and home's lists after it.
        data = None if self.meeting_ref else self.read_home_now()
        # Beneath the meeting, home is composed once it is to be seen (`Opening.home_seen`).
        return HomeScreen(self.db, self.author, data, later=bool(self.meeting_ref))

    def on_mount(self) -> None:
        if self.meeting_ref:  # the meeting is read from the file at once and shown first
            self.read_early_now()
            if not self._early_capture_read:
                self.home_seen()
            self._open_database()
        else:  # after the first paint: importing SQLAlchemy in a worker competes for the GIL
            self.call_after_refresh(self._open_database)
        self._save_on_hangup()

    @property
    def home(self) -> HomeScreen:
        return next(s for s in self.screen_stack if isinstance(s, HomeScreen))

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

    def on_innsikt_app_done(self, message: Done) -> None:
        if message.text:
            self.notify(message.text, markup=False)
        self.home.reload()

    def on_innsikt_app_problem(self, message: Problem) -> None:
        self.notify(message.detail, severity="error", timeout=10, markup=False)
