"""Writes of the minutes area: referat texts, the minutes' status and a journey's findings."""

from __future__ import annotations

import datetime as dt
import re

from sqlmodel import Session, select

from models.errors import InnsiktError
from models.records import create, resolve, update
from models.storage import Database
from models.tables import (
    MINUTES_STATUSES,
    REFERAT_KINDS,
    Finding,
    Meeting,
    MinutesStatus,
    Referat,
)
from models.text import t

_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def parse_deadline(value: str) -> dt.date:
    """«15.12.2026» as a date; anything else is refused with one line."""
    match = _DATE.match(value.strip())
    try:
        if match is None:
            raise ValueError(value)
        day, month, year = (int(part) for part in match.groups())
        return dt.date(year, month, day)
    except ValueError:
        raise InnsiktError("minutes_deadline_format", value=value) from None


def check_status(value: str) -> str:
    status = value.strip().casefold()
    if status not in MINUTES_STATUSES:
        raise InnsiktError("minutes_status_unknown", value=value)
    return status


def minutes_status_of(session: Session, meeting_id: str) -> MinutesStatus | None:
    return session.exec(
        select(MinutesStatus).where(
            MinutesStatus.meeting_id == meeting_id,
            MinutesStatus.deleted == False,  # noqa: E712
        )
    ).first()


def set_minutes_status(
    db: Database,
    meeting_ref: str,
    status: str,
    deadline: dt.date | None = None,
    today: dt.date | None = None,
) -> tuple[Meeting, MinutesStatus]:
    """Set the status of a meeting's minutes.

    Version 0 is the draft never sent; each change to «til-godkjenning» raises the version (a
    new deadline for the version already sent does not). «godkjent» records the approval date;
    back to «utkast» clears it.
    """
    status = check_status(status)
    if deadline is not None and status != "til-godkjenning":
        raise InnsiktError("minutes_deadline_only_for_approval")
    today = today or dt.date.today()
    with db.transaction() as session:
        meeting = resolve(session, Meeting, meeting_ref, t("record_meeting"))
        record = minutes_status_of(session, meeting.id)
        if record is None:
            record = create(db, session, MinutesStatus, meeting_id=meeting.id, version=0)
        changes: dict[str, object] = {"status": status}
        if status == "til-godkjenning":
            if record.status != "til-godkjenning":
                changes["version"] = record.version + 1
            changes["comment_deadline"] = deadline or record.comment_deadline
            changes["approved_on"] = None
        elif status == "godkjent":
            if record.status != "godkjent":
                changes["approved_on"] = today
            if record.version == 0:
                changes["version"] = 1  # approved at once, never sent as a draft
        else:
            changes["approved_on"] = None
        update(db, session, record, **changes)
    return meeting, record


def save_referat(
    db: Database, meeting_id: str, question_key: str, text: str, kind: str = "tekst"
) -> Referat:
    """Write the referat text of a question (or a section's conclusion) in its own transaction."""
    if kind not in REFERAT_KINDS:
        raise ValueError(f"kind must be one of {REFERAT_KINDS}")
    with db.transaction() as session:
        record = session.exec(
            select(Referat).where(
                Referat.meeting_id == meeting_id,
                Referat.question_key == question_key,
                Referat.kind == kind,
            )
        ).first()
        if record is None:
            record = create(
                db,
                session,
                Referat,
                meeting_id=meeting_id,
                question_key=question_key,
                kind=kind,
                text=text,
            )
        else:
            update(db, session, record, text=text, deleted=False)
    return record


def save_finding(db: Database, journey_id: str, topic: str, text: str) -> Finding:
    """Write the journey's finding on one topic in its own transaction."""
    with db.transaction() as session:
        record = session.exec(
            select(Finding).where(Finding.journey_id == journey_id, Finding.topic == topic)
        ).first()
        if record is None:
            record = create(db, session, Finding, journey_id=journey_id, topic=topic, text=text)
        else:
            update(db, session, record, text=text, deleted=False)
    return record


def referat_texts(db: Database, meeting_id: str) -> dict[tuple[str, str], str]:
    """The meeting's referat texts and conclusions: (kind, question or section key) → text."""
    with db.session() as session:
        rows = session.exec(
            select(Referat).where(
                Referat.meeting_id == meeting_id,
                Referat.deleted == False,  # noqa: E712
            )
        ).all()
        return {(row.kind, row.question_key): row.text for row in rows}


def findings_of(db: Database, journey_id: str) -> dict[str, str]:
    """The journey's findings: topic → text."""
    with db.session() as session:
        rows = session.exec(
            select(Finding).where(
                Finding.journey_id == journey_id,
                Finding.deleted == False,  # noqa: E712
            )
        ).all()
        return {row.topic: row.text for row in rows}
