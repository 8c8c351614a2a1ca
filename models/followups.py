"""Follow-up items of meetings: what, who, due date and status, added and closed during capture."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col

from models.catalogue import LINE_MAX, ValidationError, clean_text
from models.errors import InnsiktError
from models.queries import meeting_organisations
from models.records import create, live, update
from models.storage import Database
from models.tables import FOLLOWUP_STATUSES, FollowUp, Meeting
from models.text import t


@dataclass(frozen=True)
class FollowUpRow:
    id: str
    meeting_id: str
    meeting: str
    organisations: str
    what: str
    who: str
    due_date: dt.date | None
    status: str


DATE_FORMS = (
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
    re.compile(r"^(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4}|\d{2})$"),
    re.compile(r"^(?P<d>\d{1,2})[./](?P<m>\d{1,2})\.?$"),
)


def parse_due_date(text: str, *, today: dt.date | None = None) -> dt.date | None:
    """A due date from «2026-12-01», «1.12.2026», «1.12.26» or «1.12» (this year); None if blank."""
    text = text.strip()
    if not text:
        return None
    today = today or dt.date.today()
    for form in DATE_FORMS:
        match = form.match(text)
        if match is None:
            continue
        parts = match.groupdict()
        year = int(parts.get("y") or today.year)
        year = year + 2000 if year < 100 else year
        try:
            due = dt.date(year, int(parts["m"]), int(parts["d"]))
        except ValueError:
            break
        if abs(due.year - today.year) > 20:
            break
        return due
    raise ValidationError("followup_bad_date", field="due_date", value=text[:40])


def check_followup(what: str, who: str = "", due: str = "") -> tuple[str, str, dt.date | None]:
    """A follow-up as typed, as it is saved: (what, who, due date). Raises ValidationError
    (naming the field) when it cannot be; without the database, so a form can check at once."""
    what = clean_text(what, multiline=True)
    if not what:
        raise ValidationError("followup_what_required", field="what")
    who = clean_text(who)
    if len(who) > LINE_MAX:
        raise ValidationError("text_too_long", field="who", limit=LINE_MAX)
    return what, who, parse_due_date(due)


def add_followup(db: Database, meeting_id: str, what: str, who: str = "", due: str = "") -> str:
    """A new open follow-up of a meeting; `due` is parsed by `parse_due_date`."""
    what, who, due_date = check_followup(what, who, due)
    with db.transaction() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None or meeting.deleted:
            raise InnsiktError("not_found", kind=t("record_meeting"), ref=meeting_id[:8])
        item = create(
            db, session, FollowUp, meeting_id=meeting_id, what=what, who=who, due_date=due_date
        )
    return item.id


def set_followup_status(db: Database, followup_id: str, status: str) -> None:
    if status not in FOLLOWUP_STATUSES:
        raise ValidationError(
            "service_bad_choice", field="status", value=status, allowed=", ".join(FOLLOWUP_STATUSES)
        )
    with db.transaction() as session:
        item = session.get(FollowUp, followup_id)
        if item is None or item.deleted:
            raise InnsiktError("not_found", kind=t("record_followup"), ref=followup_id[:8])
        update(db, session, item, status=status)


def next_followup_status(status: str) -> str:
    """The status after `status` in the cycle åpen → pågår → lukket → åpen."""
    index = FOLLOWUP_STATUSES.index(status) if status in FOLLOWUP_STATUSES else -1
    return FOLLOWUP_STATUSES[(index + 1) % len(FOLLOWUP_STATUSES)]


def _followup_rows(session: Session, query: Any) -> list[FollowUpRow]:
    titles = {meeting.id: meeting.title for meeting in session.exec(live(Meeting)).all()}
    organisations = meeting_organisations(session)
    return [
        FollowUpRow(
            id=item.id,
            meeting_id=item.meeting_id,
            meeting=titles[item.meeting_id],
            organisations=", ".join(sorted(organisations.get(item.meeting_id, []))),
            what=item.what,
            who=item.who,
            due_date=item.due_date,
            status=item.status,
        )
        for item in session.exec(query).all()
        if item.meeting_id in titles
    ]


def meeting_followups(session: Session, meeting_id: str) -> list[FollowUpRow]:
    """The follow-ups of one meeting in the order they were agreed."""
    query = (
        live(FollowUp).where(FollowUp.meeting_id == meeting_id).order_by(col(FollowUp.created_at))
    )
    return _followup_rows(session, query)


def open_followups(session: Session) -> list[FollowUpRow]:
    """Follow-ups not yet closed across all meetings, soonest due first, undated last."""
    rows = _followup_rows(session, live(FollowUp).where(FollowUp.status != "lukket"))
    return sorted(
        rows,
        key=lambda row: (row.due_date is None, row.due_date or dt.date.min, row.meeting, row.what),
    )
