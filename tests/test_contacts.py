"""Contacts under a `people` question and time per question: parsing, writes, merge, erasure, search."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlmodel import select

from models import records
from models.catalogue import ValidationError
from models.contacts import (
    add_contact,
    add_known_contact,
    contact_id,
    contact_line,
    meeting_contacts,
    parse_contact_line,
    remove_contact,
    restore_contact,
)
from models.erase import erase_person
from models.question_time import MAX_STRETCH_SECONDS, add_time, question_times
from models.search import search
from models.storage import Database, open_database
from models.sync.merge import merge_files
from models.sync.snapshot import write_snapshot
from models.tables import (
    Contact,
    Journey,
    Meeting,
    MeetingOrganisation,
    Note,
    Organisation,
    Person,
    QuestionTime,
)


def meeting_in(db: Database) -> str:
    with db.transaction() as session:
        org = records.create(db, session, Organisation, name="Helse Nord RHF", short_name="HN")
        records.create(db, session, Organisation, name="Hemit HF", email_domains=["hemit.no"])
        journey = records.create(db, session, Journey, name="Reise")
        meeting = records.create(db, session, Meeting, journey_id=journey.id, title="Møte")
        records.create(
            db, session, MeetingOrganisation, meeting_id=meeting.id, organisation_id=org.id
        )
        return meeting.id


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Kari Nordmann, seksjonsleder, kari@hemit.no, 912 34 567",
            ("Kari Nordmann", "seksjonsleder", "", "kari@hemit.no", "912 34 567"),
        ),
        (
            "Ola Hansen, +47 41 22 33 44, Helse Nord RHF, leder IKT",
            ("Ola Hansen", "leder IKT", "Helse Nord RHF", "", "+47 41 22 33 44"),
        ),
        ("  Siri  ", ("Siri", "", "", "", "")),
        (
            "Per Berg, Utvikler, innsatsleder-app, per@x.no",
            ("Per Berg", "Utvikler, innsatsleder-app", "", "per@x.no", ""),
        ),
        ("Anne, 2024", ("Anne", "2024", "", "", "")),  # four digits are no phone number
    ],
)
def test_a_contact_line_gives_each_part_its_field_in_any_order(
    line: str, expected: tuple[str, ...]
) -> None:
    parsed = parse_contact_line(line, ["Helse Nord RHF"])
    assert (parsed.name, parsed.role, parsed.organisation, parsed.email, parsed.phone) == expected


@pytest.mark.parametrize("line", ["", " , ", "kari@hemit.no, Kari", "91234567"])
def test_a_contact_line_without_a_name_first_is_refused(line: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_contact_line(line)
    assert "navnet først" in str(caught.value)


def test_adding_a_contact_makes_a_person_with_phone_linked_to_the_question(
    fresh_db: Database,
) -> None:
    meeting_id = meeting_in(fresh_db)
    record_id = add_contact(
        fresh_db, meeting_id, "F1", "Kari Nordmann, rådgiver, kari@hemit.no, 91234567"
    )
    with fresh_db.session() as session:
        (row,) = meeting_contacts(session, meeting_id, "F1")
        contact = session.get(Contact, record_id)
        assert contact is not None
        assert record_id == contact_id(meeting_id, "F1", contact.person_id)
    assert (row.name, row.role, row.email, row.phone) == (
        "Kari Nordmann",
        "rådgiver",
        "kari@hemit.no",
        "91234567",
    )
    assert row.organisation == "Hemit HF"  # from the e-mail domain, not the meeting's
    assert contact_line(row) == "Kari Nordmann, rådgiver, Hemit HF, kari@hemit.no, 91234567"


def test_a_contact_without_organisation_or_address_belongs_to_the_meetings(
    fresh_db: Database,
) -> None:
    meeting_id = meeting_in(fresh_db)
    add_contact(fresh_db, meeting_id, "F1", "Ola Hansen, 41 22 33 44")
    with fresh_db.session() as session:
        (row,) = meeting_contacts(session, meeting_id)
    assert row.organisation == "Helse Nord RHF"


def test_the_same_contact_twice_is_one_record_and_fills_in_what_was_missing(
    fresh_db: Database,
) -> None:
    meeting_id = meeting_in(fresh_db)
    first = add_contact(fresh_db, meeting_id, "F1", "Ola Hansen")
    second = add_contact(fresh_db, meeting_id, "F1", "Ola Hansen, 41 22 33 44")
    assert first == second
    with fresh_db.session() as session:
        assert len(session.exec(select(Contact)).all()) == 1
        assert len(session.exec(select(Person)).all()) == 1
        (row,) = meeting_contacts(session, meeting_id)
    assert row.phone == "41 22 33 44"


def test_a_known_person_is_added_and_a_removed_contact_comes_back(fresh_db: Database) -> None:
    meeting_id = meeting_in(fresh_db)
    with fresh_db.transaction() as session:
        person = records.create(fresh_db, session, Person, name="Siri Dahl", phone="22 33 44 55")
        person_id = person.id
    record_id = add_known_contact(fresh_db, meeting_id, "F1", person_id)
    remove_contact(fresh_db, record_id)
    with fresh_db.session() as session:
        assert meeting_contacts(session, meeting_id) == []
        assert session.get(Person, person_id) is not None  # the person stays
    restore_contact(fresh_db, record_id)
    assert add_known_contact(fresh_db, meeting_id, "F1", person_id) == record_id
    with fresh_db.session() as session:
        assert [row.name for row in meeting_contacts(session, meeting_id)] == ["Siri Dahl"]


def test_two_laptops_adding_the_same_contact_merge_into_one(tmp_path: Path) -> None:
    laptop_a = open_database(tmp_path / "a.sqlite")
    meeting_id = meeting_in(laptop_a)
    with laptop_a.transaction() as session:
        person_id = records.create(laptop_a, session, Person, name="Kari Nordmann").id
    laptop_b = open_database(tmp_path / "b.sqlite")
    merge_files(laptop_b, [write_snapshot(laptop_a, tmp_path / "a0.sqlite")])
    add_known_contact(laptop_a, meeting_id, "F1", person_id)
    add_known_contact(laptop_b, meeting_id, "F1", person_id)
    add_contact(laptop_b, meeting_id, "F1", "Per Berg, 99 88 77 66")
    merge_files(laptop_a, [write_snapshot(laptop_b, tmp_path / "b1.sqlite")])
    with laptop_a.session() as session:
        names = [row.name for row in meeting_contacts(session, meeting_id)]
        assert len(session.exec(select(Contact)).all()) == 2
    assert names == ["Kari Nordmann", "Per Berg"]
    laptop_a.close()
    laptop_b.close()


def test_erasing_a_contact_blanks_the_phone_and_scrubs_it_from_notes(db_path: Path) -> None:
    db = open_database(db_path)
    meeting_id = meeting_in(db)
    add_contact(db, meeting_id, "F1", "Kari Nordmann, rådgiver, kari@hemit.no, 912 34 567")
    with db.transaction() as session:
        records.create(
            db, session, Note, meeting_id=meeting_id, question_key="F1", author="Ola",
            text="Ring Kari Nordmann på 912 34 567.",
        )  # fmt: skip
    erase_person(db, "Kari Nordmann", apply=True)
    with db.session() as session:
        person = session.exec(select(Person)).one()
        note = session.exec(select(Note)).one()
    db.close()
    assert (person.phone, person.email) == ("", "")
    assert "912" not in note.text
    connection = sqlite3.connect(db_path)
    dump = "\n".join(connection.iterdump())
    connection.close()
    assert "912 34 567" not in dump and "91234567" not in dump


def test_search_finds_a_contact_by_name_and_phone(fresh_db: Database) -> None:
    meeting_id = meeting_in(fresh_db)
    add_contact(fresh_db, meeting_id, "F1", "Kari Nordmann, rådgiver, 91234567")
    with fresh_db.engine.connect() as connection:
        raw = connection.connection.driver_connection
        by_phone = search(raw, "91234567")
        by_name = search(raw, "nordmann")
    assert [(hit.kind, hit.question_key) for hit in by_phone] == [("contact", "F1")]
    assert "contact" in {hit.kind for hit in by_name}


def test_time_per_question_adds_up_per_device_and_merges_as_a_sum(tmp_path: Path) -> None:
    laptop_a = open_database(tmp_path / "a.sqlite")
    meeting_id = meeting_in(laptop_a)
    laptop_b = open_database(tmp_path / "b.sqlite")
    merge_files(laptop_b, [write_snapshot(laptop_a, tmp_path / "a0.sqlite")])
    assert add_time(laptop_a, meeting_id, "A1", 30) == 30
    assert add_time(laptop_a, meeting_id, "A1", 45.6) == 75
    add_time(laptop_b, meeting_id, "A1", 60)
    add_time(laptop_b, meeting_id, "A2", 10)
    assert add_time(laptop_b, meeting_id, "A2", -5) == 0  # nothing to add, nothing written
    merge_files(laptop_a, [write_snapshot(laptop_b, tmp_path / "b1.sqlite")])
    merge_files(laptop_b, [write_snapshot(laptop_a, tmp_path / "a1.sqlite")])
    for laptop in (laptop_a, laptop_b):
        with laptop.session() as session:
            assert question_times(session, meeting_id) == {"A1": 135, "A2": 10}
            assert len(session.exec(select(QuestionTime)).all()) == 3
    add_time(laptop_b, meeting_id, "A1", 5)  # B goes on counting after the merge
    merge_files(laptop_a, [write_snapshot(laptop_b, tmp_path / "b2.sqlite")])
    with laptop_a.session() as session:
        assert question_times(session, meeting_id)["A1"] == 140
    laptop_a.close()
    laptop_b.close()


def test_one_stretch_on_a_question_counts_at_most_the_cap(fresh_db: Database) -> None:
    meeting_id = meeting_in(fresh_db)
    assert add_time(fresh_db, meeting_id, "A1", 3 * 60 * 60) == MAX_STRETCH_SECONDS
