"""«Spørsmål på tvers»: one question's answers from every meeting of a journey, side by side."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Grid, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tui import bindings
from tui.text import tx

if TYPE_CHECKING:
    from exports.answers import MeetingAnswers, QuestionAnswer
    from models.guides import Guide, Question
    from models.storage import Database

CARD_WIDTH = 42  # a card's smallest comfortable width; as many side by side as fit


@dataclass(frozen=True)
class AcrossMeeting:
    meeting_id: str
    heading: str  # organisations · date
    answers: MeetingAnswers


@dataclass(frozen=True)
class AcrossData:
    journey: str
    guide: Guide
    meetings: tuple[AcrossMeeting, ...]


def load_across(db: Database, meeting_id: str) -> AcrossData:
    """Every meeting of `meeting_id`'s journey that follows the same guide, by date."""
    from exports.answers import MeetingAnswers
    from exports.people import PeopleFilter
    from models.content_queries import load_meeting_records
    from models.guides import find_guide
    from models.tables import Journey, Meeting
    from tui.screens.home import norwegian_date

    with db.session() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        journey = session.get(Journey, meeting.journey_id)
        guide = find_guide(meeting.guide_key or "mobile-tjenester", meeting.guide_version or None)
        records = load_meeting_records(session, journey_id=meeting.journey_id)
    people = PeopleFilter("alle", [])
    shown = []
    for other in records.meetings:
        if (other.guide_key or "mobile-tjenester") != guide.key:
            continue  # another guide's question keys mean other questions
        organisations = records.meeting_organisations.get(other.id, [])
        names = ", ".join(org.short_name or org.name for org in organisations) or other.title
        date = norwegian_date(other.date.isoformat()) if other.date else ""
        heading = " · ".join(part for part in (names, date) if part)
        shown.append(AcrossMeeting(other.id, heading, MeetingAnswers(records, other, people)))
    return AcrossData(journey.name if journey else "", guide, tuple(shown))


def answer_text(answer: QuestionAnswer) -> Text:
    """One meeting's answer as plain text (never markup): choices, «annet», services, notes."""
    text = Text()
    if answer.state:
        text.append(f"({answer.state})", style="dim")
        return text
    if answer.empty:
        text.append(tx("across_no_answer"), style="dim")
        return text
    lines: list[tuple[str, str]] = []
    if answer.choices:
        lines.append((", ".join(answer.choices), "bold"))
    if answer.other:
        lines.append((tx("across_other", text=answer.other), ""))
    if answer.services:
        lines.append((tx("across_services", names=", ".join(answer.services)), ""))
    for mark, note in answer.notes:
        lines.append((f"{mark}: {note}" if mark else note, ""))
    if answer.followups:
        lines.append((tx("across_followups"), "dim"))
    for index, (line, style) in enumerate(lines):
        if index:
            text.append("\n")
        text.append(line, style=style)
    return text


class AcrossScreen(Screen[None]):
    """The cards of one question; PgUp/PgDn moves to the guide's previous or next question."""

    CSS_PATH = Path(__file__).parent.parent / "styles" / "across.tcss"

    BINDINGS = bindings.ACROSS

    def __init__(self, db: Database, meeting_id: str, question_key: str | None = None) -> None:
        super().__init__()
        self.db = db
        self.meeting_id = meeting_id
        self.question_key = question_key
        self.data: AcrossData | None = None
        self.questions: list[Question] = []
        self.index = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(tx("loading"), id="across-question")
        yield Static("", id="across-status")
        with VerticalScroll(id="across-scroll"):
            yield Grid(id="across-cards")
        yield Footer()

    def on_mount(self) -> None:
        self.title = tx("across_title")
        self._load()

    @work(thread=True, exclusive=True, group="across", exit_on_error=False)
    def _load(self) -> None:
        from models.errors import InnsiktError

        try:
            data = load_across(self.db, self.meeting_id)
        except InnsiktError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        self.app.call_from_thread(self._loaded, data)

    def _loaded(self, data: AcrossData) -> None:
        self.data = data
        self.questions = data.guide.questions()
        keys = [question.key for question in self.questions]
        self.index = keys.index(self.question_key) if self.question_key in keys else 0
        self._show()

    def on_resize(self) -> None:
        grid = self.query_one("#across-cards", Grid)
        grid.styles.grid_size_columns = max(1, (self.size.width - 2) // CARD_WIDTH)

    def _show(self) -> None:
        data = self.data
        if data is None:
            return
        cards = self.query_one("#across-cards", Grid)
        cards.remove_children()
        if not self.questions:
            self.query_one("#across-question", Static).update(tx("across_no_guide"))
            return
        question = self.questions[self.index]
        section = data.guide.section_of(question.key)
        heading = Text(
            tx("across_question", question=question.key, section=section.title if section else ""),
            style="dim",
        )
        heading.append("\n")
        heading.append(question.text, style="bold")
        self.query_one("#across-question", Static).update(heading)
        answered = 0
        widgets = []
        for meeting in data.meetings:
            answer = meeting.answers.answer(question, question.key)
            answered += not answer.empty
            card = Static(answer_text(answer), classes="across-card")
            card.border_title = Text(meeting.heading)  # a name is never markup
            widgets.append(card)
        cards.mount_all(widgets)
        self.query_one("#across-status", Static).update(
            Text(
                tx(
                    "across_count",
                    answered=answered,
                    meetings=len(data.meetings),
                    journey=data.journey,
                )
            )
        )
        self.query_one("#across-scroll", VerticalScroll).scroll_home(animate=False)

    def action_next_question(self) -> None:
        if self.index + 1 < len(self.questions):
            self.index += 1
            self._show()

    def action_previous_question(self) -> None:
        if self.index > 0:
            self.index -= 1
            self._show()

    def action_back(self) -> None:
        self.dismiss(None)
