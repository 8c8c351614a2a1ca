"""What the minutes (referat) of one meeting say, as a `Document` for Word and Markdown."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from exports.answers import (
    MeetingAnswers,
    QuestionAnswer,
    answer_paragraphs,
    contacts_table,
    guide_of,
)
from exports.document import Block, Document, Landscape, Paragraph, Properties
from exports.minutes_header import header_rows, place_text, running_header, time_span  # noqa: F401  (the agenda uses them)
from exports.people import Participants, PeopleFilter, people_filter_for
from exports.safe import clean
from exports.service_fields import criticality, nodnett, owner_short_name, service_order, users
from exports.service_fields import joined as join_values
from exports.text import label, short_date
from models.guides import Guide, Section
from models.meeting_records import MeetingRecords
from models.roles import Role
from models.text import t

if TYPE_CHECKING:
    import sqlite3

    from models.storage import Database
    from models.tables import Meeting

# A line of a note or referat that states a conclusion: «Avklart: …» (also «- Avklart: …»).
_CLEARED = re.compile(r"^\s*[-–•*]?\s*avklart\s*:\s*(.+)$", re.IGNORECASE)


def cleared_lines(texts: list[str]) -> list[str]:
    """The «Avklart:» lines of `texts`, without the marker, each once."""
    found = []
    for text in texts:
        for line in text.split("\n"):
            match = _CLEARED.match(line)
            if match and match.group(1).strip():
                found.append(match.group(1).strip())
    return list(dict.fromkeys(found))


class _MinutesBuilder:
    def __init__(
        self,
        records: MeetingRecords,
        meeting: Meeting,
        people: PeopleFilter,
        with_skipped: bool,
    ) -> None:
        self.records = records
        self.meeting = meeting
        self.people = people
        self.with_skipped = with_skipped
        self.recorded = MeetingAnswers(records, meeting, people)
        self.texts: dict[tuple[str, str], str] = {
            (r.kind, r.question_key): r.text.strip()
            for r in records.referat.get(meeting.id, [])
            if r.text.strip()
        }
        self.skipped: list[str] = []
        self.marked_authors: set[str] = set()

    def tidy(self, value: str) -> str:
        return self.people.scrub(clean(value))

    def question_paragraphs(self, key: str, answer: QuestionAnswer) -> list[Block]:
        referat = self.texts.get(("tekst", key))
        if referat is not None:
            # The consolidated text replaces the notes; choices, services, contacts still show.
            shown = QuestionAnswer(
                answer.choices, answer.other, "", (), answer.services, answer.followups
            )
            paragraphs: list[Block] = [*answer_paragraphs(shown)]
            paragraphs += [Paragraph(self.tidy(line)) for line in referat.split("\n") if line]
            return paragraphs + contacts_table(answer)
        if any(mark for mark, _ in answer.notes):
            self.marked_authors.update(
                note.author for note in self.recorded.notes.get(key, []) if note.text.strip()
            )
        return [*answer_paragraphs(answer), *contacts_table(answer)]

    def conclusion(self, section: Section) -> list[str]:
        typed = self.texts.get(("konklusjon", section.key))
        if typed:
            return [self.tidy(line) for line in typed.split("\n") if line.strip()]
        texts = [
            note.text for q in section.questions for note in self.recorded.notes.get(q.key, [])
        ]
        texts += [self.texts.get(("tekst", q.key), "") for q in section.questions]
        return [self.tidy(line) for line in cleared_lines(texts)]

    def sections(self, document: Document, guide: Guide | None) -> None:
        sections = guide.sections if guide else ()
        known = {q.key for section in sections for q in section.questions}
        for section in sections:
            written = []
            for question in section.questions:
                answer = self.recorded.answer(question, question.key)
                if answer.empty and ("tekst", question.key) not in self.texts:
                    continue
                if answer.state and not self.with_skipped:
                    self.skipped.append(f"{question.key} {clean(question.text)}")
                    continue
                written.append((question, answer))
            conclusion = self.conclusion(section)
            if not written and not conclusion:
                continue
            document.heading(f"{section.key}. {clean(section.title)}", 1)
            for question, answer in written:
                document.heading(f"{question.key} {clean(question.text)}", 2)
                document.blocks.extend(self.question_paragraphs(question.key, answer))
            if conclusion:
                document.heading(label("conclusion_heading"), 3)
                for line in conclusion:
                    document.paragraph(line, "bullet")
        # Notes on questions the guide does not have (a guide that changed, or is not installed).
        leftovers = [
            (key, self.recorded.answer(None, key)) for key in sorted(self.recorded.keys() - known)
        ]
        leftovers = [(key, answer) for key, answer in leftovers if not answer.empty]
        if leftovers:
            document.heading(label("other_notes"), 1)
        for key, answer in leftovers:
            if key:
                document.heading(clean(key), 2)
            document.blocks.extend(self.question_paragraphs(key, answer))

    def legend(self) -> Paragraph | None:
        """«Notatene er skrevet av KN = Kari Nordmann, OH = Ola Hansen.» — once, not per note."""
        if not self.marked_authors:
            return None
        marks = self.recorded.marks
        pairs = sorted((marks[a], self.people.name(a)) for a in self.marked_authors if a in marks)
        shown = ", ".join(f"{mark} = {name}" for mark, name in pairs if mark != name)
        if not shown:
            return None
        return Paragraph(self.tidy(label("legend", marks=shown)), "muted")

    def not_taken_up(self, document: Document) -> None:
        if self.skipped:
            document.heading(label("not_taken_up_heading"), 1)
            document.paragraph(self.tidy(label("not_taken_up", items="; ".join(self.skipped))))


def _services_table(
    document: Document, records: MeetingRecords, meeting: Meeting, people: PeopleFilter
) -> None:
    remarks: dict[str, list[str]] = defaultdict(list)
    for mention in records.mentions.get(meeting.id, []):
        remarks[mention.service_id].append(mention.remark.strip())
    services = [records.services[i] for i in remarks if i in records.services]
    services.sort(key=service_order)
    if not services:
        document.heading(label("services_heading"), 1)
        document.paragraph(label("no_services"), "muted")
        return
    # Eight columns need the width of a landscape page.
    document.blocks.append(Landscape())
    document.heading(label("services_heading"), 1)
    rows = [
        tuple(
            people.scrub(clean(value))
            for value in (
                service.name,
                owner_short_name(service, records.organisations),
                service.status,
                users(service),
                join_values(service.equipment),
                criticality(service),
                nodnett(service),
                "\n".join(dict.fromkeys(r for r in remarks[service.id] if r)),
            )
        )
        for service in services
    ]
    header = (
        "service",
        "owner",
        "status",
        "users",
        "equipment",
        "criticality",
        "nodnett_short",
        "remark",
    )
    document.table(
        [label(key) for key in header], rows, (15, 11, 9, 14, 13, 13, 12, 13), compact=True
    )


def _followups_table(
    document: Document, records: MeetingRecords, meeting: Meeting, people: PeopleFilter
) -> None:
    document.heading(label("followups_heading"), 1)
    items = records.followups.get(meeting.id, [])
    if not items:
        document.paragraph(label("no_followups"), "muted")
        return
    rows = [
        tuple(
            people.scrub(clean(v))
            for v in (item.what, item.who, short_date(item.due_date), item.status)
        )
        for item in items
    ]
    header = [label("what"), label("who"), label("due"), label("status")]
    document.table(header, rows, (52, 20, 15, 13))


def minutes_author(records: MeetingRecords, meeting: Meeting, laptop_author: str) -> str:
    """Who wrote the minutes: the meeting's first note-taker, else this laptop's author."""
    takers = [
        p.name for p in records.people.get(meeting.id, []) if p.meeting_role == Role.NOTE_TAKER
    ]
    return takers[0] if takers else laptop_author


def build_minutes(
    records: MeetingRecords,
    meeting: Meeting,
    people: PeopleFilter,
    *,
    with_skipped: bool = False,
    laptop_author: str = "",
    number: str = "",
) -> Document:
    """The minutes of `meeting` from its loaded records."""
    title = label("minutes_title", title=people.scrub(clean(meeting.title)))
    document = Document(title)
    document.table((), header_rows(records, meeting, people, number), (22, 78))
    legend_at = len(document.blocks)
    builder = _MinutesBuilder(records, meeting, people, with_skipped)
    builder.sections(document, guide_of(meeting))
    legend = builder.legend()
    if legend is not None:
        document.blocks.insert(legend_at, legend)
    builder.not_taken_up(document)
    # The follow-ups close the body on portrait pages (they fill the page before the break);
    # the wide services table follows on a landscape page.
    _followups_table(document, records, meeting, people)
    _services_table(document, records, meeting, people)
    author = minutes_author(records, meeting, laptop_author)
    status = records.statuses.get(meeting.id)
    organisations = ", ".join(o.name for o in records.meeting_organisations.get(meeting.id, []))
    document.properties = Properties(
        subject=people.scrub(clean(label("minutes_subject", organisations=organisations))),
        author=people.name(author) if author else "",
        keywords=label("minutes_keywords"),
        running_header=people.scrub(clean(running_header(title, meeting, status))),
    )
    return document


def minutes_document(
    source: Database | sqlite3.Connection,
    meeting_ref: str,
    participants: Participants = "alle",
    *,
    with_skipped: bool = False,
) -> Document:
    """Resolve `meeting_ref` (id or unique prefix) and gather its minutes, read with plain
    sqlite3 (`models.read_report`) from an open database's file or from a connection."""
    from models.read import AUTHOR_KEY, meta_value
    from models.read_journey import reading_from
    from models.read_report import minutes_records

    with reading_from(source) as connection:
        meeting, records, (place, total) = minutes_records(
            connection, meeting_ref, t("record_meeting")
        )
        author = meta_value(connection, AUTHOR_KEY) or ""
    # «3 av 6»: the meeting's place among its journey's meetings, by date.
    number = label("meeting_number", number=place, total=total) if total > 1 else ""
    return build_minutes(
        records,
        meeting,  # type: ignore[arg-type]  (a row with the record's fields)
        people_filter_for(records, participants),
        with_skipped=with_skipped,
        laptop_author=author,
        number=number,
    )
