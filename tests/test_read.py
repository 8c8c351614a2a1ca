"""The plain-SQL read layer returns exactly what the ORM reads it replaced returned.

The ORM versions below are the ones home, `innsikt list` and the catalogue used before
`models.read` (kept here as the reference); both run on the demo, on the demo scaled through the
JSON archive, and on a database with tombstones, empty notes and closed follow-ups.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, col

from models import read, records
from models.archive import import_archive, table_specs, write_archive
from models.queries import meeting_organisations, organisation_names
from models.records import live
from models.storage import Database, open_database
from models.tables import (
    Answer,
    FollowUp,
    Journey,
    Meeting,
    MeetingOrganisation,
    Note,
    Organisation,
    Service,
    ServiceMention,
)
from tests.templates import copy_demo
from tui.home_data import HomeJourney, HomeMeeting, load_home, question_count

# --- the ORM reads as they were ---------------------------------------------------------------


def orm_meeting_rows(session: Session) -> list[read.MeetingRow]:
    journeys = {j.id: j.name for j in session.exec(live(Journey)).all()}
    organisations = meeting_organisations(session)
    notes: dict[str, int] = defaultdict(int)
    for note in session.exec(live(Note).where(Note.text != "")).all():
        notes[note.meeting_id] += 1
    followups: dict[str, int] = defaultdict(int)
    for item in session.exec(live(FollowUp).where(FollowUp.status != "lukket")).all():
        followups[item.meeting_id] += 1
    query = live(Meeting).order_by(col(Meeting.date), col(Meeting.start_time), col(Meeting.title))
    return [
        read.MeetingRow(
            id=meeting.id,
            journey=journeys.get(meeting.journey_id, ""),
            title=meeting.title,
            date=meeting.date.isoformat() if meeting.date else "",
            organisations=", ".join(sorted(organisations.get(meeting.id, []))),
            guide=f"{meeting.guide_key} v{meeting.guide_version}" if meeting.guide_key else "",
            notes=notes[meeting.id],
            open_followups=followups[meeting.id],
        )
        for meeting in session.exec(query).all()
    ]


def orm_journey_rows(session: Session) -> list[read.JourneyRow]:
    counts: dict[str, int] = defaultdict(int)
    for meeting in session.exec(live(Meeting)).all():
        counts[meeting.journey_id] += 1
    return [
        read.JourneyRow(id=j.id, name=j.name, meetings=counts[j.id], description=j.description)
        for j in session.exec(live(Journey).order_by(col(Journey.name))).all()
    ]


def orm_service_rows(session: Session) -> list[read.ServiceRow]:
    names = organisation_names(session)
    mentions: dict[str, set[str]] = defaultdict(set)
    for mention in session.exec(live(ServiceMention)).all():
        mentions[mention.service_id].add(mention.meeting_id)
    return [
        read.ServiceRow(
            id=service.id,
            name=service.name,
            owner=names.get(service.owner_id or "", ""),
            status=service.status,
            criticality=service.criticality,
            nodnett_dependency=service.nodnett_dependency,
            meetings=len(mentions[service.id]),
        )
        for service in session.exec(live(Service).order_by(col(Service.name))).all()
    ]


def orm_answered(session: Session) -> dict[str, set[str]]:
    answered: dict[str, set[str]] = defaultdict(set)
    for note in session.exec(live(Note).where(Note.text != "")).all():
        answered[note.meeting_id].add(note.question_key)
    for answer in session.exec(live(Answer)).all():
        if answer.choices or answer.other_text or answer.state:
            answered[answer.meeting_id].add(answer.question_key)
    for mention in session.exec(live(ServiceMention)).all():
        answered[mention.meeting_id].add(mention.question_key)
    return answered


def orm_home(session: Session) -> tuple[list[HomeJourney], list[HomeMeeting]]:
    by_id = {meeting.id: meeting for meeting in session.exec(live(Meeting)).all()}
    answered = orm_answered(session)
    counts: dict[tuple[str, int], int] = {}
    meetings = [
        HomeMeeting(
            id=row.id,
            journey_id=by_id[row.id].journey_id,
            journey=row.journey,
            title=row.title,
            date=row.date,
            organisations=row.organisations,
            guide=row.guide,
            answered=len(answered[row.id]),
            questions=question_count(by_id[row.id].guide_key, by_id[row.id].guide_version, counts),
            open_followups=row.open_followups,
        )
        for row in orm_meeting_rows(session)
    ]
    journeys = [HomeJourney(r.id, r.name, r.meetings) for r in orm_journey_rows(session)]
    return journeys, meetings


# --- databases --------------------------------------------------------------------------------


def scaled(folder: Path, copies: int) -> Database:
    """The demo with every record but journeys and organisations `copies` times, new ids."""
    demo = open_database(copy_demo(folder / "demo.sqlite"))
    write_archive(demo, folder / "demo.json")
    demo.close()
    archive = json.loads((folder / "demo.json").read_text("utf-8"))
    shared = {row["id"] for name in ("journey", "organisation") for row in archive["tables"][name]}
    targets = {
        spec.name: [name for name, column in spec.columns.items() if column.target is not None]
        for spec in table_specs()
    }
    tables: dict[str, list[dict[str, Any]]] = {}
    for name, rows in archive["tables"].items():
        if name in ("journey", "organisation"):
            tables[name] = rows
            continue
        tables[name] = []
        for copy in range(copies):

            def new(old: str | None, copy: int = copy) -> str | None:
                return (
                    old
                    if old is None or old in shared
                    else str(uuid.uuid5(uuid.NAMESPACE_URL, f"{copy}/{old}"))
                )

            for row in rows:
                row = dict(row, id=new(row["id"]))
                for column in targets[name]:
                    row[column] = new(row[column])
                if name == "service" and copy:
                    row["name"] = f"{row['name']} ({copy + 1})"
                tables[name].append(row)
    (folder / "scaled.json").write_text(json.dumps({**archive, "tables": tables}), "utf-8")
    db = open_database(folder / "scaled.sqlite")
    import_archive(db, folder / "scaled.json")
    return db


def with_edges(db: Database) -> Database:
    """Tombstones, emptied notes, answers with only a state, closed follow-ups, no owner."""
    with db.transaction() as session:
        meetings = session.exec(live(Meeting).order_by(col(Meeting.date))).all()
        records.delete(db, session, meetings[-1])
        journey = records.create(db, session, Journey, name="Aaa tom reise")
        records.create(db, session, Meeting, journey_id=journey.id, title="Uten dato")
        gone = records.create(db, session, Journey, name="Slettet reise")
        records.create(db, session, Meeting, journey_id=gone.id, title="Foreldreløs", guide_key="x")
        records.delete(db, session, gone)
        for note in session.exec(live(Note).where(Note.meeting_id == meetings[0].id)).all()[:3]:
            records.update(db, session, note, text="")
        for answer in session.exec(live(Answer).where(Answer.meeting_id == meetings[1].id)).all():
            records.update(db, session, answer, choices=[], other_text="", state="hoppet over")
        for answer in session.exec(live(Answer).where(Answer.meeting_id == meetings[2].id)).all():
            records.update(db, session, answer, choices=[], other_text="", state="")
        for item in session.exec(live(FollowUp)).all()[:2]:
            records.update(db, session, item, status="lukket")
        link = session.exec(live(MeetingOrganisation)).first()
        assert link is not None
        records.delete(db, session, link)
        service = session.exec(live(Service).where(col(Service.owner_id).is_not(None))).first()
        assert service is not None
        owner = session.get(Organisation, service.owner_id)
        assert owner is not None
        records.update(db, session, owner, deleted=True)
        records.create(db, session, Service, name="Eierløs")
        mention = session.exec(live(ServiceMention)).first()
        assert mention is not None
        records.delete(db, session, mention)
    return db


@pytest.fixture(params=["demo", "scaled", "edges"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    if request.param == "scaled":
        db = scaled(tmp_path, 8)
    else:
        db = open_database(copy_demo(tmp_path / "demo.sqlite"))
        if request.param == "edges":
            with_edges(db)
    yield db
    db.close()


# --- the tests ----------------------------------------------------------------------------


def test_meeting_journey_and_service_lists_equal_the_orm_reads(database: Database) -> None:
    with database.session() as session:
        expected = (
            orm_meeting_rows(session),
            orm_journey_rows(session),
            orm_service_rows(session),
        )
    with read.reading(database.path) as connection:
        got = (
            read.meeting_rows(connection),
            read.journey_rows(connection),
            read.service_rows(connection),
        )
    assert got == expected
    assert len(got[0]) >= 6 and len(got[2]) >= 33


def test_home_equals_the_orm_home_with_answered_and_question_counts(database: Database) -> None:
    with database.session() as session:
        journeys, meetings = orm_home(session)
    home = load_home(database)
    assert home.journeys == tuple(journeys)
    # The ORM reference predates the start time and short names that home shows at 80 columns.
    shown = tuple(m._replace(start_time="", short_organisations="") for m in home.meetings)
    assert shown == tuple(meetings)
    assert any(0 < m.answered < m.questions for m in home.meetings)


def test_home_reads_each_join_table_once(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both of home's readers of the organisations resolve joins through one reading of the
    join records (three small queries before the first frame, not six)."""
    from models import joins

    read_tables: list[str] = []
    real = joins.record_joins

    def record_joins(connection: Any, schemas: Any = ("main",), table: str = "service") -> Any:
        read_tables.append(table)
        return real(connection, schemas, table)

    monkeypatch.setattr(joins, "record_joins", record_joins)
    home = load_home(demo_db)
    assert len(home.meetings) == 6 and all(m.organisations for m in home.meetings)
    assert sorted(read_tables) == sorted(joins.JOIN_TABLES)


def test_catalogue_short_names_equal_the_organisations(database: Database) -> None:
    with database.session() as session:
        expected = {o.name: o.short_name or o.name for o in session.exec(live(Organisation))}
    with read.reading(database.path) as connection:
        assert read.organisation_short_names(connection) == expected


def test_a_damaged_file_is_one_clear_database_error(tmp_path: Path) -> None:
    from models.errors import DatabaseError

    path = tmp_path / "broken.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(DatabaseError), read.reading(path) as connection:
        read.meeting_rows(connection)
