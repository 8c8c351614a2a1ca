"""One meeting's answer to one question: choices in words, every note-taker's notes, services."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from exports.document import Block, Paragraph, Table
from exports.people import EMAIL_LEFT_OUT, PeopleFilter
from exports.safe import clean
from exports.text import label
from models.errors import GuideError
from models.guides import Guide, Question, find_guide
from models.meeting_records import ContactRow, MeetingRecords

if TYPE_CHECKING:  # the report reads plain rows of the same fields (models/read_report.py)
    from models.tables import Answer, Meeting, Note

Tidy = Callable[[str], str]


def guide_of(meeting: Meeting) -> Guide | None:
    """The guide the meeting was held with, or None when it is not installed here."""
    if not meeting.guide_key:
        return None
    try:
        return find_guide(meeting.guide_key, meeting.guide_version or None)
    except GuideError:
        return None


@dataclass(frozen=True)
class QuestionAnswer:
    choices: tuple[str, ...]
    other: str
    state: str  # «hoppet over» / «ikke relevant», only when nothing else was recorded
    notes: tuple[tuple[str, str], ...]  # (author mark, text); the mark is empty for a lone author
    services: tuple[str, ...]
    followups: bool
    # (name, role, organisation, e-mail, phone) of each contact under a `people` question
    contacts: tuple[tuple[str, str, str, str, str], ...] = ()

    @property
    def empty(self) -> bool:
        return not (
            self.choices
            or self.other
            or self.state
            or self.notes
            or self.services
            or self.followups
            or self.contacts
        )


def answer_of(
    question: Question | None,
    answers: list[Answer],
    notes: list[Note],
    services: list[str],
    has_followups: bool,
    marks: dict[str, str],
    tidy: Tidy,
    contacts: tuple[tuple[str, str, str, str, str], ...] = (),
) -> QuestionAnswer:
    """Merge every author's answer and notes on one question of one meeting."""
    chosen = {choice for answer in answers for choice in answer.choices}
    order = list(question.choices) if question else []
    choices = [choice for choice in order if choice in chosen]
    choices += sorted(chosen - set(order))
    others = list(dict.fromkeys(a.other_text.strip() for a in answers if a.other_text.strip()))
    authors = {note.author for note in notes}
    merged = tuple(
        (tidy(marks.get(note.author, "")) if len(authors) > 1 else "", tidy(note.text.strip()))
        for note in notes
    )
    followups = has_followups and question is not None and question.kind == "followups"
    states = [answer.state for answer in answers if answer.state]
    answer = QuestionAnswer(
        choices=tuple(tidy(choice) for choice in choices),
        other=tidy("; ".join(others)),
        state="",
        notes=merged,
        services=tuple(services),
        followups=followups,
        contacts=contacts,
    )
    if answer.empty and states:
        return QuestionAnswer((), "", states[0], (), (), False)
    return answer


class MeetingAnswers:
    """One meeting's notes, answers and service mentions, grouped by question key."""

    def __init__(self, records: MeetingRecords, meeting: Meeting, people: PeopleFilter) -> None:
        self.people = people
        self.notes: dict[str, list[Note]] = defaultdict(list)
        for note in records.notes.get(meeting.id, []):
            self.notes[note.question_key].append(note)
        self.answers: dict[str, list[Answer]] = defaultdict(list)
        for answer in records.answers.get(meeting.id, []):
            self.answers[answer.question_key].append(answer)
        self.services: dict[str, list[str]] = defaultdict(list)
        for mention in records.mentions.get(meeting.id, []):
            service = records.services.get(mention.service_id)
            named = self.services[mention.question_key]
            if service is not None and self.tidy(service.name) not in named:
                named.append(self.tidy(service.name))
        self.marks = people.marks({n.author for group in self.notes.values() for n in group})
        self.has_followups = bool(records.followups.get(meeting.id))
        self.contacts: dict[str, list[tuple[str, str, str, str, str]]] = defaultdict(list)
        if people.lists_people:  # «--uten-deltakere» leaves every list of people out
            for row in records.contacts.get(meeting.id, []):
                self.contacts[row.question_key].append(self.contact_cells(row))

    def tidy(self, value: str) -> str:
        return self.people.scrub(clean(value))

    def contact_cells(self, row: ContactRow) -> tuple[str, str, str, str, str]:
        """A contact's cells; with names hidden the name is a label and the address is gone."""
        email, phone = clean(row.email), clean(row.phone)
        if not self.people.shows_names:
            email = EMAIL_LEFT_OUT if email else ""
            phone = label("phone_left_out") if phone else ""
        return (
            self.people.name(row.name),
            self.tidy(row.role),
            clean(row.organisation),
            email,
            phone,
        )

    def keys(self) -> set[str]:
        """Every question key something was recorded under."""
        recorded = set(self.notes) | set(self.answers) | set(self.contacts)
        return recorded | (set(self.services) - {""})

    def answer(self, question: Question | None, key: str) -> QuestionAnswer:
        return answer_of(
            question,
            self.answers.get(key, []),
            self.notes.get(key, []),
            self.services.get(key, []),
            self.has_followups,
            self.marks,
            self.tidy,
            tuple(self.contacts.get(key, ())),
        )


def _state_text(state: str) -> str:
    return label("not_relevant") if state == "ikke relevant" else label("skipped")


def answer_paragraphs(answer: QuestionAnswer) -> list[Paragraph]:
    """The answer as paragraphs under its question in the minutes."""
    if answer.state:
        return [Paragraph(_state_text(answer.state), "muted")]
    paragraphs = []
    if answer.choices:
        paragraphs.append(Paragraph(", ".join(answer.choices) + ".", lead=label("answer") + ": "))
    if answer.other:
        paragraphs.append(Paragraph(answer.other, lead=label("other") + ": "))
    if answer.services:
        paragraphs.append(Paragraph(label("services_mentioned", names=", ".join(answer.services))))
    for mark, text in answer.notes:
        lines = text.split("\n")
        paragraphs.append(Paragraph(lines[0], lead=f"{mark}: " if mark else ""))
        paragraphs.extend(Paragraph(line) for line in lines[1:] if line.strip())
    if answer.followups:
        paragraphs.append(Paragraph(label("see_followups"), "muted"))
    return paragraphs


CONTACT_COLUMNS = ("contact_name", "contact_role", "organisation", "contact_email", "contact_phone")


def contacts_table(answer: QuestionAnswer) -> list[Block]:
    """The contacts of a `people` question as a table (none when it has none)."""
    if not answer.contacts:
        return []
    header = tuple(label(key) for key in CONTACT_COLUMNS)
    # The phone column holds «+47 912 34 567» on one line.
    return [Table(header, answer.contacts, (21, 20, 17, 23, 19), compact=True)]


def answer_cell(answer: QuestionAnswer) -> str:
    """The answer as the text of one table cell in the report."""
    if answer.state:
        return f"({answer.state})"
    lines = []
    if answer.choices:
        lines.append(", ".join(answer.choices))
    if answer.other:
        lines.append(f"{label('other')}: {answer.other}")
    if answer.services:
        lines.append(", ".join(answer.services))
    lines.extend(f"{mark}: {text}" if mark else text for mark, text in answer.notes)
    lines.extend(", ".join(cell for cell in contact if cell) for contact in answer.contacts)
    return "\n".join(lines)
