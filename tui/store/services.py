"""What the services catalogue, the service form, and the picker read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.read import ServiceRow
    from models.service_search import ServiceChoice
    from models.storage import Database
    from models.tables import Service


@dataclass(frozen=True)
class ServiceForm:
    """What the service form shows: the service (None when new or gone) and its choices."""

    service: Service | None
    gone: bool  # deleted or joined into another since the list was drawn
    organisations: list[tuple[str, str]]  # (name, id)
    others: list[ServiceChoice]  # every other live service, for «similar names»
    meeting_title: str | None  # the meeting the new service is linked from, if any


def load_service_form(db: Database, service_id: str | None, meeting_id: str | None) -> ServiceForm:
    from models.catalogue import load_service, organisation_options
    from models.errors import InnsiktError
    from models.service_search import service_choices
    from models.tables import Meeting

    with db.session() as session:
        organisations = organisation_options(session)
        try:
            service = load_service(session, service_id) if service_id else None
        except InnsiktError:
            return ServiceForm(None, True, organisations, [], None)
        others = [c for c in service_choices(session) if c.id != service_id]
        meeting = session.get(Meeting, meeting_id) if meeting_id else None
        title = meeting.title if meeting is not None else None
    return ServiceForm(service, False, organisations, others, title)


def load_service_choices(
    db: Database, exclude: set[str] | frozenset[str] = frozenset()
) -> list[ServiceChoice]:
    """Every live service with its owner's name, by name, but those in `exclude`."""
    from models.service_search import service_choices

    with db.session() as session:
        return [c for c in service_choices(session) if c.id not in exclude]


def load_catalogue(db: Database) -> tuple[list[ServiceRow], dict[str, str]]:
    """Every service's row and the organisations' short names, in plain SQL (linear)."""
    from models.read import organisation_short_names, reading, service_rows

    with reading(db.path) as connection:
        return service_rows(connection), organisation_short_names(connection)


def services_matching(db: Database, query: str) -> set[str] | None:
    """The ids of services whose text matches `query`; None when the query has no terms."""
    from models.read import reading
    from models.search import matching_service_ids, terms_of

    if not terms_of(query):
        return None
    with reading(db.path) as connection:
        return matching_service_ids(connection, query)
