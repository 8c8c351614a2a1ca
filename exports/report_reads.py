"""What the report reads, with plain sqlite3 (`models/read_report.py`), gathered into its
`Document` (`exports/report_content.py:build_report`): no ORM is imported for it."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from exports.people import Participants, people_filter_for
from exports.report_content import build_report, report_services
from exports.text import label

if TYPE_CHECKING:
    import sqlite3

    from exports.document import Document
    from models.read_rows import ReadService as Service
    from models.storage import Database


def duplicate_names(
    connection: sqlite3.Connection, services: list[Service]
) -> dict[str, list[str]]:
    """Per service id, the names of the services it is likely a duplicate of.

    Only the report's services are scanned, blocked on name words as after a merge: comparing
    every pair of names (and of organisations and people, which the report does not show) made
    a large journey's report quadratic in its services.
    """
    from models.duplicate_names import find_duplicates

    ids = {service.id for service in services}
    among = {"service": ids, "organisation": set(), "person": set()}
    found: dict[str, list[str]] = defaultdict(list)
    for pair in find_duplicates(connection, among):
        if pair.kind == "service" and pair.first_id in ids and pair.second_id in ids:
            found[pair.first_id].append(pair.second_name)
            found[pair.second_id].append(pair.first_name)
    return dict(found)


def report_document(
    source: Database | sqlite3.Connection,
    journey_ref: str | None = None,
    participants: Participants = "alle",
) -> Document:
    """Resolve `journey_ref` (id or unique prefix; None = every journey) and gather the report,
    read with plain sqlite3 (`models.read_report`): no ORM is imported for it."""
    from models.read import AUTHOR_KEY, meta_value
    from models.read_report import (
        journey_findings,
        live_journeys,
        reading_from,
        report_records,
        resolve_journey,
    )
    from models.text import t

    with reading_from(source) as connection:
        if journey_ref is not None:
            journey = resolve_journey(connection, journey_ref, t("record_journey"))
            records = report_records(connection, journey.id)
            title, description = journey.name, journey.description
            services = report_services(records, journey.id)
        else:
            journeys = live_journeys(connection)
            records = report_records(connection, None)
            journey = journeys[0] if len(journeys) == 1 else None
            title = journey.name if journey else label("all_journeys")
            description = journey.description if journey else ""
            services = report_services(records, None)
        findings = journey_findings(connection, journey.id if journey is not None else None)
        duplicates = duplicate_names(connection, services)
        author = meta_value(connection, AUTHOR_KEY) or ""
    return build_report(
        title,
        description,
        records,
        services,
        people_filter_for(records, participants),
        findings=findings,
        duplicates=duplicates,
        author=author,
    )
