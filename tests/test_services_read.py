"""The services export read with plain SQL equals the ORM read it replaced, in every people mode.

`orm_service_table` is `exports.services.service_table` as it was (every meeting's records
loaded as ORM objects), kept as the reference; both run on the demo, on the demo scaled through
the JSON archive, and on a database with tombstones and blank notes where people are concerned.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import col

from exports.minutes_content import people_filter_for
from exports.people import PARTICIPANT_MODES, Participants
from exports.safe import clean
from exports.service_fields import SERVICE_COLUMNS, service_order
from exports.services import ID_COLUMN, MEETINGS_COLUMN, service_table
from models import records
from models.content_queries import load_meeting_records
from models.demo import load_demo
from models.records import live
from models.storage import Database, open_database
from models.tables import (
    Answer,
    Meeting,
    Note,
    Participation,
    Person,
    Service,
    ServiceMention,
)
from tests.test_read import scaled, with_edges


def orm_service_table(db: Database, participants: Participants = "alle") -> list[list[str]]:
    with db.session() as session:
        found = load_meeting_records(session)
    people = people_filter_for(found, participants)
    header = [name for name, _, _ in SERVICE_COLUMNS] + [MEETINGS_COLUMN[0], ID_COLUMN[0]]
    contact_column = header.index("Kontaktperson")
    rows = [header]
    contacts: dict[str, str] = {}
    held_by: dict[str, list[str]] = {}
    for meeting in found.meetings:
        for service_id in dict.fromkeys(m.service_id for m in found.mentions.get(meeting.id, [])):
            held_by.setdefault(service_id, []).append(meeting.title)
    for service in sorted(found.services.values(), key=service_order):
        row = [
            people.scrub(clean(getter(service, found.organisations)))
            for _, getter, _ in SERVICE_COLUMNS
        ]
        contact = row[contact_column]
        if not people.shows_names and contact == clean(service.contact_person) and contact:
            row[contact_column] = contacts.setdefault(contact, f"Kontaktperson {len(contacts) + 1}")
        row.append(people.scrub(clean("; ".join(held_by.get(service.id, [])))))
        row.append(service.id)
        rows.append(row)
    return rows


def with_people_edges(db: Database) -> Database:
    """`with_edges`, and: blank-only notes, people and links gone, mentions of a gone meeting."""
    with_edges(db)
    with db.transaction() as session:
        meetings = session.exec(live(Meeting).order_by(col(Meeting.date))).all()
        first, second = meetings[0].id, meetings[1].id
        # Only blanks (a no-break space among them): no author for the filter to know.
        records.create(
            db, session, Note, meeting_id=first, question_key="A1", author="Blanke Berit",
            text=" \u00a0\n\t",
        )  # fmt: skip
        records.create(
            db, session, Note, meeting_id=first, question_key="A2", author="Tekst Tone",
            text="Tone Tekst sa at Berit ikke var der.",
        )  # fmt: skip
        records.create(
            db, session, Answer, meeting_id=second, question_key="A1", author="Svar Sven"
        )
        taking_part = session.exec(live(Participation)).all()
        records.delete(db, session, taking_part[0])
        person = session.get(Person, taking_part[1].person_id)
        assert person is not None
        records.delete(db, session, person)
        service = records.create(
            db, session, Service, name="Tjeneste 10", contact_person="Kontakt Kjell",
            description="Blanke Berit, Svar Sven og Tekst Tone kjenner den.",
        )  # fmt: skip
        records.create(db, session, Service, name="Tjeneste 9", contact_person="Kontakt Kjell")
        gone = records.create(
            db, session, Meeting, journey_id=meetings[0].journey_id, title="Slettet møte"
        )
        records.create(db, session, ServiceMention, service_id=service.id, meeting_id=gone.id)
        records.create(db, session, ServiceMention, service_id=service.id, meeting_id=first)
        records.create(
            db, session, ServiceMention, service_id=service.id, meeting_id=first, question_key="B1"
        )
        records.delete(db, session, gone)
        deleted = session.exec(live(Service)).first()
        assert deleted is not None
        records.delete(db, session, deleted)
    return db


@pytest.fixture(scope="module", params=["demo", "scaled", "edges"])
def database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    folder = tmp_path_factory.mktemp(request.param)
    if request.param == "scaled":
        db = scaled(folder, 8)
    else:
        db = open_database(folder / "demo.sqlite")
        load_demo(db)
        if request.param == "edges":
            with_people_edges(db)
    yield db
    db.close()


@pytest.mark.parametrize("participants", PARTICIPANT_MODES)
def test_services_table_equals_the_orm_table(database: Database, participants: str) -> None:
    expected = orm_service_table(database, participants)  # type: ignore[arg-type]
    assert service_table(database, participants) == expected  # type: ignore[arg-type]
    assert len(expected) > 30


def test_the_edges_are_there_to_be_compared(database: Database) -> None:
    """The edge database holds what the comparison is meant to cover."""
    if not database.path.parent.name.startswith("edges"):
        pytest.skip("only the edge database has the added services")
    named = {row[0]: row for row in service_table(database)}
    hidden = {row[0]: row for row in service_table(database, "pseudonym")}
    with database.session() as session:
        (first,) = session.exec(live(Meeting).order_by(col(Meeting.date)).limit(1)).all()
    # Two mentions in one live meeting and one in a deleted meeting: that meeting, once.
    assert named["Tjeneste 10"][-2] == first.title
    # Service contacts who are nobody met get one numbered stand-in, the same for both.
    assert hidden["Tjeneste 9"][-3] == hidden["Tjeneste 10"][-3] != "Kontakt Kjell"
    # Only writing blanks makes nobody an author whose name is hidden.
    description = hidden["Tjeneste 10"][1]
    assert "Blanke Berit" in description
    assert "Svar Sven" not in description and "Tekst Tone" not in description
    # Natural order: «Tjeneste 9» before «Tjeneste 10».
    assert list(named).index("Tjeneste 9") < list(named).index("Tjeneste 10")
