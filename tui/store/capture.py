"""The capture screen's answers written; what it reads is in tui/capture_data.py (no ORM)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models import records
from models.tables import Answer
from tui.capture_data import CaptureData, load_capture

if TYPE_CHECKING:
    from models.meeting_form import AnswerState
    from models.storage import Database

__all__ = ["CaptureData", "load_capture", "save_answer"]


def save_answer(
    db: Database, meeting_id: str, question_key: str, author: str, answer: AnswerState
) -> None:
    with db.transaction() as session:
        row = records.answer_for(session, meeting_id, question_key, author)
        values = {
            "choices": list(answer.choices),
            "other_text": answer.other_text,
            "state": answer.state,
        }
        if row is None:
            records.create(
                db,
                session,
                Answer,
                meeting_id=meeting_id,
                question_key=question_key,
                author=author,
                **values,
            )
        else:
            records.update(db, session, row, deleted=False, **values)
