"""One meeting's answer to one question: choices in words, every note-taker's notes, services."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from exports.document import Paragraph
from exports.text import label
from models.guides import Question
from models.tables import Answer, Note

Tidy = Callable[[str], str]


@dataclass(frozen=True)
class QuestionAnswer:
    choices: tuple[str, ...]
    other: str
    state: str  # «hoppet over» / «ikke relevant», only when nothing else was recorded
    notes: tuple[tuple[str, str], ...]  # (author mark, text); the mark is empty for a lone author
    services: tuple[str, ...]
    followups: bool

    @property
    def empty(self) -> bool:
        return not (
            self.choices
            or self.other
            or self.state
            or self.notes
            or self.services
            or self.followups
        )


def answer_of(
    question: Question | None,
    answers: list[Answer],
    notes: list[Note],
    services: list[str],
    has_followups: bool,
    marks: dict[str, str],
    tidy: Tidy,
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
    )
    if answer.empty and states:
        return QuestionAnswer((), "", states[0], (), (), False)
    return answer


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
    return "\n".join(lines)
