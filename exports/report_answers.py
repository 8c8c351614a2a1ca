"""The report's «answers per question»: every organisation's answer to a question side by side."""

from __future__ import annotations

from exports.answers import MeetingAnswers, QuestionAnswer, answer_cell
from exports.document import Document
from exports.minutes_content import guide_of
from exports.people import PeopleFilter
from exports.safe import clean
from exports.text import label, short_date
from models.content_queries import MeetingRecords
from models.guides import Guide
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


def answers_side_by_side(document: Document, records: MeetingRecords, people: PeopleFilter) -> None:
    """One table per question of each guide used: one row per meeting that answered it."""
    document.heading(label("answers_heading"), 1)
    by_guide: dict[tuple[str, int], tuple[Guide, list[Meeting]]] = {}
    # One guide lookup per guide, not per meeting: each reads every guide file.
    guides: dict[tuple[str, int], Guide | None] = {}
    for meeting in records.meetings:
        held_with = (meeting.guide_key, meeting.guide_version)
        if held_with not in guides:
            guides[held_with] = guide_of(meeting)
        guide = guides[held_with]
        if guide is not None:
            by_guide.setdefault((guide.key, guide.version), (guide, []))[1].append(meeting)
    if not by_guide:
        document.paragraph(label("none"), "muted")
        return
    for guide, meetings in by_guide.values():
        if len(by_guide) > 1:
            document.heading(clean(guide.title), 2)
        level = 3 if len(by_guide) > 1 else 2
        answered = {
            meeting.id: _meeting_answers(records, meeting, guide, people) for meeting in meetings
        }
        for section in guide.sections:
            questions = [q for q in section.questions if any(q.key in a for a in answered.values())]
            if not questions:
                continue
            document.heading(f"{section.key}. {clean(section.title)}", level)
            for question in questions:
                question_title = f"{question.key} {clean(question.text)}"
                if level < 3:
                    document.heading(question_title, level + 1)
                else:
                    document.paragraph("", lead=question_title)
                rows = [
                    (
                        people.scrub(clean(meeting_label(records, m))),
                        answer_cell(answered[m.id][question.key]),
                    )
                    for m in meetings
                    if question.key in answered[m.id]
                ]
                document.table(
                    (label("organisation"), label("answer")), rows, (25, 75), compact=True
                )
