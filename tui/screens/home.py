"""Home: the journeys and their meetings, with keys for a new journey, a new meeting and who I am."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, OptionList, Static
from textual.widgets.option_list import Option

from tui import bindings
from tui.messages import AskAuthor, EditMeeting, LoadDemo, NewJourney, NewMeeting, OpenMeeting
from tui.screens.laid_out import LaidOutOnce
from tui.text import tx
from tui.widgets.kept_lines import KeptLinesOptionList
from tui.widgets.quiet_footer import QuietFooter

if TYPE_CHECKING:
    from models.storage import Database
    from tui.home_data import HomeData, HomeMeeting

ALL_JOURNEYS = "*"
GUIDE_WIDTH = 20
GUIDE_FROM_WIDTH = 95  # the meetings pane's width from which the guide column fits


def norwegian_date(iso: str) -> str:
    """2026-11-04 as 04.11.2026, the way the users write dates."""
    year, _, rest = iso.partition("-")
    month, _, day = rest.partition("-")
    return f"{day}.{month}.{year}" if day else iso


def text_widths(pane: int, organisations: int) -> tuple[int, int]:
    """Room for the title and organisation columns: the organisations first, uncut where they
    fit, the title whatever is left (0: no title column)."""
    # date and time 16, answered 7, follow-ups 5, two cells of padding per column, a scrollbar
    free = max(pane - 16 - 7 - 5 - 5 * 2 - 2, 16)
    orgs = min(organisations, free)
    title = free - orgs
    return (title if title >= MIN_TITLE else 0), (free if title < MIN_TITLE else orgs)


MIN_TITLE = 12
NARROW_BELOW = 90  # a narrower screen gives the journeys pane less room (app.tcss: -narrow)
JOURNEYS_WIDTH, JOURNEYS_NARROW = 26, 17  # the journeys pane's widths in app.tcss


def meeting_when(meeting: HomeMeeting) -> str:
    """«04.11.2026 10:00», so that two meetings on one day are told apart."""
    return f"{norwegian_date(meeting.date)} {meeting.start_time}".strip()


def clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class MeetingsPane(Vertical):
    """The meetings pane: home fills its table again when the pane's width changes.

    The screen's own Resize is not enough: its `-narrow` class changes the pane's width in a
    later layout, and beneath a dialog the table was filled from the layout before that (cut
    off, or too narrow, until the dialog closed).
    """

    def on_resize(self) -> None:
        screen = self.screen
        if isinstance(screen, HomeScreen):
            screen.pane_resized()


class HomeScreen(LaidOutOnce, Screen[None]):
    """Painted at once with «Åpner databasen …»; filled when the app's loader has the data.

    The app's first screen, made before the database is open: the app hands it the database
    (`opened`) and the author (`set_author`) as they become known.
    """

    BINDINGS = bindings.HOME
    _problem = ""  # why the database could not be opened, kept while composed `later`
    _covered = False  # another screen was shown above it
    _composing = False  # composed `later`, and being composed now

    def __init__(
        self,
        db: Database | None = None,
        author: str = "",
        data: HomeData | None = None,
        *,
        later: bool = False,
    ) -> None:
        super().__init__()
        self.db = db
        self.author = author
        self.data: HomeData | None = None
        self._first_data = data  # read as the app started: shown in the first frame
        # Beneath `--meeting`'s meeting: composed only when it is to be seen (`compose_now`),
        # not before the meeting's first frame. Until then what it is given is kept.
        self._later = later
        if data is not None and data.meetings:
            # The table has the focus from the start: moved to it after the first frame, it
            # cost a restyle and a second paint of both lists.
            self.AUTO_FOCUS = "#meetings"
        self.loaded = False
        self.synced = ""
        # The pane's width and the journey the table was last filled for (-1: not yet).
        self._filled_for: tuple[int, str | None] = (-1, None)

    def opened(self, db: Database, author: str) -> None:
        """The database is open: read the lists from it."""
        self.db, self.author = db, author
        self.reload()

    def set_author(self, author: str) -> None:
        self.author = author
        self.show_author()

    def compose(self) -> ComposeResult:
        if self._later and not self._composing:
            return
        yield Header()
        with Horizontal(id="home-body"):
            with Vertical(id="home-journeys"):
                yield Static(tx("home_journeys"), classes="pane-title")
                yield KeptLinesOptionList(id="journeys")
            with MeetingsPane(id="home-meetings"):
                yield Static(tx("home_meetings"), classes="pane-title")
                yield Static(tx("loading"), id="home-message")
                yield DataTable(id="meetings", cursor_type="row", zebra_stripes=True)
        yield Static("", id="home-author")
        # Painted first (not under `--meeting`'s meeting): the keys at once, as the table's
        # keys are hidden and none change with its focus.
        yield QuietFooter(keys_at_once=self._first_data is not None)

    def on_mount(self) -> None:
        if not self._later:
            self._set_up()

    def compose_now(self) -> None:
        """Compose home if it waited beneath the meeting (`later`), with what it was given."""
        if self._later and not self._composing:
            self._composing = True
            self.call_later(self._compose_late)

    async def _compose_late(self) -> None:
        """Until its widgets are mounted, home keeps what it is given (`later` holds)."""
        self._composing = True
        await self.recompose()
        self._later = self._composing = False
        self._set_up()

    def _set_up(self) -> None:
        self.query_one("#meetings", DataTable).display = False
        self.set_class(self.app.size.width < NARROW_BELOW, "-narrow")
        data, self._first_data = self._first_data, None
        if data is not None:
            self.show_data(data)
        if self._problem:  # said while home waited beneath the meeting
            self.show_problem(self._problem)
        self.reload()

    def _set_columns(self, with_guide: bool, with_title: bool) -> None:
        """The table's columns; the guide and the title only where there is room for them."""
        table = self.query_one("#meetings", DataTable)
        shown = ("guide" in table.columns, "title" in table.columns)
        if table.columns and shown == (with_guide, with_title):
            return
        table.clear(columns=True)
        # Labels and cells as Text: a str is read as markup, and the first markup read imports
        # rich's table of emoji codes (milliseconds of home's first frame).
        table.add_column(Text(tx("col_date")), key="date")
        if with_title:
            table.add_column(Text(tx("col_meeting")), key="title")
        table.add_column(Text(tx("col_orgs")), key="orgs")
        if with_guide:
            table.add_column(Text(tx("col_guide")), key="guide")
        table.add_column(Text(tx("col_answered")), key="answered")
        table.add_column(Text(tx("col_followups")), key="followups")

    def on_resize(self) -> None:
        if self._later:
            return
        self.set_class(self.size.width < NARROW_BELOW, "-narrow")
        self.call_after_refresh(self._refill_if_changed)

    def pane_resized(self) -> None:
        # After the refresh, as for the screen's own Resize: filled in the Resize itself, the
        # table's measured columns were never painted in a real terminal (drawn squeezed).
        if not self._later:
            self.call_after_refresh(self._refill_if_changed)

    def _refill_if_changed(self) -> None:
        """Fill the table again only if the pane's width or the journey chosen has changed:
        the first layout and the journey highlighted by `show_data` leave both as they were."""
        if (self._pane_width(), self.selected_journey()) != self._filled_for:
            self._fill_table()

    def _pane_width(self) -> int:
        """The meetings pane's width; before the first layout, what it will be (app.tcss)."""
        width = self.query_one("#home-meetings").size.width
        if width:
            return width
        screen = self.size.width or self.app.size.width
        return max(screen - (JOURNEYS_NARROW if screen < NARROW_BELOW else JOURNEYS_WIDTH), 0) or 70

    def on_screen_suspend(self) -> None:
        self._covered = True

    async def on_screen_resume(self) -> None:
        if self._later and self._covered:  # the meeting above it was left: home is seen now
            await self._compose_late()  # which reads the lists anew
        elif self.loaded:
            self.reload()

    def reload(self) -> None:
        if self.db is not None:
            self._load(self.db)

    @work(thread=True, exclusive=True, group="home")
    def _load(self, db: Database) -> None:
        from tui.home_data import load_home  # plain sqlite3: no ORM needed to read the lists

        data = load_home(db)
        from tui.hub_sync import synced_text

        self.synced = synced_text(db.path)
        self.app.call_from_thread(self.show_data, data)

    def show_data(self, data: HomeData) -> None:
        self.data = data
        if self._later:  # shown when home is composed
            self._first_data, self.loaded = data, True
            return
        journeys = self.query_one("#journeys", OptionList)
        chosen = self.selected_journey()
        journeys.clear_options()
        journeys.add_option(Option(tx("home_all_journeys"), id=ALL_JOURNEYS))
        for journey in data.journeys:
            journeys.add_option(Option(f"{journey.name} ({journey.meetings})", id=journey.id))
        ids = [ALL_JOURNEYS, *(journey.id for journey in data.journeys)]
        journeys.highlighted = ids.index(chosen) if chosen in ids else 0
        self._fill_table()
        self.show_author()
        self.loaded = True

    def show_problem(self, text: str) -> None:
        if self._later:
            self._problem = text
            return
        message = self.query_one("#home-message", Static)
        message.update(Text(text))
        message.add_class("-error")

    def show_author(self) -> None:
        if self._later:
            return  # shown when home is composed
        author = self.author
        text = tx("home_author", author=author) if author else tx("home_author_none")
        if self.synced:  # «Sist synkronisert …» once the laptop has synced with a hub
            text = f"{text}  ·  {self.synced}"
        self.query_one("#home-author", Static).update(Text(text))

    def selected_journey(self) -> str | None:
        """The highlighted journey's id, or None for all journeys."""
        if self._later:
            return None
        journeys = self.query_one("#journeys", OptionList)
        if journeys.highlighted is None or journeys.option_count == 0:
            return None
        option_id = journeys.get_option_at_index(journeys.highlighted).id
        return None if option_id == ALL_JOURNEYS else option_id

    def _fill_table(self) -> None:
        if self.data is None:
            return
        table = self.query_one("#meetings", DataTable)
        message = self.query_one("#home-message", Static)
        journey_id = self.selected_journey()
        meetings = [m for m in self.data.meetings if journey_id in (None, m.journey_id)]
        current = self.selected_meeting()
        pane = self._pane_width()
        self._filled_for = (pane, journey_id)
        with_guide = pane >= GUIDE_FROM_WIDTH
        room = pane - (GUIDE_WIDTH + 2 if with_guide else 0)
        # Each meeting's full organisation names where they fit, else the short names.
        free = text_widths(room, 10**6)[1]
        shortest = max((len(m.short_organisations) for m in meetings), default=0)
        # Leave the title its minimum where the short names fit beside it.
        cap = free - MIN_TITLE if free - MIN_TITLE >= shortest else free

        def shown(meeting: HomeMeeting, width: int) -> str:
            full = meeting.organisations
            return full if len(full) <= width else meeting.short_organisations

        wanted = max((len(shown(m, cap)) for m in meetings), default=0)
        title_width, orgs_width = text_widths(room, wanted)
        self._set_columns(with_guide, title_width > 0)
        table.clear()
        for meeting in meetings:
            organisations = shown(meeting, orgs_width)
            cells = [
                Text(meeting_when(meeting)),
                Text(clip(meeting.title, title_width)),
                Text(clip(organisations, orgs_width)),
                Text(clip(meeting.guide, GUIDE_WIDTH)),
                Text(f"{meeting.answered}/{meeting.questions}"),
                Text(str(meeting.open_followups)),
            ]
            if not with_guide:
                del cells[3]
            if not title_width:
                del cells[1]
            table.add_row(*cells, key=meeting.id)
        table.display = bool(meetings)
        if message.has_class("-error"):  # a problem opening the database stays in sight
            message.display = True
        else:
            message.display = not meetings
            message.update(tx("home_empty") if self.data.empty else tx("home_no_meetings"))
        if current and current in {m.id for m in meetings}:
            table.move_cursor(row=table.get_row_index(current))
        if meetings and (not self.loaded or not isinstance(self.focused, OptionList)):
            table.focus()

    @on(OptionList.OptionHighlighted, "#journeys")
    def journey_changed(self) -> None:
        self._refill_if_changed()

    @on(OptionList.OptionSelected, "#journeys")
    def journey_chosen(self) -> None:
        self.query_one("#meetings", DataTable).focus()

    def selected_meeting(self) -> str | None:
        if self._later:
            return None
        table = self.query_one("#meetings", DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    @on(DataTable.RowSelected, "#meetings")
    def row_chosen(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.post_message(OpenMeeting(event.row_key.value))

    def action_open_meeting(self) -> None:
        meeting_id = self.selected_meeting()
        if meeting_id is None:
            self.notify(tx("no_meeting_selected"), severity="warning")
            return
        self.post_message(OpenMeeting(meeting_id))

    def action_edit_meeting(self) -> None:
        meeting_id = self.selected_meeting()
        if meeting_id is None:
            self.notify(tx("no_meeting_selected"), severity="warning")
            return
        self.post_message(EditMeeting(meeting_id))

    def action_new_meeting(self) -> None:
        self.post_message(NewMeeting(self.selected_journey()))

    def action_new_journey(self) -> None:
        self.post_message(NewJourney())

    def action_author(self) -> None:
        self.post_message(AskAuthor())

    def action_demo(self) -> None:
        self.post_message(LoadDemo())
