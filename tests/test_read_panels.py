"""The side panels' plain-SQL reads return exactly what the ORM reads they replaced return.

The ORM readers (`mentioned_services`, `meeting_contacts` with `known_people`,
`meeting_followups`) are still in models/ for the exports and the merge; both run for every
meeting and question of the demo, of the demo with tombstones and edges, and of one where
services, people and organisations were joined into others while references still name the
absorbed ones (twin mentions, twin contacts, a participant and an owner named by an old id).
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from models import records
from models.contacts import add_contact, known_people, meeting_contacts
from models.followups import add_followup, meeting_followups
from models.mentions import mentioned_services
from models.read import reading
from models.read_panels import known_contacts, panel_contacts, panel_followups, panel_mentions
from models.records import live
from models.storage import Database
from models.tables import (
    Contact,
    FollowUp,
    Meeting,
    Organisation,
    OrganisationJoin,
    Participation,
    Person,
    PersonJoin,
    Service,
    ServiceJoin,
    ServiceMention,
)
from tests.test_read_capture import with_capture_edges


def with_joins(db: Database) -> Database:
    """On top of the edges: joins whose absorbed records are still named by mentions, contacts,
    participations and people, and follow-ups of every shape (due, undated, closed, deleted,
    of a deleted meeting)."""
    with_capture_edges(db)
    with db.session() as session:
        meetings = [m.id for m in session.exec(live(Meeting).order_by(Meeting.id)).all()]
    first, second = meetings[:2]
    add_contact(db, first, "F1", "Siv Dahl, rådgiver, siv@example.no")
    add_contact(db, first, "F1", "Siv Dahl mobil, 91 22 33 44")
    add_contact(db, first, "F1", "Ole Brå")
    add_followup(db, first, "Ringe leverandøren", "Ole", "2026-12-01")
    add_followup(db, first, "Lukke saken")
    gone = add_followup(db, first, "Slettes")
    add_followup(db, second, "Før møtet ble slettet")
    with db.transaction() as session:
        services = session.exec(live(Service).order_by(Service.name)).all()
        kept, absorbed, other = services[:3]
        for service, remark in (
            (kept, "daglig / på vakt"),
            (absorbed, "på vakt / ute"),
            (other, ""),
        ):
            records.create(
                db, session, ServiceMention, service_id=service.id, meeting_id=first,
                question_key="B1", remark=remark,
            )  # fmt: skip
        records.create(db, session, ServiceJoin, service_id=absorbed.id, into_id=kept.id)
        siv = session.exec(select(Person).where(Person.name == "Siv Dahl")).one()
        siv_mobile = session.exec(select(Person).where(Person.name == "Siv Dahl mobil")).one()
        records.create(db, session, PersonJoin, person_id=siv_mobile.id, into_id=siv.id)
        # A participant named by the absorbed id: taking part, as the kept person.
        records.create(
            db, session, Participation, meeting_id=first, person_id=siv_mobile.id,
            role="deltaker",
        )  # fmt: skip
        organisations = session.exec(live(Organisation).order_by(Organisation.name)).all()
        records.create(
            db, session, OrganisationJoin, organisation_id=organisations[0].id,
            into_id=organisations[1].id,
        )  # fmt: skip
        records.update(db, session, siv, organisation_id=organisations[0].id)
        item = session.get(FollowUp, gone)
        assert item is not None
        records.delete(db, session, item)
        meeting = session.get(Meeting, second)
        assert meeting is not None
        records.delete(db, session, meeting)
        erased = records.create(db, session, Person, name="[slettet person]")
        records.create(db, session, Person, name="  ")
        records.create(
            db, session, Contact, meeting_id=first, question_key="F1", person_id=erased.id
        )
    return db


@pytest.fixture(params=["demo", "edges", "joins"])
def database(request: pytest.FixtureRequest, demo_db: Database) -> Database:
    if request.param == "edges":
        return with_capture_edges(demo_db)
    if request.param == "joins":
        return with_joins(demo_db)
    return demo_db


def keys_of(db: Database) -> tuple[list[str], list[str]]:
    """Every meeting id (deleted ones too) and every question key anything names, plus one
    that nothing names."""
    with db.session() as session:
        meetings = [m.id for m in session.exec(select(Meeting)).all()]
        keys = {m.question_key for m in session.exec(select(ServiceMention)).all()}
        keys |= {c.question_key for c in session.exec(select(Contact)).all()}
    return meetings, sorted(keys | {"B1", "F1", "Z9"})


def test_the_services_panels_rows_equal_the_orm_read(database: Database) -> None:
    meetings, keys = keys_of(database)
    shown = 0
    with database.session() as session, reading(database.path) as connection:
        for meeting_id in meetings:
            for key in keys:
                expected = mentioned_services(session, meeting_id, key)
                assert panel_mentions(connection, meeting_id, key) == expected, (meeting_id, key)
                shown += len(expected)
    assert shown >= 10


def test_the_contacts_panels_rows_and_known_people_equal_the_orm_read(database: Database) -> None:
    meetings, keys = keys_of(database)
    taking_part = 0
    with database.session() as session, reading(database.path) as connection:
        for meeting_id in meetings:
            people = known_people(session, meeting_id)
            for key in keys:
                expected = meeting_contacts(session, meeting_id, key)
                assert panel_contacts(connection, meeting_id, key) == expected, (meeting_id, key)
            assert known_contacts(connection, meeting_id) == people, meeting_id
            taking_part += sum(p.in_meeting for p in people)
    assert taking_part >= 10 and len(people) > 20


def test_the_follow_ups_panels_rows_equal_the_orm_read(database: Database) -> None:
    meetings, _keys = keys_of(database)
    shown = 0
    with database.session() as session, reading(database.path) as connection:
        for meeting_id in meetings:
            expected = meeting_followups(session, meeting_id)
            assert panel_followups(connection, meeting_id) == expected, meeting_id
            shown += len(expected)
    assert shown >= 3


def test_the_joined_records_read_as_the_kept_ones_once(demo_db: Database) -> None:
    """What the equality above holds, seen once by hand: twins shown once, remarks joined."""
    with_joins(demo_db)
    with demo_db.session() as session:
        first = sorted(m.id for m in session.exec(live(Meeting)).all())[0]
    with reading(demo_db.path) as connection:
        mentions = panel_mentions(connection, first, "B1")
        contacts = panel_contacts(connection, first, "F1")
        people = known_contacts(connection, first)
        followups = panel_followups(connection, first)
    remarks = [row.remark for row in mentions]
    assert "daglig / på vakt / ute" in remarks
    assert [row.name for row in contacts] == ["[slettet person]", "Ole Brå", "Siv Dahl"]
    siv = next(p for p in people if p.name == "Siv Dahl")
    assert siv.in_meeting and siv.organisation  # the absorbed organisation names the kept one
    assert not any(p.name.startswith("[") or not p.name.strip() for p in people)
    due = {row.what: row.due_date for row in followups}
    assert due["Ringe leverandøren"] == dt.date(2026, 12, 1) and due["Lukke saken"] is None
    assert "Slettes" not in due
