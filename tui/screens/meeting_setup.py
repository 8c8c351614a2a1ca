"""Meeting set-up: who we meet, when, where, who takes part, and which guide to walk.

Organisations come first because they are what a meeting is about; everything else has a
default, so «m, space, ctrl+s» starts a meeting. Every problem is shown beside its field.
The same form edits an existing meeting (`meeting_id`): prefilled from the database, saved as
only the changes, with the guide read-only once the meeting has notes or answers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Header,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
    TextArea,
)

from tui import bindings
from tui.forms import clean_line
from tui.screens.setup_people import ParticipantTypeAhead
from tui.setup_form import (
    FIELDS,
    NAME_LIMIT,
    NEW_JOURNEY,
    TypedSetup,
    check_setup,
    offered,
    today_fields,
    typed_from,
)
from tui.text import tx
from tui.unsent_fields import HoldsFieldText, joined, short_label
from tui.widgets.text_field import TextField
from tui.widgets.write_failure import failure_text

# The set-up's text fields whose typing is kept at quit and hang-up, with their labels.
TEXT_FIELDS = (
    ("new_org", "setup_new_org"),
    ("title", "setup_meeting_title"),
    ("date", "setup_date"),
    ("start", "setup_time"),
    ("end", "setup_end"),
    ("place", "setup_place"),
    ("teams_link", "setup_teams_link"),
    ("participants", "setup_participants"),
    ("facilitators", "setup_facilitators"),
    ("note_takers", "setup_note_takers"),
    ("new_journey", "setup_new_journey"),
)

if TYPE_CHECKING:
    import datetime as dt

    from models.meeting_form import MeetingForm, MeetingSetup
    from models.storage import Database
    from tui.recovery import RecoveredField
    from tui.store import SetupChoices
    from tui.writer import Writer


class MeetingSetupScreen(ParticipantTypeAhead, HoldsFieldText, Screen[str | None]):
    """Dismisses with the new (or edited) meeting's id, or None when cancelled."""

    BINDINGS = bindings.SETUP

    class Created(Message):
        def __init__(self, meeting_id: str) -> None:
            super().__init__()
            self.meeting_id = meeting_id

    class Failed(Message):
        def __init__(self, detail: str, field_id: str = "form") -> None:
            super().__init__()
            self.detail = detail
            self.field_id = field_id

    class Loaded(Message):
        """The choices, and in edit mode the meeting as stored, read off the UI thread."""

        def __init__(self, choices: SetupChoices, setup: MeetingSetup | None) -> None:
            super().__init__()
            self.choices = choices
            self.setup = setup

    def __init__(
        self,
        db: Database,
        writer: Writer,
        *,
        author: str,
        now: dt.datetime,
        journey_id: str | None = None,
        meeting_id: str | None = None,
    ) -> None:
        super().__init__()
        self.db = db
        self.writer = writer
        self.author = author
        self.now = now  # a new meeting's date and start
        self.journey_id = journey_id
        self.meeting_id = meeting_id
        self.choices: SetupChoices | None = None
        self.setup: MeetingSetup | None = None
        self.saving = False
        self._as_shown: dict[str, str] = {}  # the text fields as filled in, before any typing

    @property
    def editing(self) -> bool:
        return self.meeting_id is not None

    def compose(self) -> ComposeResult:
        date, start = today_fields(self.now)
        yield Header()
        with VerticalScroll(id="setup-form"):
            yield Label(tx("setup_orgs"))
            yield SelectionList[str](id="orgs", compact=True)
            yield TextField(placeholder=tx("setup_new_org"), id="new-org", compact=True)
            yield Static("", id="orgs-error", classes="field-error")
            yield Label(tx("setup_add_person"))
            yield TextField(placeholder=tx("setup_add_person_hint"), id="add-person", compact=True)
            yield Static("", id="person-hint", classes="muted")
            yield Label(tx("setup_meeting_title"))
            yield TextField(id="title", compact=True)
            yield Static("", id="title-error", classes="field-error")
            with Horizontal(classes="row"):
                with Vertical():
                    yield Label(tx("setup_date"))
                    yield TextField(date, id="date", compact=True)
                with Vertical():
                    yield Label(tx("setup_time"))
                    yield TextField(start, id="start", compact=True)
                with Vertical():
                    yield Label(tx("setup_end"))
                    yield TextField(id="end", compact=True)
            yield Static("", id="date-error", classes="field-error")
            yield Static("", id="start-error", classes="field-error")
            yield Static("", id="end-error", classes="field-error")
            with Horizontal(classes="row"):
                with Vertical():
                    yield Label(tx("setup_place"))
                    yield TextField(id="place", compact=True)
                with Vertical():
                    yield Label(tx("setup_teams_link"))
                    yield TextField(
                        id="teams-link", placeholder="https://teams.microsoft.com/…", compact=True
                    )
                yield Checkbox(tx("setup_teams"), id="teams", compact=True)
            yield Static("", id="place-error", classes="field-error")
            yield Static("", id="teams-link-error", classes="field-error")
            yield Label(tx("setup_participants"))
            yield TextArea(id="participants", soft_wrap=True, tab_behavior="focus", compact=True)
            yield Static("", id="participants-error", classes="field-error")
            yield Label(tx("setup_facilitators"))
            # The one typing is usually the facilitator; note-takers are named on purpose.
            yield TextField(self.author, id="facilitators", compact=True)
            yield Static("", id="facilitators-error", classes="field-error")
            yield Label(tx("setup_note_takers"))
            yield TextField(id="note-takers", compact=True)
            yield Static("", id="note-takers-error", classes="field-error")
            yield Label(tx("setup_guide"))
            yield Select[str]([], id="guide", prompt=tx("setup_guide"), compact=True)
            yield Static("", id="guide-locked", classes="muted")
            yield Static("", id="guide-error", classes="field-error")
            yield Label(tx("setup_journey"))
            yield Select[str]([], id="journey", prompt=tx("setup_journey"), compact=True)
            yield TextField(
                tx("default_journey"), id="new-journey", placeholder=tx("setup_new_journey")
            )
            yield Static("", id="journey-error", classes="field-error")
            yield Static("", id="form-error", classes="field-error")
            save_label = tx("setup_save_changes") if self.editing else tx("setup_save")
            yield Button(save_label, id="save", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = tx("setup_edit_title") if self.editing else tx("setup_title")
        self._as_shown = self._texts()
        self.query_one("#new-journey", Input).display = False
        self.query_one("#guide-locked", Static).display = False
        if self.meeting_id is None:
            self._load()
        else:
            self._load_meeting(self.meeting_id)

    @work(thread=True, group="setup")
    def _load(self) -> None:
        from tui.store import load_setup_choices

        choices = load_setup_choices(self.db)
        self.app.call_from_thread(self.show_choices, choices)

    def _load_meeting(self, meeting_id: str) -> None:
        """Read through the writer, so that notes typed a moment ago count for the guide lock."""
        from tui.store import load_meeting_setup, load_setup_choices

        db = self.db

        def load() -> tuple[SetupChoices, MeetingSetup]:
            return load_setup_choices(db), load_meeting_setup(db, meeting_id)

        self.writer.submit(
            load,
            on_done=lambda loaded: self.post_message(self.Loaded(*loaded)),
            on_error=lambda error: self.post_message(self.Failed(failure_text(error), "load")),
        )

    def on_meeting_setup_screen_loaded(self, message: Loaded) -> None:
        self.show_choices(message.choices, message.setup)

    def show_choices(self, choices: SetupChoices, setup: MeetingSetup | None = None) -> None:
        self.choices = choices
        self.setup = setup
        lists = offered(choices, setup.form if setup else None, self.journey_id)
        orgs = self.query_one("#orgs", SelectionList)
        orgs.add_options((name, name, ticked) for name, ticked in lists.organisations)
        if lists.organisations:
            orgs.highlighted = lists.highlighted
        guide = self.query_one("#guide", Select)
        guide.set_options(lists.guides)
        if lists.guide is not None:
            guide.value = lists.guide
        journey = self.query_one("#journey", Select)
        journey.set_options(lists.journeys)
        journey.value = lists.journey
        self._journey_changed()
        if setup is not None:
            self.fill_from(setup)
        orgs.focus()

    def fill_from(self, setup: MeetingSetup) -> None:
        """Put the stored meeting into the fields; the guide locked when it has content."""
        typed = typed_from(setup.form)
        for field_id, value in (
            ("title", typed.title),
            ("date", typed.date),
            ("start", typed.start),
            ("end", typed.end),
            ("place", typed.place),
            ("teams-link", typed.teams_link),
            ("facilitators", typed.facilitators),
            ("note-takers", typed.note_takers),
        ):
            self.query_one(f"#{field_id}", Input).value = value
        self.query_one("#teams", Checkbox).value = typed.teams
        self.query_one("#participants", TextArea).text = typed.participants
        self._as_shown = self._texts()
        if setup.has_content:
            self.query_one("#guide", Select).disabled = True
            locked = self.query_one("#guide-locked", Static)
            locked.update(tx("setup_guide_locked"))
            locked.display = True

    @on(Select.Changed, "#journey")
    def _journey_changed(self) -> None:
        new = self.query_one("#journey", Select).value == NEW_JOURNEY
        self.query_one("#new-journey", Input).display = new

    @on(Input.Submitted, "#new-org")
    def add_organisation(self, event: Input.Submitted) -> None:
        name = clean_line(event.value)
        error = self.query_one("#orgs-error", Static)
        if len(name) > NAME_LIMIT:
            error.update(tx("err_too_long", length=len(name), limit=NAME_LIMIT))
            error.add_class("-shown")
            return
        event.input.value = ""
        if not name:
            return
        orgs = self.query_one("#orgs", SelectionList)
        existing = {
            str(orgs.get_option_at_index(i).value).casefold(): i for i in range(orgs.option_count)
        }
        if name.casefold() in existing:
            orgs.select(orgs.get_option_at_index(existing[name.casefold()]).value)
        else:
            orgs.add_option((name, name, True))
        error.remove_class("-shown")

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    def _value(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value

    def typed(self) -> TypedSetup:
        """What the fields hold now."""
        guide = self.query_one("#guide", Select).value
        journey = self.query_one("#journey", Select).value
        return TypedSetup(
            organisations=tuple(self.query_one("#orgs", SelectionList).selected),
            new_org=self._value("new-org"),
            title=self._value("title"),
            date=self._value("date"),
            start=self._value("start"),
            end=self._value("end"),
            place=self._value("place"),
            teams_link=self._value("teams-link"),
            teams=self.query_one("#teams", Checkbox).value,
            participants=self.query_one("#participants", TextArea).text,
            facilitators=self._value("facilitators"),
            note_takers=self._value("note-takers"),
            guide=guide if isinstance(guide, str) else None,
            journey=journey if isinstance(journey, str) else None,
            new_journey=self._value("new-journey"),
        )

    def _texts(self) -> dict[str, str]:
        typed = self.typed()
        texts = {name: str(getattr(typed, name)) for name, _label in TEXT_FIELDS}
        texts["add_person"] = self._value("add-person")
        return texts

    def unsent_fields(self) -> list[RecoveredField]:
        """The text fields changed since they were filled in, unless a save is under way."""
        from tui.recovery import RecoveredField

        if self.saving or not self._as_shown:
            return []
        texts = self._texts()
        labels = (*TEXT_FIELDS, ("add_person", "setup_add_person"))
        text = joined(
            [
                (short_label(tx(label)), texts[name])
                for name, label in labels
                if texts[name] != self._as_shown.get(name)
            ]
        )
        if not text:
            return []
        place = tx("setup_edit_title") if self.editing else tx("setup_title")
        return [RecoveredField(place, text, self.meeting_id or "")]

    def read_form(self) -> tuple[MeetingForm | None, dict[str, str]]:
        """The checked form, or the problems per field id."""
        return check_setup(self.typed())

    def show_problems(self, problems: dict[str, str]) -> None:
        for field_id in FIELDS:
            for error in self.query(f"#{field_id}-error").results(Static):
                error.update(problems.get(field_id, ""))
                error.set_class(field_id in problems, "-shown")
        form_error = self.query_one("#form-error", Static)
        form_error.update(tx("err_form") if problems else "")
        form_error.set_class(bool(problems), "-shown")
        first = next((field_id for field_id in FIELDS if field_id in problems), None)
        if first is not None:
            self.query_one(f"#{first}").focus()

    def action_save(self) -> None:
        if self.saving or self.choices is None:
            return
        form, problems = self.read_form()
        self.show_problems(problems)
        if form is None:
            return
        self.saving = True
        from models.errors import GuideLocked
        from models.meetings import create_meeting, update_meeting

        db, meeting_id, author = self.db, self.meeting_id, self.author

        def write() -> str:
            if meeting_id is None:
                return create_meeting(db, form, author)
            return update_meeting(db, meeting_id, form)

        def failed(error: Exception) -> None:
            field_id = "guide" if isinstance(error, GuideLocked) else "form"
            self.post_message(self.Failed(failure_text(error), field_id))

        self.writer.submit(
            write,
            on_done=lambda saved_id: self.post_message(self.Created(saved_id)),
            on_error=failed,
        )

    def on_meeting_setup_screen_created(self, message: Created) -> None:
        self.dismiss(message.meeting_id)

    def on_meeting_setup_screen_failed(self, message: Failed) -> None:
        self.saving = False
        if message.field_id == "load":  # the meeting is gone (deleted or merged away)
            self.notify(message.detail, severity="error", timeout=10, markup=False)
            self.dismiss(None)
            return
        if message.field_id != "form":
            self.show_problems({message.field_id: message.detail})
            return
        form_error = self.query_one("#form-error", Static)
        form_error.update(Text(message.detail))  # plain: a failure line is never markup
        form_error.add_class("-shown")

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_import_attendance(self) -> None:
        from tui.screens.attendance_import import import_attendance_into

        import_attendance_into(self)
