"""Read-only ORM views inside a session; the lists themselves are read by `models.read`."""

from __future__ import annotations

from collections import defaultdict

from sqlmodel import Session

from models.joins import session_joins
from models.read import JourneyRow, MeetingRow, ServiceRow  # noqa: F401  (re-exported)
from models.records import live
from models.tables import MeetingOrganisation, Organisation


def organisation_names(session: Session) -> dict[str, str]:
    """Live organisations' names by id; an organisation joined into another finds the kept
    one's name (`models.joins`), so a reference made unaware of the join reads right."""
    names = {org.id: org.name for org in session.exec(live(Organisation)).all()}
    return session_joins(session).lookup("organisation", names)


def meeting_organisations(session: Session) -> dict[str, list[str]]:
    """Organisation names per meeting id (a link to a joined organisation names the one it was
    joined into, once)."""
    names = organisation_names(session)
    result: dict[str, list[str]] = defaultdict(list)
    for link in session.exec(live(MeetingOrganisation)).all():
        name = names.get(link.organisation_id)
        if name is not None and name not in result[link.meeting_id]:
            result[link.meeting_id].append(name)
    return result
