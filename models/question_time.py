"""Time spent per question of a meeting, counted per device so that merging only adds up.

Each device keeps one `QuestionTime` record per question and only ever adds to its own count;
another laptop's count is another record. The time on a question is the sum over devices, so a
merge of two laptops that both had the meeting open keeps both their minutes, and nothing is
overwritten.
"""

from __future__ import annotations

import uuid
from collections import defaultdict

from sqlmodel import Session, col, select

from models import records
from models.errors import InnsiktError
from models.storage import Database
from models.tables import Meeting, QuestionTime

TIME_NAMESPACE = uuid.UUID("9a4c7e21-5b3d-4f86-8e1a-2d7f0c6b3e95")
# A question left open over lunch is not an hour of talk about it: one stretch counts at most
# this long (the screen flushes far more often than that).
MAX_STRETCH_SECONDS = 15 * 60


def time_id(meeting_id: str, question_key: str, device_id: str) -> str:
    key = "\x1f".join(("question_time", meeting_id, question_key, device_id))
    return str(uuid.uuid5(TIME_NAMESPACE, key))


def add_time(db: Database, meeting_id: str, question_key: str, seconds: float) -> int:
    """Add `seconds` to this device's count for the question; returns the new count."""
    added = int(min(max(seconds, 0), MAX_STRETCH_SECONDS))
    if added <= 0:
        return 0
    with db.transaction() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None or meeting.deleted:
            raise InnsiktError("not_found", kind="møte", ref=meeting_id[:8])
        record_id = time_id(meeting_id, question_key, db.device_id)
        record = (
            session.get(QuestionTime, record_id)
            or session.exec(
                select(QuestionTime).where(
                    QuestionTime.meeting_id == meeting_id,
                    QuestionTime.question_key == question_key,
                    QuestionTime.counted_by == db.device_id,
                )
            ).first()
        )
        if record is None:
            records.create(
                db,
                session,
                QuestionTime,
                id=record_id,
                meeting_id=meeting_id,
                question_key=question_key,
                counted_by=db.device_id,
                seconds=added,
            )
            return added
        total = (0 if record.deleted else record.seconds) + added
        records.update(db, session, record, seconds=total, deleted=False)
        return total


def question_times(session: Session, meeting_id: str) -> dict[str, int]:
    """Seconds spent on each question of the meeting, summed over every device."""
    totals: dict[str, int] = defaultdict(int)
    for question_key, seconds in session.exec(
        select(QuestionTime.question_key, QuestionTime.seconds).where(
            QuestionTime.meeting_id == meeting_id, col(QuestionTime.deleted).is_(False)
        )
    ).all():
        totals[question_key] += seconds
    return dict(totals)
