"""Read-only ORM views inside a session; the lists themselves are read by `models.read`."""

from __future__ import annotations

from collections import defaultdict

from sqlmodel import Session

from models.read import JourneyRow, MeetingRow, ServiceRow  # noqa: F401  (re-exported)
from models.records import live
from models.tables import MeetingOrganisation, Organisation


def organisation_names(session: Session) -> dict[str, str]:
    return {org.id: org.name for org in session.exec(live(Organisation)).all()}


def meeting_organisations(session: Session) -> dict[str, list[str]]:
    """Organisation names per meeting id."""
    names = organisation_names(session)
    result: dict[str, list[str]] = defaultdict(list)
    for link in session.exec(live(MeetingOrganisation)).all():
        if link.organisation_id in names:
            result[link.meeting_id].append(names[link.organisation_id])
    return result
