"""A small journey built through models.records, and a hostile one for the safety tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from models.records import create
from models.storage import Database, open_database
from models.tables import (
    Answer,
    FollowUp,
    Journey,
    Meeting,
    MeetingOrganisation,
    Note,
    Organisation,
    Participation,
    Person,
    Service,
    ServiceMention,
)

TEMPLATES = Path(__file__).parent.parent / "data" / "templates"
HOSTILE = 'Kontroll\x00\x07\x1b[31m tegn\x0b\x0c og \x7f💥🚑 æøå ÆØÅ «sitat» <xml> & "\ttab'
LONG_NOTE = ("Lang note med æøå og 🚑. " * 8400)[:200_000]


@dataclass
class Journeyed:
    """Ids of what the fixture created."""

    db: Database
    journey_id: str
    meeting_ids: list[str] = field(default_factory=list)
    service_names: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _organisations(db: Database, session) -> dict[str, Organisation]:
    rows = [
        ("HEMIT HF", "HEMIT", "Helse Midt-Norge"),
        ("Helse Vest IKT", "HVIKT", "Helse Vest"),
        ("HDO – Helsetjenestens driftsorganisasjon for nødnett HF", "HDO", "nasjonal"),
    ]
    return {
        short: create(db, session, Organisation, name=name, short_name=short, region=region)
        for name, short, region in rows
    }


def _person(db, session, meeting, name, role, meeting_role, org) -> None:
    person = create(db, session, Person, name=name, role=role, organisation_id=org.id)
    create(
        db, session, Participation, meeting_id=meeting.id, person_id=person.id, role=meeting_role
    )


def build_journey(db: Database, *, hostile: bool = False) -> Journeyed:
    """Two meetings of one journey: two note-takers, choices, a skipped question, services."""
    extra = f" {HOSTILE}" if hostile else ""
    with db.transaction() as session:
        orgs = _organisations(db, session)
        journey = create(db, session, Journey, name="Mobile tjenester 2019" + extra)
        result = Journeyed(db, journey.id)
        first = create(
            db,
            session,
            Meeting,
            journey_id=journey.id,
            title="Møte med HEMIT" + extra,
            date=dt.date(2019, 12, 2),
            start_time="09:00",
            end_time="11:30",
            place="Trondheim",
            teams=True,
            guide_key="mobile-tjenester",
            guide_version=1,
        )
        second = create(
            db,
            session,
            Meeting,
            journey_id=journey.id,
            title="Møte med Helse Vest IKT",
            date=dt.date(2020, 1, 14),
            start_time="13:00",
            end_time="15:00",
            place="Bergen",
            guide_key="mobile-tjenester",
            guide_version=1,
        )
        result.meeting_ids = [first.id, second.id]
        create(
            db, session, MeetingOrganisation, meeting_id=first.id, organisation_id=orgs["HEMIT"].id
        )
        create(
            db, session, MeetingOrganisation, meeting_id=second.id, organisation_id=orgs["HVIKT"].id
        )
        _person(
            db, session, first, "Ola Nordmann", "seksjonsleder drift", "deltaker", orgs["HEMIT"]
        )
        _person(db, session, first, "Siri Fjell", "arkitekt", "deltaker", orgs["HEMIT"])
        _person(db, session, first, "Kari Hansen", "rådgiver", "fasilitator", orgs["HDO"])
        _person(db, session, first, "Per Olsen", "rådgiver", "referent", orgs["HDO"])
        _person(db, session, second, "Lars Berg", "tjenesteeier", "deltaker", orgs["HVIKT"])
        _person(db, session, second, "Kari Hansen", "rådgiver", "fasilitator", orgs["HDO"])
        notes = [
            (first, "A2", "Kari Hansen", "Deltakerne jobber med drift og forvaltning."),
            (first, "A2", "Per Olsen", "Ola Nordmann leder driften; Siri har arkitekturansvar."),
            (first, "B3", "Per Olsen", "Hodekamera er oppdragskritisk for ambulansen." + extra),
            (
                first,
                "E2",
                "Kari Hansen",
                "Radioterminalene er helt avhengige av Nødnett.\nAndre linje.",
            ),
            (second, "B4", "Kari Hansen", "Reserve er vanlig mobiltelefon."),
            (second, "E4", "Kari Hansen", LONG_NOTE if hostile else "Mobil dokumentasjon må med."),
        ]
        for meeting, key, author, text in notes:
            create(
                db, session, Note, meeting_id=meeting.id, question_key=key, author=author, text=text
            )
            result.notes.append(text)
        create(
            db,
            session,
            Answer,
            meeting_id=first.id,
            question_key="A1",
            author="Per Olsen",
            choices=["HEMIT HF"],
        )
        create(
            db,
            session,
            Answer,
            meeting_id=first.id,
            question_key="C2",
            author="Per Olsen",
            choices=["smarttelefon", "nettbrett", "annet"],
            other_text="Smartklokke",
        )
        create(
            db,
            session,
            Answer,
            meeting_id=first.id,
            question_key="D5",
            author="Per Olsen",
            state="hoppet over",
        )
        create(
            db,
            session,
            Answer,
            meeting_id=second.id,
            question_key="A1",
            author="Kari Hansen",
            choices=["Helse Vest IKT"],
        )
        services = [
            (
                "Hodekamera ambulanse" + extra,
                orgs["HEMIT"],
                "i drift",
                "oppdragskritisk",
                "foreløpig",
                "delvis",
                first,
                "B1",
            ),
            (
                "Mobil pasientjournal",
                orgs["HEMIT"],
                "under utvikling",
                "virksomhetskritisk",
                "avklart med operativt miljø",
                "ingen",
                first,
                "E1",
            ),
            (
                "Nødnett-radioterminal",
                orgs["HDO"],
                "i drift",
                "oppdragskritisk",
                "avklart med operativt miljø",
                "full",
                first,
                "B1",
            ),
            (
                "Kommunikasjonsenhet i bil",
                orgs["HVIKT"],
                "planlagt",
                "viktig",
                "foreløpig",
                "ingen",
                second,
                "E1",
            ),
        ]
        for name, owner, status, crit, assessment, dependency, meeting, key in services:
            service = create(
                db,
                session,
                Service,
                name=name,
                owner_id=owner.id,
                regions=[owner.region],
                status=status,
                user_groups=["ambulanse (bil)"],
                user_count="300",
                equipment=["smarttelefon"],
                criticality=crit,
                criticality_assessment=assessment,
                nodnett_dependency=dependency,
                nodnett_dependency_text="Talegrupper" if dependency != "ingen" else "",
                new_nodnett_relevance="Må dokumenteres for nytt nødnett.",
                plans="Utrulling 2021" if status != "i drift" else "",
                plans_target_date="2021-06" if status != "i drift" else "",
                contact_person="Ola Nordmann",
            )
            create(
                db,
                session,
                ServiceMention,
                service_id=service.id,
                meeting_id=meeting.id,
                question_key=key,
                remark="Omtalt som viktig" + extra,
            )
            result.service_names.append(name)
        create(
            db,
            session,
            FollowUp,
            meeting_id=first.id,
            what="Sende arkitekturskisse" + extra,
            who="Ola Nordmann",
            due_date=dt.date(2019, 12, 20),
        )
        create(
            db,
            session,
            FollowUp,
            meeting_id=first.id,
            what="Avklare kritikalitet",
            who="HDO",
            status="lukket",
        )
        create(
            db,
            session,
            FollowUp,
            meeting_id=second.id,
            what="Sende avtaleoversikt",
            who="Lars Berg",
            due_date=dt.date(2020, 2, 1),
        )
    return result


@pytest.fixture
def journey(db_path: Path) -> Iterator[Journeyed]:
    db = open_database(db_path)
    yield build_journey(db)
    db.close()


@pytest.fixture
def hostile_journey(db_path: Path) -> Iterator[Journeyed]:
    db = open_database(db_path)
    yield build_journey(db, hostile=True)
    db.close()


def docx_texts(path: Path) -> list[str]:
    """Every paragraph and table cell of a Word file's body, in order."""
    import docx

    document = docx.Document(str(path))
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        texts.extend(cell.text for row in table.rows for cell in row.cells)
    return texts


def docx_all_text(path: Path) -> str:
    return "\n".join(docx_texts(path))
