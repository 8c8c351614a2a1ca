"""The app's flows started by keys, screens' messages and the palette: author, meetings, demo."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tui import messages
from tui.app.opening import _remember_author
from tui.screens.holds_notes import HoldsNotes
from tui.text import tx
from tui.widgets.write_failure import failure_text

if TYPE_CHECKING:
    from models.storage import Database
    from tui.app import InnsiktApp
    from tui.store import CaptureData


class Flows:
    """Mixed into `InnsiktApp`: what a user starts from home or capture."""

    def ask_author(self, then: Callable[[], None] | None = None) -> None:
        from tui.screens.author import AuthorScreen

        def chosen(name: str | None) -> None:
            if name and name != self.author:
                self.author = name
                self.write(lambda db: _remember_author(db, name))
                self.home.set_author(name)
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

    def read_then(self, read: Callable[[], Any], show: Callable[[Any], None]) -> None:
        """Run `read` on the writer thread (after every pending write), then `show` its result
        on the UI thread; a failure is shown as one line."""
        self.writer.submit(
            read,
            on_done=lambda value: self.post_message(self.Read(show, value)),
            on_error=lambda error: self.post_message(self.Problem(failure_text(error))),
        )

    def on_innsikt_app_read(self, message: InnsiktApp.Read) -> None:
        message.show(message.value)

    def reopen_capture(self) -> None:
        """After a change of author, the open meeting is shown again as the new author."""
        if not any(isinstance(screen, HoldsNotes) for screen in self.screen_stack):
            return
        meeting_id = self.current_meeting()
        self.flush_notes()
        self.action_home()
        if meeting_id:
            self.open_meeting(meeting_id)

    def on_innsikt_app_capture_loaded(self, message: InnsiktApp.CaptureLoaded) -> None:
        self.show_capture(message.capture, message.question_key)

    def show_capture(self, capture: CaptureData, question_key: str | None = None) -> None:
        from tui.screens.capture import CaptureScreen

        screen = CaptureScreen(
            capture,
            self.author,
            question_key,
            db=self.db,
            writer=self.writer,
            saver=self.saver,
            clock=self.clock,
            early_text=self.take_early_keys,
        )
        self.push_screen(screen)

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

        screen = MeetingSetupScreen(
            self.db, self.writer, author=self.author, now=self.clock(), journey_id=journey_id
        )
        self.push_screen(screen, created)

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

        screen = MeetingSetupScreen(
            self.db, self.writer, author=self.author, now=self.clock(), meeting_id=meeting_ref
        )
        self.push_screen(screen, saved)

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
        from tui.store.erase import erasable_people

        db, writer = self.db, self.writer

        def chosen(person_id: str | None) -> None:
            if person_id:
                from models.erase import describe, erase_person

                self.write(lambda db: "\n".join(describe(erase_person(db, person_id, apply=True))))

        self.read_then(
            lambda: erasable_people(db),
            lambda people: self.push_screen(ErasePersonScreen(people, db, writer), chosen),
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


def _create_journey(db: Database, name: str, description: str) -> None:
    from tui.store import create_journey

    create_journey(db, name, description)
