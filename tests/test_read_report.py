"""The report's plain-sqlite3 reads (models/read_report.py) give what the ORM reads gave.

Both run on the demo, on the demo with tombstones and edges, and on one where services, people
and organisations were joined into others while references still name the absorbed ones; for
each journey and for all journeys. Every field the rows carry is compared, in order, and the
whole report built from either is the same document.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from typing import Any

import pytest
from sqlmodel import Session

from exports.people import PARTICIPANT_MODES, people_filter_for
from exports.report_content import build_report, report_services
from exports.report_reads import report_document
from exports.text import label
from models import records
from models.content_queries import load_meeting_records
from models.errors import NotFoundError
from models.meeting_records import MeetingRecords
from models.read import reading
from models.read_journey import resolve_journey
from models.read_report import minutes_records, report_records, report_service_ids
from models.read_rows import (
    ReadAnswer,
    ReadFollowUp,
    ReadMeeting,
    ReadMention,
    ReadNote,
    ReadOrganisation,
    ReadPerson,
    ReadReferat,
    ReadService,
    ReadStatus,
)
from models.records import live
from models.storage import Database
from models.sync.duplicates import likely_duplicates
from models.tables import Finding, Journey, Meeting, Meta, MinutesStatus, Referat
from tests.test_read_capture import with_capture_edges
from tests.test_read_panels import with_joins


def fields(row: Any, shape: type) -> tuple[Any, ...]:
    """`row` (an ORM record or a plain row) as the values of `shape`'s fields."""
    return tuple(getattr(row, f.name) for f in dataclasses.fields(shape))


def grouped(by_meeting: dict[str, list[Any]], shape: type) -> dict[str, list[tuple[Any, ...]]]:
    return {key: [fields(row, shape) for row in rows] for key, rows in by_meeting.items()}


def view(found: MeetingRecords) -> dict[str, Any]:
    """Everything of `found` the report reads, as plain values in their order."""
    return {
        "meetings": [fields(m, ReadMeeting) for m in found.meetings],
        "organisations": [(k, fields(o, ReadOrganisation)) for k, o in found.organisations.items()],
        "organisations joined": dict(found.organisations.absorbed),  # type: ignore[attr-defined]
        "services": [(k, fields(s, ReadService)) for k, s in found.services.items()],
        "services joined": dict(found.services.absorbed),  # type: ignore[attr-defined]
        "meeting organisations": grouped(found.meeting_organisations, ReadOrganisation),
        "people": found.people,
        "notes": grouped(found.notes, ReadNote),
        "answers": grouped(found.answers, ReadAnswer),
        "mentions": grouped(found.mentions, ReadMention),
        "followups": grouped(found.followups, ReadFollowUp),
        "statuses": {key: fields(status, ReadStatus) for key, status in found.statuses.items()},
        "referat": grouped(found.referat, ReadReferat),
        "persons": [fields(p, ReadPerson) for p in found.persons],
        "contacts": found.contacts,
        "mentioned services": [s.id for s in found.mentioned_services()],
    }


def with_report_edges(db: Database) -> Database:
    """On top of the joins: a second journey with a meeting, findings of both, a deleted
    finding, minutes statuses, an author for this laptop, and meetings tied on their sort key."""
    with_joins(db)
    with db.transaction() as session:
        first = session.exec(live(Journey)).first()
        assert first is not None
        other = records.create(db, session, Journey, name="Andre reise", description="To")
        for _ in range(2):  # the same date, time and title: the order of the file decides
            records.create(
                db, session, Meeting, journey_id=other.id, title="Likt", date=dt.date(2026, 3, 1)
            )
        records.create(db, session, Meeting, journey_id=other.id, title="Uten dato")
        records.create(db, session, Finding, journey_id=first.id, topic="tjenester", text=" A ")
        records.create(db, session, Finding, journey_id=other.id, topic="tjenester", text="B")
        gone = records.create(db, session, Finding, journey_id=other.id, topic="avhengighet")
        records.delete(db, session, gone)
        session.merge(Meta(key="author", value="Kari Nordmann"))
        held = session.exec(live(Meeting).where(Meeting.journey_id == first.id)).all()
        records.update(db, session, held[0], teams=True, teams_link="https://teams.example/m")
        for meeting, status, day in ((held[0], "godkjent", 20), (held[1], "til-godkjenning", 15)):
            records.create(
                db, session, MinutesStatus, meeting_id=meeting.id, status=status, version=2,
                comment_deadline=dt.date(2026, 12, day), approved_on=dt.date(2026, 12, 21),
            )  # fmt: skip
        for key, kind, text in (("A1", "tekst", "Samlet tekst"), ("A", "konklusjon", " ")):
            records.create(
                db, session, Referat, meeting_id=held[0].id, question_key=key, kind=kind,
                text=text,
            )  # fmt: skip
        gone = records.create(db, session, Referat, meeting_id=held[1].id, question_key="A2")
        records.update(db, session, gone, text="Slettet")
        records.delete(db, session, gone)
    return db


@pytest.fixture(params=["demo", "edges", "joins", "journeys"])
def database(request: pytest.FixtureRequest, demo_db: Database) -> Database:
    if request.param == "edges":
        return with_capture_edges(demo_db)
    if request.param == "joins":
        return with_joins(demo_db)
    if request.param == "journeys":
        return with_report_edges(demo_db)
    return demo_db


def journey_ids(db: Database) -> list[str | None]:
    with db.session() as session:
        return [journey.id for journey in session.exec(live(Journey)).all()] + [None]


def test_the_reports_records_equal_the_orm_read(database: Database) -> None:
    compared = 0
    with database.session() as session, reading(database.path) as connection:
        for journey_id in journey_ids(database):
            expected = view(load_meeting_records(session, journey_id=journey_id))
            expected["referat"] = {}  # the report does not show them: not read
            assert view(report_records(connection, journey_id)) == expected, journey_id
            compared += len(expected["notes"]) + len(expected["persons"])
    assert compared > 20


def test_the_services_the_report_shows_are_known_before_its_records_are_read(
    database: Database,
) -> None:
    """The likely duplicates are found first, among the ids the records later give."""
    found = 0
    with reading(database.path) as connection:
        for journey_id in journey_ids(database):
            shown = report_services(report_records(connection, journey_id), journey_id)
            ids = report_service_ids(connection, journey_id)
            assert ids == {service.id for service in shown}, journey_id
            found += len(ids)
    assert found > 20


def test_the_minutes_records_and_number_equal_the_orm_read(database: Database) -> None:
    with database.session() as session:
        meetings = session.exec(live(Meeting)).all()
        with reading(database.path) as connection:
            for meeting in meetings:
                shown, found, number = minutes_records(connection, meeting.id[:9], "møte")
                assert fields(shown, ReadMeeting) == fields(meeting, ReadMeeting)
                expected = load_meeting_records(session, meeting_ids=[meeting.id])
                assert view(found) == view(expected), meeting.id
                order = session.exec(
                    live(Meeting)
                    .where(Meeting.journey_id == meeting.journey_id)
                    .order_by(Meeting.date, Meeting.start_time)  # type: ignore[arg-type]
                ).all()
                assert number == ([m.id for m in order].index(meeting.id) + 1, len(order))
    assert len(meetings) >= 6


def orm_report(session: Session, journey_id: str | None, mode: str) -> Any:
    """The report as it was gathered through the ORM before (exports/report_content.py)."""
    from collections import defaultdict

    found = load_meeting_records(session, journey_id=journey_id)
    journeys = session.exec(live(Journey)).all()
    journey = session.get(Journey, journey_id) if journey_id else None
    if journey_id is None and len(journeys) == 1:
        journey = journeys[0]
    services = report_services(found, journey_id)
    query = live(Finding)
    if journey is not None:
        query = query.where(Finding.journey_id == journey.id)
    texts: dict[str, list[str]] = defaultdict(list)
    for finding in session.exec(query).all():
        if finding.text.strip():
            texts[finding.topic].append(finding.text.strip())
    ids = {service.id for service in services}
    duplicates: dict[str, list[str]] = defaultdict(list)
    for pair in likely_duplicates(
        session, {"service": ids, "organisation": set(), "person": set()}
    ):
        if pair.kind == "service" and pair.first_id in ids and pair.second_id in ids:
            duplicates[pair.first_id].append(pair.second_name)
            duplicates[pair.second_id].append(pair.first_name)
    author = session.get(Meta, "author")
    return build_report(
        journey.name if journey else label("all_journeys"),
        journey.description if journey else "",
        found,
        services,
        people_filter_for(found, mode),  # type: ignore[arg-type]
        findings={topic: "\n".join(values) for topic, values in texts.items()},
        duplicates=dict(duplicates),
        author=author.value if author else "",
    )


@pytest.mark.parametrize("mode", PARTICIPANT_MODES)
def test_the_report_read_with_sqlite_is_the_document_the_orm_read_gave(
    database: Database, mode: str
) -> None:
    blocks = 0
    with database.session() as session:
        for journey_id in journey_ids(database):
            expected = orm_report(session, journey_id, mode)
            document = report_document(database, journey_id, mode)  # type: ignore[arg-type]
            assert document.properties == expected.properties, journey_id
            assert document.blocks == expected.blocks, journey_id
            blocks += len(document.blocks)
    assert blocks > 100


def test_a_plain_connection_reads_the_same_report_as_the_open_database(demo_db: Database) -> None:
    with reading(demo_db.path) as connection:
        assert report_document(connection).blocks == report_document(demo_db).blocks


def test_a_journey_is_found_by_a_unique_prefix_only_literally(demo_db: Database) -> None:
    with_report_edges(demo_db)
    ids = [journey_id for journey_id in journey_ids(demo_db) if journey_id]
    with reading(demo_db.path) as connection:
        for journey_id in ids:
            assert resolve_journey(connection, journey_id[:8], "reise").id == journey_id
            assert resolve_journey(connection, f" {journey_id} ", "reise").id == journey_id
        for ref in ("", "%", "_" * 8, ids[0][:8].upper(), "zzz"):
            with pytest.raises(NotFoundError):
                resolve_journey(connection, ref, "reise")


def test_the_reads_select_no_bookkeeping_column(demo_db: Database) -> None:
    """Stamps, devices, version vectors and a note's text base are the merge's: at 366
    meetings, decoded, they took 50 of the 112 MB the report's records held."""
    statements: list[str] = []
    with reading(demo_db.path) as connection:
        connection.set_trace_callback(statements.append)
        report_document(connection)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert any("question_key, author, text" in s for s in selects)  # the notes were read
    for name in ("clocks", "field_devices", "seen", "text_base", "hlc", "device_id", "updated_at"):
        assert not [s for s in selects if name in s.replace("deleted", "")], name


def test_a_read_of_a_damaged_file_says_so_in_one_line(demo_db: Database) -> None:
    from models.errors import InnsiktError

    with demo_db.transaction() as session:
        session.connection().exec_driver_sql("DROP TABLE contact")
    with pytest.raises(InnsiktError) as raised, reading(demo_db.path) as connection:
        report_document(connection)
    assert "contact" in str(raised.value) and "\n" not in str(raised.value)
    assert not isinstance(raised.value, sqlite3.Error)
