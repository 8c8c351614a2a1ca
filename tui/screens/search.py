"""The search screen: type, see the best hits with the match marked, Enter goes to the hit."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from tui import bindings
from tui.text import tx
from tui.widgets.text_field import TextField

if TYPE_CHECKING:
    from models.search import Hit
    from models.storage import Database
    from tui.app import InnsiktApp

DEBOUNCE_SECONDS = 0.15  # a pause in typing, short enough to feel live
LIMIT = 50


def hit_text(hit: Hit) -> Text:
    """Two lines: what and where (dim), then the snippet with each match marked.

    Built from plain strings, never markup: a note holding «[bold]» shows as typed.
    """
    # The organisation says which meeting it was; the title («Innsiktsmøte med …») repeats it.
    facts = [tx(f"search_kind_{hit.kind}"), hit.organisation or hit.meeting_title]
    if hit.meeting_date:
        from tui.screens.home import norwegian_date

        facts.insert(1, norwegian_date(hit.meeting_date))
    if hit.question_key:
        facts.append(tx("search_question", question=hit.question_key))
    if hit.author:
        facts.append(hit.author)
    text = Text(" · ".join(fact for fact in facts if fact), style="dim", no_wrap=True)
    text.append("\n")
    for segment in hit.segments:
        text.append(segment.text, style="bold reverse" if segment.matched else "")
    return text


class SearchScreen(Screen["Hit | None"]):
    """Search every note, answer, service and follow-up; results follow the typing.

    Dismissed with the chosen hit; `go_to_hit` takes the user there.
    """

    CSS_PATH = Path(__file__).parent.parent / "styles" / "search.tcss"

    BINDINGS = bindings.SEARCH

    def __init__(self, db: Database, query: str = "") -> None:
        super().__init__()
        self.db = db
        self.initial = query
        self.hits: list[Hit] = []
        self._timer: Timer | None = None
        self.searched = ""  # the query whose hits are shown

    @property
    def innsikt(self) -> InnsiktApp:
        return cast("InnsiktApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        yield TextField(self.initial, placeholder=tx("search_placeholder"), id="search-input")
        yield Static(tx("search_hint"), id="search-status")
        yield OptionList(id="search-hits")
        yield Footer()

    def on_mount(self) -> None:
        self.title = tx("search_title")
        self.query_one(Input).focus()
        if self.initial:
            self.run_search(self.initial)

    # --- searching ------------------------------------------------------------------------

    @on(Input.Changed, "#search-input")
    def _typed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        query = event.value
        self._timer = self.set_timer(DEBOUNCE_SECONDS, lambda: self.run_search(query))

    def run_search(self, query: str) -> None:
        self._search(query)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, query: str) -> None:
        from models.search import search, terms_of

        if not terms_of(query):
            hits: list[Hit] = []
        else:
            from models.read import reading

            with reading(self.db.path) as connection:  # its own connection: never the writer's
                hits = search(connection, query, limit=LIMIT)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, query, hits)

    def _show(self, query: str, hits: list[Hit]) -> None:
        from models.search import terms_of

        self.hits, self.searched = hits, query
        option_list = self.query_one(OptionList)
        option_list.clear_options()
        option_list.add_options(
            Option(hit_text(hit), id=str(index)) for index, hit in enumerate(hits)
        )
        if hits:
            option_list.highlighted = 0
        status = self.query_one("#search-status", Static)
        if not terms_of(query):
            status.update(tx("search_hint"))
        elif not hits:
            status.update(Text(tx("search_none", query=query.strip()[:60])))
        else:
            many = len(hits) >= LIMIT
            status.update(tx("search_many" if many else "search_count", count=len(hits)))

    # --- moving and choosing --------------------------------------------------------------

    def action_move(self, step: int) -> None:
        """Up and down move through the hits while the cursor stays in the search field."""
        option_list = self.query_one(OptionList)
        if not self.hits:
            return
        current = option_list.highlighted or 0
        option_list.highlighted = max(0, min(len(self.hits) - 1, current + step))

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value != self.searched:  # Enter right after typing: search first
            if self._timer is not None:
                self._timer.stop()
            self.run_search(event.value)
            return
        self.action_open()

    @on(OptionList.OptionSelected, "#search-hits")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        highlighted = self.query_one(OptionList).highlighted
        if self.hits and highlighted is not None:
            self.dismiss(self.hits[highlighted])

    def action_back(self) -> None:
        self.dismiss(None)


def go_to_hit(app: InnsiktApp, hit: Hit) -> None:
    """Show what `hit` found: the service's form, or the meeting at the hit's question."""
    if app.db is None:
        return
    if hit.kind == "service":
        from tui.screens.service_form import ServiceFormScreen

        app.push_screen(ServiceFormScreen(app.db, service_id=hit.id))
        return
    if hit.kind == "finding":
        app.open_findings()  # a journey's «Hovedfunn» (tui/screens/findings.py)
        return
    if hit.meeting_id is None:
        return
    from tui.screens.capture import CaptureScreen

    capture = app.screen
    if isinstance(capture, CaptureScreen) and capture.data.meeting_id == hit.meeting_id:
        keys = [question.key for question in capture.questions]
        key = hit.question_key or None
        if hit.kind == "followup":
            key = next((q.key for q in capture.questions if q.kind == "followups"), None)
        if key in keys:
            index = keys.index(key)

            async def jump() -> None:
                from tui.widgets.notes_editor import NotesEditor

                await capture.go_to(index)
                capture.query_one(NotesEditor).focus()

            app.call_later(jump)
        return
    app.action_home()  # a capture screen underneath saves its note as it closes
    if hit.kind == "followup" and app.author:
        _open_at_followups(app, hit.meeting_id)
    else:
        app.open_meeting(hit.meeting_id, hit.question_key or None)


def _open_at_followups(app: InnsiktApp, meeting_id: str) -> None:
    """Open the meeting at its guide's follow-up question (known once the meeting is loaded)."""
    from tui.store import load_capture

    db = app.db
    assert db is not None

    def load() -> tuple[object, str | None]:
        capture = load_capture(db, meeting_id)
        questions = capture.guide.questions()
        return capture, next((q.key for q in questions if q.kind == "followups"), None)

    app.writer.submit(
        load,
        on_done=lambda loaded: app.post_message(app.CaptureLoaded(*loaded)),
        on_error=lambda error: app.post_message(app.Problem(str(error))),
    )
