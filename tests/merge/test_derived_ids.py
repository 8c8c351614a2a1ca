"""Association records created on two laptops for the same thing get the same id."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from models import records
from models.identity import derived_id
from models.storage import Database, open_database
from models.sync.merge import merge_files
from models.sync.snapshot import write_snapshot
from models.tables import (
    Journey,
    Meeting,
    MeetingOrganisation,
    Note,
    Organisation,
    Participation,
    Person,
)
from tests.merge.laptops import content


def _meeting(db: Database) -> tuple[str, str]:
    with db.transaction() as session:
        journey = records.create(db, session, Journey, name="Reise")
        meeting = records.create(db, session, Meeting, journey_id=journey.id, title="Møte")
        person = records.create(db, session, Person, name="Kari")
    return meeting.id, person.id


def test_one_authors_note_written_on_two_laptops_has_one_id_and_merges_by_it(
    tmp_path: Path,
) -> None:
    laptop_a = open_database(tmp_path / "a.sqlite")
    laptop_b = open_database(tmp_path / "b.sqlite")
    meeting_id, _ = _meeting(laptop_a)
    merge_files(laptop_b, [write_snapshot(laptop_a, tmp_path / "a-0.sqlite")])

    mine = records.save_note(laptop_a, meeting_id, "A1", "Kari", "Skrevet på A")
    theirs = records.save_note(laptop_b, meeting_id, "A1", "Kari", "Skrevet på B")

    assert mine.id == theirs.id == derived_id("note", (meeting_id, "A1", "Kari"))
    merge_files(laptop_a, [write_snapshot(laptop_b, tmp_path / "b-1.sqlite")])
    merge_files(laptop_b, [write_snapshot(laptop_a, tmp_path / "a-1.sqlite")])
    for laptop in (laptop_a, laptop_b):
        with laptop.session() as session:
            assert [note.id for note in session.exec(select(Note)).all()] == [mine.id]
    assert content(laptop_a.path) == content(laptop_b.path)
    laptop_a.close()
    laptop_b.close()


def test_a_role_change_tombstones_the_old_participation_and_makes_the_new_keys_record(
    fresh_db: Database,
) -> None:
    meeting_id, person_id = _meeting(fresh_db)
    with fresh_db.transaction() as session:
        first = records.create(
            fresh_db, session, Participation, meeting_id=meeting_id, person_id=person_id
        )
    with fresh_db.transaction() as session:
        records.update(fresh_db, session, session.get(Participation, first.id), role="referent")
    with fresh_db.session() as session:
        rows = {row.id: (row.role, row.deleted) for row in session.exec(select(Participation))}
    assert rows == {
        derived_id("participation", (meeting_id, person_id, "deltaker")): ("deltaker", True),
        derived_id("participation", (meeting_id, person_id, "referent")): ("referent", False),
    }
    # Back to the first role: the first record is brought back, not made twice.
    with fresh_db.transaction() as session:
        moved = session.get(
            Participation, derived_id("participation", (meeting_id, person_id, "referent"))
        )
        records.update(fresh_db, session, moved, role="deltaker")
    with fresh_db.session() as session:
        rows = {row.id: (row.role, row.deleted) for row in session.exec(select(Participation))}
    assert rows == {
        derived_id("participation", (meeting_id, person_id, "deltaker")): ("deltaker", False),
        derived_id("participation", (meeting_id, person_id, "referent")): ("referent", True),
    }


def test_a_meetings_organisation_registered_apart_on_two_laptops_ends_under_its_keys_id(
    tmp_path: Path,
) -> None:
    """Two laptops register «Helse Vest» (two random ids) and link it to one meeting. The
    organisations match by name, which moves one link's key onto the other's: merged either
    way, one link under the id derived from the kept organisation's key."""
    a, b = (open_database(tmp_path / f"{name}.sqlite") for name in "ab")
    try:
        meeting_id, _ = _meeting(a)
        merge_files(b, [write_snapshot(a, tmp_path / "a0.sqlite")])
        for db in (a, b):
            with db.transaction() as session:
                organisation = records.create(db, session, Organisation, name="Helse Vest")
                records.create(
                    db,
                    session,
                    MeetingOrganisation,
                    meeting_id=meeting_id,
                    organisation_id=organisation.id,
                )
        merge_files(a, [write_snapshot(b, tmp_path / "b1.sqlite")])
        merge_files(b, [write_snapshot(a, tmp_path / "a1.sqlite")])
        assert content(a.path) == content(b.path)
        with a.session() as session:
            (kept,) = session.exec(select(Organisation).where(Organisation.deleted == False)).all()  # noqa: E712
            links = session.exec(select(MeetingOrganisation)).all()
        live = [link for link in links if not link.deleted]
        assert [(link.id, link.organisation_id) for link in live] == [
            (derived_id("meeting_organisation", (meeting_id, kept.id)), kept.id)
        ]
        for link in links:
            key = (link.meeting_id, link.organisation_id)
            assert link.id == derived_id("meeting_organisation", key)
    finally:
        a.close()
        b.close()
