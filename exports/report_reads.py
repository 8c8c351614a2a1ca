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
    from models.storage import Database


def duplicate_names(connection: sqlite3.Connection, ids: set[str]) -> dict[str, list[str]]:
    """Per service id, the names of the services it is likely a duplicate of.

    Only the report's services (`ids`) are scanned, blocked on name words as after a merge: comparing
    every pair of names (and of organisations and people, which the report does not show) made
    a large journey's report quadratic in its services.
    """
    from models.duplicate_names import find_duplicates

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
    from models.read_journey import (
        journey_findings,
        live_journeys,
        reading_from,
        resolve_journey,
    )
    from models.read_report import report_records, report_service_ids
    from models.text import t

    with reading_from(source) as connection:
        if journey_ref is not None:
            journey = resolve_journey(connection, journey_ref, t("record_journey"))
            title, description = journey.name, journey.description
        else:
            journeys = live_journeys(connection)
            journey = journeys[0] if len(journeys) == 1 else None
            title = journey.name if journey else label("all_journeys")
            description = journey.description if journey else ""
        of_journey = journey.id if journey_ref is not None else None
        # The likely duplicates first, before the records: what they take while they are
        # found (27 MB at 366 meetings of the scaled demo) is then room the records reuse.
        duplicates = duplicate_names(connection, report_service_ids(connection, of_journey))
        records = report_records(connection, of_journey)
        services = report_services(records, of_journey)
        findings = journey_findings(connection, journey.id if journey is not None else None)
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
