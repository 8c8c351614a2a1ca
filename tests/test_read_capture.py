"""Capture's plain-SQL read returns exactly what the ORM read it replaced returned.

The ORM version below is `load_capture` as it was before `models.read_capture` (kept here as the
reference); both run on every meeting of the demo, with and without tombstones, emptied notes,
contacts, follow-ups, time per question and a person or organisation deleted.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from models import queries, records
from models.contacts import add_contact, meeting_contacts
from models.errors import GuideError, NotFoundError
from models.followups import add_followup, meeting_followups
from models.guides import find_guide
from models.meeting_form import AnswerState
from models.question_time import add_time, question_times
from models.read import reading
from models.read_capture import capture_rows
from models.records import live
from models.roles import Role
from models.storage import Database
from models.tables import (
    Answer,
    Meeting,
    Note,
    Organisation,
    Participation,
    Person,
    ServiceMention,
)
from tests.test_read import with_edges
from tui.capture_data import CaptureData, load_capture

# --- the ORM read as it was -------------------------------------------------------------------


def orm_speakers(session: Session, meeting_id: str) -> tuple[tuple[str, str], ...]:
    names = queries.organisation_names(session)
    order = {Role.PARTICIPANT: 0, Role.FACILITATOR: 1, Role.NOTE_TAKER: 2}
    rows = session.exec(live(Participation).where(Participation.meeting_id == meeting_id)).all()
    speakers: list[tuple[str, str]] = []
    for participation in sorted(rows, key=lambda row: order.get(row.role, 3)):
        person = session.get(Person, participation.person_id)
        if person is None or person.deleted:
            continue
        speaker = (person.name, names.get(person.organisation_id or "", ""))
        if speaker not in speakers:
            speakers.append(speaker)
    return tuple(speakers)


def orm_capture(db: Database, meeting_ref: str) -> CaptureData:
    with db.session() as session:
        meeting = records.resolve(session, Meeting, meeting_ref, "møte")
        guide = find_guide(meeting.guide_key or "mobile-tjenester", meeting.guide_version or None)
        live_notes = session.exec(live(Note).where(Note.meeting_id == meeting.id)).all()
        stamps = session.exec(select(Note).where(Note.meeting_id == meeting.id)).all()
        answers = session.exec(live(Answer).where(Answer.meeting_id == meeting.id)).all()
        mentions = session.exec(live(ServiceMention).where(ServiceMention.meeting_id == meeting.id))
        organisations = queries.meeting_organisations(session)[meeting.id]
        return CaptureData(
            meeting_id=meeting.id,
            title=meeting.title,
            date=meeting.date,
            start_time=meeting.start_time,
            organisations=", ".join(sorted(organisations)),
            guide=guide,
            notes={(n.question_key, n.author): n.text for n in live_notes},
            answers={
                (a.question_key, a.author): AnswerState(list(a.choices), a.other_text, a.state)
                for a in answers
            },
            questions_with_services={mention.question_key for mention in mentions.all()},
            note_stamps={(n.question_key, n.author): n.hlc for n in stamps},
            speakers=orm_speakers(session, meeting.id),
            questions_with_contacts={
                row.question_key for row in meeting_contacts(session, meeting.id)
            },
            has_followups=bool(meeting_followups(session, meeting.id)),
            question_seconds=question_times(session, meeting.id),
        )


# --- the databases ----------------------------------------------------------------------------


def with_capture_edges(db: Database) -> Database:
    """On top of `with_edges`: a tombstoned note, contacts (one of a deleted person), follow-ups,
    time on two devices' worth of questions, a deleted participant and organisation."""
    with_edges(db)
    with db.session() as session:
        with_notes = sorted({note.meeting_id for note in session.exec(live(Note)).all()})
        first, second = with_notes[:2]
    add_contact(db, first, "A4", "Per Hansen, leder, per@example.no, 99 88 77 66")
    gone = add_contact(db, first, "A4", "Eva Sletta, rådgiver")
    add_contact(db, second, "A4", "Liv Berg")
    add_followup(db, second, "Sende oversikt", "Kari")
    add_time(db, first, "A1", 125)
    add_time(db, first, "B2", 40)
    with db.transaction() as session:
        note = session.exec(live(Note).where(Note.meeting_id == first)).first()
        assert note is not None
        records.delete(db, session, note)
        contact_person = session.exec(select(Person).where(Person.name == "Eva Sletta")).one()
        records.delete(db, session, contact_person)
        participation = session.exec(live(Participation).where(Participation.meeting_id == second))
        person = session.get(Person, participation.first().person_id)  # type: ignore[union-attr]
        assert person is not None
        records.delete(db, session, person)
        organisation = session.exec(live(Organisation).order_by(col(Organisation.name))).first()
        assert organisation is not None
        records.delete(db, session, organisation)
    assert gone
    return db


@pytest.fixture(params=["demo", "edges"])
def database(request: pytest.FixtureRequest, demo_db: Database) -> Database:
    return with_capture_edges(demo_db) if request.param == "edges" else demo_db


# --- the tests ----------------------------------------------------------------------------


def test_capture_read_equals_the_orm_read_for_every_meeting(database: Database) -> None:
    with database.session() as session:
        ids = [meeting.id for meeting in session.exec(live(Meeting)).all()]
    assert len(ids) >= 6
    shown = 0
    for meeting_id in ids:
        try:
            expected: object = orm_capture(database, meeting_id)
        except GuideError as error:  # a guide not installed here: the same one line
            expected = str(error)
        try:
            got: object = load_capture(database, meeting_id)
        except GuideError as error:
            got = str(error)
        assert got == expected, meeting_id
        shown += isinstance(got, CaptureData) and bool(got.speakers) and bool(got.notes)
    assert shown >= 5


def test_capture_read_from_the_file_equals_the_read_from_the_open_database(
    database: Database,
) -> None:
    with database.session() as session:
        dated = live(Meeting).where(col(Meeting.date).is_not(None)).order_by(col(Meeting.date))
        meeting = session.exec(dated).first()
        assert meeting is not None
    from_file = load_capture(Path(database.path), meeting.id[:6])
    assert from_file == load_capture(database, meeting.id)
    assert from_file.date == meeting.date and isinstance(from_file.date, dt.date)


def test_a_missing_deleted_or_ambiguous_meeting_gives_the_same_error_as_the_orm(
    demo_db: Database,
) -> None:
    with demo_db.transaction() as session:
        meetings = session.exec(live(Meeting)).all()
        records.delete(demo_db, session, meetings[0])
        for suffix in ("1", "2"):  # two meetings whose ids share the prefix «abc»
            records.create(
                demo_db,
                session,
                Meeting,
                id=f"abc{suffix}-møte",
                journey_id=meetings[1].journey_id,
                title="To",
            )
    ids = sorted(meeting.id for meeting in meetings[1:])
    refs = ["zz-no-such", "", "%", "_", meetings[0].id, "abc", " abc"]
    with demo_db.session() as session, reading(demo_db.path) as connection:
        for ref in refs:
            with pytest.raises(NotFoundError) as expected:
                records.resolve(session, Meeting, ref, "møte")
            with pytest.raises(NotFoundError) as got:
                capture_rows(connection, ref, "møte")
            assert (got.value.message_key, str(got.value)) == (
                expected.value.message_key,
                str(expected.value),
            ), ref
        assert capture_rows(connection, ids[0][:12], "møte").meeting_id == ids[0]
