"""The capture screen's marks in the guide tree: which questions have notes, answers or rows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.widgets.entered_panel import EnteredPanel
from tui.widgets.guide_tree import MARK_ANSWER, MARK_NONE, MARK_NOTE, MARK_SKIPPED, GuideTree

if TYPE_CHECKING:
    from models.guides import Question
    from tui.store import CaptureData


class QuestionMarks:
    """Mixed into CaptureScreen: a question is marked by its notes and answers, and by the
    services, contacts or follow-ups its panel holds (kept current by the panels' counts)."""

    data: CaptureData
    questions: list[Question]
    guide_tree: GuideTree

    def mark_for(self, question_key: str) -> str:
        answers = [a for (key, _), a in self.data.answers.items() if key == question_key]
        if any(a.state for a in answers):
            return MARK_SKIPPED
        if any(text.strip() for (key, _), text in self.data.notes.items() if key == question_key):
            return MARK_NOTE
        if any(a.choices or a.other_text for a in answers):
            return MARK_ANSWER
        if question_key in self.data.questions_with_services:
            return MARK_ANSWER
        if question_key in self.data.questions_with_contacts:
            return MARK_ANSWER
        question = self.data.guide.question(question_key)
        if self.data.has_followups and question is not None and question.kind == "followups":
            return MARK_ANSWER
        return MARK_NONE

    def on_entered_panel_counted(self, message: EnteredPanel.Counted) -> None:
        """A panel's rows changed: services, contacts or follow-ups mark their question."""
        if message.kind == "followups":
            self.followups_changed(message.count > 0)
            return
        marked = {
            "services": self.data.questions_with_services,
            "people": self.data.questions_with_contacts,
        }.get(message.kind)
        if marked is None:
            return
        if message.count:
            marked.add(message.question_key)
        else:
            marked.discard(message.question_key)
        self.refresh_mark(message.question_key)

    def followups_changed(self, any_left: bool) -> None:
        self.data.has_followups = any_left
        for question in self.questions:
            if question.kind == "followups":
                self.refresh_mark(question.key)

    def refresh_mark(self, question_key: str) -> None:
        self.guide_tree.mark(question_key, self.mark_for(question_key))
