"""What the set-up form writes: the meeting, its organisations and people, each once."""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from models.meeting_form import AnswerState, MeetingForm, ParticipantLine
from models.meetings import create_meeting
from models.records import live
from models.storage import Database
from models.tables import (
    Journey,
    Meeting,
    MeetingOrganisation,
    Organisation,
    Participation,
    Person,
)
from tui.store import (
    load_capture,
    load_home,
    remember_author,
    remembered_author,
)


def form(**changes: object) -> MeetingForm:
    values: dict[str, object] = {
        "title": "Møte med Helse Nord IKT",
        "date": dt.date(2026, 11, 23),
        "start_time": "09:00",
        "end_time": "11:30",
        "place": "Tromsø",
        "teams": False,
        "organisations": ("Helse Nord IKT", "Ny kommune æøå"),
        "participants": (
            ParticipantLine("Åse Øvrebø", "seksjonsleder", "Helse Nord IKT"),
            ParticipantLine("Per 😀", "", "helse nord ikt"),
        ),
        "facilitators": ("Kari",),
        "note_takers": ("Ola", "Kari"),
        "guide_key": "mobile-tjenester",
        "guide_version": 1,
        "journey_id": None,
        "new_journey": "Reise nord",
    }
    values.update(changes)
    return MeetingForm(**values)  # type: ignore[arg-type]


def test_a_meeting_is_written_with_new_journey_organisations_and_people(fresh_db: Database) -> None:
    meeting_id = create_meeting(fresh_db, form())
    with fresh_db.session() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None and meeting.place == "Tromsø"
        journey = session.get(Journey, meeting.journey_id)
        assert journey is not None and journey.name == "Reise nord"
        organisations = {o.name for o in session.exec(live(Organisation)).all()}
        assert organisations == {"Helse Nord IKT", "Ny kommune æøå"}
        links = session.exec(live(MeetingOrganisation)).all()
        assert len(links) == 2
        people = {p.name: p for p in session.exec(live(Person)).all()}
        assert set(people) == {"Åse Øvrebø", "Per 😀", "Kari", "Ola"}
        roles = sorted(
            (people_by_id.name, part.role)
            for part in session.exec(live(Participation)).all()
            for people_by_id in [session.get(Person, part.person_id)]
            if people_by_id is not None
        )
    assert roles == [
        ("Kari", "fasilitator"),
        ("Kari", "referent"),
        ("Ola", "referent"),
        ("Per 😀", "deltaker"),
        ("Åse Øvrebø", "deltaker"),
    ]
    assert meeting.clocks and meeting.hlc


def test_a_second_meeting_reuses_the_journey_people_and_organisations(fresh_db: Database) -> None:
    first = create_meeting(fresh_db, form())
    with fresh_db.session() as session:
        journey_id = session.get(Meeting, first).journey_id  # type: ignore[union-attr]
    create_meeting(fresh_db, form(journey_id=journey_id, new_journey=""))
    with fresh_db.session() as session:
        assert len(session.exec(live(Journey)).all()) == 1
        assert len(session.exec(live(Organisation)).all()) == 2
        assert len(session.exec(live(Person)).all()) == 4
        assert len(session.exec(select(Meeting)).all()) == 2


def test_home_counts_answered_questions_and_capture_loads_by_prefix(fresh_db: Database) -> None:
    from models.records import save_note

    meeting_id = create_meeting(fresh_db, form())
    save_note(fresh_db, meeting_id, "A2", "Kari", "roller")
    save_note(fresh_db, meeting_id, "A2", "Ola", "roller også")
    save_note(fresh_db, meeting_id, "B2", "Ola", "")
    home = load_home(fresh_db)
    assert [(m.answered, m.questions) for m in home.meetings] == [(1, 24)]
    capture = load_capture(fresh_db, meeting_id[:6])
    assert capture.notes[("A2", "Ola")] == "roller også"
    assert capture.guide.key == "mobile-tjenester"


def test_the_author_is_remembered_per_database(fresh_db: Database) -> None:
    assert remembered_author(fresh_db) == ""
    remember_author(fresh_db, "Åse")
    remember_author(fresh_db, "Åse Ø")
    assert remembered_author(fresh_db) == "Åse Ø"


def test_the_organisation_question_is_answered_from_the_set_up() -> None:
    from models.guides import find_guide
    from models.meetings import organisation_answer

    guide = find_guide("mobile-tjenester", 1)
    assert organisation_answer(guide, ("hemit hf",)) == ("A1", AnswerState(["HEMIT HF"], "", ""))
    key, answer = organisation_answer(guide, ("Fjordvik kommune",))
    assert (key, answer.choices, answer.other_text) == ("A1", ["annen"], "Fjordvik kommune")
    key, answer = organisation_answer(guide, ("Norsk Helsenett SF", "HEMIT HF"))
    assert answer.choices == ["Norsk Helsenett SF"]  # a single choice takes the first
    assert organisation_answer(find_guide("brukergrupper"), ("HEMIT HF",))[0] == ""
