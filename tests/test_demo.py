"""The demo journey: realistic, fictional, consistent with the guides, and loaded only once.

`demo_db` is the file `load_demo` wrote into a new database (tests/conftest.py copies it); the
tests of loading itself load it into `fresh_db`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlmodel import Session, select

from models import records
from models.archive import archive_document, import_archive, write_archive
from models.demo import load_demo
from models.guides import find_guide
from models.storage import Database, open_database
from models.tables import (
    CRITICALITIES,
    CRITICALITY_ASSESSMENTS,
    FOLLOWUP_STATUSES,
    MEETING_ROLES,
    NODNETT_DEPENDENCIES,
    QUESTION_STATES,
    SERVICE_STATUSES,
    SYNCED_TABLES,
    Answer,
    FollowUp,
    Journey,
    Meeting,
    MeetingOrganisation,
    Meta,
    Note,
    Organisation,
    Participation,
    Person,
    Service,
    ServiceMention,
)
from models.vocabulary import ORGANISATIONS, REGIONS, known_organisation
from tui.cli import cli

REGIONAL = {"Sykehuspartner HF", "HEMIT HF", "Helse Vest IKT", "Helse Nord IKT"}


@pytest.fixture
def session(demo_db: Database) -> Iterator[Session]:
    with demo_db.session() as session:
        yield session


def all_rows(db: Database) -> dict[str, list[dict[str, Any]]]:
    """Every row of every synced table, plus the stored clock, as comparable values."""
    with db.session() as session:
        rows = {
            model.__tablename__: sorted(
                (record.model_dump() for record in session.exec(select(model)).all()),
                key=lambda row: row["id"],
            )
            for model in SYNCED_TABLES
        }
        rows["meta"] = [meta.model_dump() for meta in session.exec(select(Meta)).all()]
    return rows


def test_journey_is_clearly_marked_as_fictional_example(session: Session) -> None:
    journey = session.exec(select(Journey)).one()
    assert journey.name == "Eksempel: Mobile tjenester i helse – innsiktsreise 2026"
    assert "FIKTIVE EKSEMPELDATA" in journey.description
    emails = [person.email for person in session.exec(select(Person)).all()]
    assert emails and all(email.endswith("@eksempel.no") for email in emails)


def test_all_canonical_organisations_exist_with_their_regions(session: Session) -> None:
    organisations = {o.name: o for o in session.exec(select(Organisation)).all()}
    for known in ORGANISATIONS:
        assert organisations[known.name].short_name == known.short_name
        assert organisations[known.name].region == known.region
    assert all(o.region in REGIONS for o in organisations.values())


def test_canonical_organisations_match_the_guides_a1_choices() -> None:
    question = find_guide("mobile-tjenester", 1).question("A1")
    assert question is not None
    for known in ORGANISATIONS:
        assert question.choice_regions[known.guide_choice] == known.region
        assert known.region in REGIONS
        for label in (known.name, known.short_name.lower(), known.guide_choice):
            assert known_organisation(label) == known
    assert known_organisation("Ukjent HF") is None


def test_at_least_four_regional_organisations_have_a_meeting_in_autumn_2026(
    session: Session,
) -> None:
    names = {o.id: o.name for o in session.exec(select(Organisation)).all()}
    met = {names[link.organisation_id] for link in session.exec(select(MeetingOrganisation)).all()}
    assert met >= REGIONAL
    meetings = session.exec(select(Meeting)).all()
    assert len(meetings) >= 5
    for meeting in meetings:
        assert meeting.date is not None and (meeting.date.year, meeting.date.month) in (
            (2026, 10),
            (2026, 11),
        )
        assert meeting.start_time < meeting.end_time
        assert meeting.place or meeting.teams
        guide = find_guide(meeting.guide_key, meeting.guide_version)
        assert guide.version == 1
    assert Counter(m.guide_key for m in meetings)["mobile-tjenester"] >= 5


def test_every_meeting_has_participants_facilitators_and_two_note_takers(
    session: Session,
) -> None:
    roles: dict[str, Counter[str]] = defaultdict(Counter)
    for participation in session.exec(select(Participation)).all():
        assert participation.role in MEETING_ROLES
        roles[participation.meeting_id][participation.role] += 1
    for meeting in session.exec(select(Meeting)).all():
        assert roles[meeting.id]["referent"] == 2
        assert roles[meeting.id]["fasilitator"] >= 1
        assert roles[meeting.id]["deltaker"] >= 2


def referent_names(session: Session, meeting_id: str) -> set[str]:
    people = {p.id: p.name for p in session.exec(select(Person)).all()}
    return {
        people[p.person_id]
        for p in session.exec(select(Participation).where(Participation.meeting_id == meeting_id))
        if p.role == "referent"
    }


def test_two_note_takers_write_different_notes_on_most_text_questions(session: Session) -> None:
    for meeting in session.exec(select(Meeting)).all():
        guide = find_guide(meeting.guide_key, meeting.guide_version)
        text_questions = {q.key for q in guide.questions() if q.kind == "text"}
        notes = session.exec(select(Note).where(Note.meeting_id == meeting.id)).all()
        authors = referent_names(session, meeting.id)
        assert {note.author for note in notes} == authors
        by_question: dict[str, dict[str, str]] = defaultdict(dict)
        for note in notes:
            assert note.question_key in text_questions
            assert len(note.text) > 60
            by_question[note.question_key][note.author] = note.text
        both_differ = [
            key
            for key, texts in by_question.items()
            if len(texts) == 2 and len(set(texts.values())) == 2
        ]
        assert len(both_differ) > len(text_questions) / 2, meeting.title


def test_choice_answers_come_from_the_guides_lists(session: Session) -> None:
    meetings = {m.id: m for m in session.exec(select(Meeting)).all()}
    states = Counter()
    answers = session.exec(select(Answer)).all()
    for answer in answers:
        meeting = meetings[answer.meeting_id]
        question = find_guide(meeting.guide_key, meeting.guide_version).question(
            answer.question_key
        )
        assert question is not None
        assert answer.author in referent_names(session, meeting.id)
        assert answer.state in QUESTION_STATES
        states[answer.state] += 1
        if answer.state:
            assert answer.choices == []
            continue
        assert question.kind in ("choice", "multi")
        assert answer.choices and set(answer.choices) <= set(question.choices)
        if question.kind == "choice":
            assert len(answer.choices) == 1
        assert bool(answer.other_text) == ("annet" in answer.choices)
    assert states["ikke relevant"] >= 1 and states["hoppet over"] >= 1
    assert any(answer.other_text for answer in answers)


def test_at_least_25_services_with_every_field_from_the_allowed_lists(session: Session) -> None:
    services = session.exec(select(Service)).all()
    assert len(services) >= 25
    organisations = {o.id for o in session.exec(select(Organisation)).all()}
    guide = find_guide("mobile-tjenester", 1)
    user_groups = set(guide.question("A3").choices)
    equipment = set(guide.question("C2").choices)
    connectivity = set(guide.question("C3").choices)
    for service in services:
        for name in Service.content_fields:
            assert getattr(service, name), f"{service.name}: {name} is empty"
        assert service.owner_id in organisations
        assert set(service.regions) <= set(REGIONS)
        assert service.status in SERVICE_STATUSES
        assert set(service.user_groups) <= user_groups
        assert set(service.equipment) <= equipment
        assert set(service.connectivity) <= connectivity
        assert service.criticality in CRITICALITIES
        assert service.criticality_assessment in CRITICALITY_ASSESSMENTS
        assert service.nodnett_dependency in NODNETT_DEPENDENCIES
    assert {s.status for s in services} == set(SERVICE_STATUSES)
    assert {s.criticality_assessment for s in services} == set(CRITICALITY_ASSESSMENTS)
    assert {s.nodnett_dependency for s in services} == set(NODNETT_DEPENDENCIES)
    assert len({s.criticality for s in services}) >= 4


def test_every_service_is_mentioned_and_several_in_three_meetings(session: Session) -> None:
    meetings = {m.id: m for m in session.exec(select(Meeting)).all()}
    seen: dict[str, set[str]] = defaultdict(set)
    for mention in session.exec(select(ServiceMention)).all():
        meeting = meetings[mention.meeting_id]
        question = find_guide(meeting.guide_key, meeting.guide_version).question(
            mention.question_key
        )
        assert question is not None and question.kind == "services"
        assert mention.remark
        seen[mention.service_id].add(mention.meeting_id)
    services = session.exec(select(Service)).all()
    assert all(seen[service.id] for service in services)
    assert sum(len(seen[service.id]) >= 3 for service in services) >= 5


def test_one_service_is_recorded_twice_under_similar_names(session: Session) -> None:
    names = [s.name for s in session.exec(select(Service)).all()]
    lifex = [name for name in names if name.casefold().startswith("lifex")]
    assert sorted(lifex) == ["LifeX mobilklient", "Lifex mobil"]


def test_every_meeting_has_follow_ups_with_valid_status(session: Session) -> None:
    followups = session.exec(select(FollowUp)).all()
    per_meeting = Counter(item.meeting_id for item in followups)
    assert all(per_meeting[m.id] >= 2 for m in session.exec(select(Meeting)).all())
    assert {item.status for item in followups} == set(FOLLOWUP_STATUSES)
    assert all(item.who and item.due_date for item in followups)


def test_every_record_carries_clock_and_device(demo_db: Database, session: Session) -> None:
    for model in SYNCED_TABLES:
        for record in session.exec(select(model)).all():
            assert record.hlc and record.device_id == demo_db.device_id
            assert set(record.clocks) == set(model.content_fields)


def test_loading_twice_changes_nothing(demo_db: Database) -> None:
    before = all_rows(demo_db)
    summary = load_demo(demo_db)
    assert summary.created == 0
    assert all_rows(demo_db) == before


def synced_ids(db: Database) -> dict[str, list[str]]:
    rows = all_rows(db)
    return {
        model.__tablename__: [row["id"] for row in rows[model.__tablename__]]
        for model in SYNCED_TABLES
    }


def test_loading_twice_leaves_the_archive_identical(demo_db: Database) -> None:
    before = archive_document(demo_db)["tables"]
    load_demo(demo_db)
    assert archive_document(demo_db)["tables"] == before


def test_demo_survives_an_archive_round_trip(demo_db: Database, tmp_path: Path) -> None:
    path = write_archive(demo_db, tmp_path / "demo.json")
    other = open_database(tmp_path / "other.sqlite")
    try:
        import_archive(other, path)
        assert archive_document(other)["tables"] == archive_document(demo_db)["tables"]
        assert load_demo(other).created == 0
    finally:
        other.close()


def test_a_demo_record_the_user_deleted_stays_deleted(demo_db: Database) -> None:
    with demo_db.transaction() as session:
        note = session.exec(select(Note)).first()
        assert note is not None
        records.delete(demo_db, session, note)
    assert load_demo(demo_db).created == 0
    with demo_db.session() as session:
        assert session.get(Note, note.id).deleted


def test_same_ids_on_every_database(demo_db: Database, tmp_path: Path) -> None:
    other = open_database(tmp_path / "other.sqlite")
    try:
        load_demo(other)
        assert synced_ids(other) == synced_ids(demo_db)
    finally:
        other.close()


def test_demo_reuses_an_organisation_the_user_already_made(fresh_db: Database) -> None:
    with fresh_db.transaction() as session:
        mine = records.create(fresh_db, session, Organisation, name="HEMIT HF", short_name="H")
    load_demo(fresh_db)
    with fresh_db.session() as session:
        hemit = session.exec(select(Organisation).where(Organisation.name == "HEMIT HF")).all()
        assert [o.id for o in hemit] == [mine.id]
        linked = session.exec(
            select(MeetingOrganisation).where(MeetingOrganisation.organisation_id == mine.id)
        ).all()
        assert len(linked) == 1


def test_demo_loads_every_record_in_one_go(fresh_db: Database) -> None:
    # Its speed is for bench/, not a timed test: a loaded CI machine must not fail it.
    summary = load_demo(fresh_db)
    assert summary.created > 300


def test_innsikt_demo_succeeds_twice_and_reports_counts(db_path: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(cli, ["demo", "--db", str(db_path)])
    second = runner.invoke(cli, ["demo", "--db", str(db_path)])
    assert first.exit_code == 0, first.output
    assert second.exit_code == 0, second.output
    assert "6 møter, 33 tjenester" in first.output
    assert second.output == first.output
    db = open_database(db_path)
    try:
        with db.session() as session:
            assert len(session.exec(select(Meeting)).all()) == 6
    finally:
        db.close()
