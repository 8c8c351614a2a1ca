"""The report's «answers per question»: every organisation's answer to a question side by side."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exports.answers import MeetingAnswers, QuestionAnswer, answer_cell, guide_of
from exports.document import Document
from exports.people import PeopleFilter
from exports.safe import clean
from exports.text import label, short_date
from models.guides import Guide, Question, Section
from models.meeting_records import MeetingRecords

if TYPE_CHECKING:
    from models.tables import Meeting


def meeting_label(records: MeetingRecords, meeting: Meeting) -> str:
    """«HEMIT HF (02.12.2019)»: who answered, and when."""
    names = [org.name for org in records.meeting_organisations.get(meeting.id, [])]
    who = ", ".join(names) if names else meeting.title
    when = short_date(meeting.date)
    return f"{who} ({when})" if when else who


def _meeting_answers(
    records: MeetingRecords, meeting: Meeting, guide: Guide, people: PeopleFilter
) -> dict[str, QuestionAnswer]:
    recorded = MeetingAnswers(records, meeting, people)
    found = {}
    for question in guide.questions():
        if question.kind == "followups":
            continue  # follow-ups have their own section at the end
        answer = recorded.answer(question, question.key)
        if not answer.empty:
            found[question.key] = answer
    return found


def _questions_of(guides: list[Guide]) -> list[tuple[Section, Question]]:
    """Every question of the versions of one guide, in the newest version's order; a question
    only older versions had follows its section there (or stands at the end)."""
    ordered = sorted(guides, key=lambda guide: guide.version, reverse=True)
    found: dict[str, tuple[Section, Question]] = {}
    for guide in ordered:
        for section in guide.sections:
            for question in section.questions:
                found.setdefault(question.key, (section, question))
    return list(found.values())


def answers_side_by_side(document: Document, records: MeetingRecords, people: PeopleFilter) -> None:
    """One table per question of each guide used: one row per meeting that answered it, the
    meetings of every version of the guide side by side (a question a meeting's version did not
    have says so in its row)."""
    document.heading(label("answers_heading"), 1)
    by_guide: dict[str, dict[int, Guide]] = {}
    held_with: dict[str, Guide] = {}
    # One guide lookup per guide, not per meeting: each reads every guide file.
    guides: dict[tuple[str, int], Guide | None] = {}
    for meeting in records.meetings:
        version = (meeting.guide_key, meeting.guide_version)
        if version not in guides:
            guides[version] = guide_of(meeting)
        guide = guides[version]
        if guide is not None:
            by_guide.setdefault(guide.key, {})[guide.version] = guide
            held_with[meeting.id] = guide
    if not by_guide:
        document.paragraph(label("none"), "muted")
        return
    for versions in by_guide.values():
        newest = versions[max(versions)]
        meetings = [m for m in records.meetings if held_with.get(m.id) in versions.values()]
        if len(by_guide) > 1:
            document.heading(clean(newest.title), 2)
        level = 3 if len(by_guide) > 1 else 2
        answered = {m.id: _meeting_answers(records, m, held_with[m.id], people) for m in meetings}
        shown_section = ""
        for section, question in _questions_of(list(versions.values())):
            if not any(question.key in a for a in answered.values()):
                continue
            if section.key != shown_section:
                document.heading(f"{section.key}. {clean(section.title)}", level)
                shown_section = section.key
            question_title = f"{question.key} {clean(question.text)}"
            if level < 3:
                document.heading(question_title, level + 1)
            else:
                document.paragraph("", lead=question_title)
            rows = []
            for m in meetings:
                guide = held_with[m.id]
                if question.key in answered[m.id]:
                    cell = answer_cell(answered[m.id][question.key])
                elif guide.question(question.key) is None:
                    cell = label("not_in_version", version=guide.version)
                else:
                    continue
                rows.append((people.scrub(clean(meeting_label(records, m))), cell))
            document.table((label("organisation"), label("answer")), rows, (25, 75), compact=True)
