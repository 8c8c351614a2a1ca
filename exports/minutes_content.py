"""What the minutes (referat) of one meeting say, as a `Document` for Word and Markdown."""

from __future__ import annotations

from collections import defaultdict

from exports.answers import MeetingAnswers, answer_paragraphs
from exports.document import Document, Landscape
from exports.people import Participants, PeopleFilter
from exports.safe import clean
from exports.service_fields import criticality, nodnett, owner_short_name, service_order, users
from exports.service_fields import joined as join_values
from exports.text import label, long_date, short_date
from models.content_queries import MeetingRecords, PersonInMeeting, load_meeting_records
from models.errors import GuideError
from models.guides import Guide, find_guide
from models.records import resolve
from models.storage import Database
from models.tables import Meeting


def guide_of(meeting: Meeting) -> Guide | None:
    """The guide the meeting was held with, or None when it is not installed here."""
    if not meeting.guide_key:
        return None
    try:
        return find_guide(meeting.guide_key, meeting.guide_version or None)
    except GuideError:
        return None


def time_span(meeting: Meeting) -> str:
    if meeting.start_time and meeting.end_time:
        return f"{meeting.start_time}–{meeting.end_time}"
    return meeting.start_time or meeting.end_time


def place_text(meeting: Meeting) -> str:
    if meeting.teams_link and not meeting.place:
        return f"{label('teams')}: {meeting.teams_link}"
    if meeting.teams and meeting.place:
        return f"{meeting.place} og {label('teams')}"
    return label("teams") if meeting.teams else meeting.place


def people_filter_for(records: MeetingRecords, mode: Participants) -> PeopleFilter:
    people = [person for group in records.people.values() for person in group]
    authors = [note.author for notes in records.notes.values() for note in notes]
    authors += [answer.author for answers in records.answers.values() for answer in answers]
    return PeopleFilter(mode, people, authors)


def _person_line(person: PersonInMeeting, people: PeopleFilter) -> str:
    details = ", ".join(part for part in (people.name(person.name), person.title) if part)
    return f"{details} ({person.organisation})" if person.organisation else details


def _people_rows(
    records: MeetingRecords, meeting: Meeting, people: PeopleFilter
) -> list[tuple[str, str]]:
    present = records.people.get(meeting.id, [])
    by_role: dict[str, list[PersonInMeeting]] = defaultdict(list)
    for person in present:
        by_role[person.meeting_role].append(person)
    if not by_role["referent"]:
        # Nobody was registered as note-taker: the people who wrote the notes were.
        authors = sorted({n.author for n in records.notes.get(meeting.id, [])})
        by_role["referent"] = [PersonInMeeting("", a, "referent", "", "") for a in authors]
    rows = []
    for key, role in (
        ("present", "deltaker"),
        ("facilitators", "fasilitator"),
        ("note_takers", "referent"),
    ):
        group = by_role[role]
        if not group:
            continue
        if people.lists_people:
            value = "\n".join(_person_line(person, people) for person in group)
        else:
            value = label(
                "people_left_out" if len(group) > 1 else "person_left_out", count=len(group)
            )
        rows.append((label(key), clean(value)))
    return rows


def header_rows(
    records: MeetingRecords, meeting: Meeting, people: PeopleFilter
) -> list[tuple[str, str]]:
    """The minutes' header block: Møte, Dato, Tid, Sted / Teams, Virksomhet, Til stede, …"""
    organisations = ", ".join(org.name for org in records.meeting_organisations.get(meeting.id, []))
    rows = [
        (label("meeting"), meeting.title),
        (label("date"), long_date(meeting.date)),
        (label("time"), time_span(meeting)),
        (label("place"), place_text(meeting)),
        (label("organisations"), organisations),
    ]
    cleaned = [(key, people.scrub(clean(value))) for key, value in rows if value]
    return cleaned + _people_rows(records, meeting, people)


def _question_blocks(
    document: Document,
    records: MeetingRecords,
    meeting: Meeting,
    guide: Guide | None,
    people: PeopleFilter,
) -> None:
    recorded = MeetingAnswers(records, meeting, people)
    sections = guide.sections if guide else ()
    known = {q.key for section in sections for q in section.questions}
    for section in sections:
        written = [(q, recorded.answer(q, q.key)) for q in section.questions]
        written = [(q, answer) for q, answer in written if not answer.empty]
        if not written:
            continue
        document.heading(f"{section.key}. {clean(section.title)}", 1)
        for question, answer in written:
            document.heading(f"{question.key} {clean(question.text)}", 2)
            document.blocks.extend(answer_paragraphs(answer))
    # Notes on questions the guide does not have (a guide that changed, or is not installed here).
    leftovers = [(key, recorded.answer(None, key)) for key in sorted(recorded.keys() - known)]
    leftovers = [(key, answer) for key, answer in leftovers if not answer.empty]
    if leftovers:
        document.heading(label("other_notes"), 1)
    for key, answer in leftovers:
        if key:
            document.heading(clean(key), 2)
        document.blocks.extend(answer_paragraphs(answer))


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
    # Eight columns need the width of a landscape page; the follow-ups stay on it too.
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


def build_minutes(records: MeetingRecords, meeting: Meeting, people: PeopleFilter) -> Document:
    """The minutes of `meeting` from its loaded records."""
    document = Document(label("minutes_title", title=people.scrub(clean(meeting.title))))
    document.table((), header_rows(records, meeting, people), (22, 78))
    _question_blocks(document, records, meeting, guide_of(meeting), people)
    _services_table(document, records, meeting, people)
    _followups_table(document, records, meeting, people)
    return document


def minutes_document(
    db: Database, meeting_ref: str, participants: Participants = "alle"
) -> Document:
    """Resolve `meeting_ref` (id or unique prefix) and gather its minutes."""
    with db.session() as session:
        meeting = resolve(session, Meeting, meeting_ref, "møte")
        records = load_meeting_records(session, meeting_ids=[meeting.id])
    return build_minutes(records, meeting, people_filter_for(records, participants))
