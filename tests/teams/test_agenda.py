"""The invitation: Word read back with python-docx, the calendar file parsed back with icalendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from icalendar import Calendar
from sqlmodel import select

from exports.minutes_content import minutes_document
from models import records
from models.clock import wall_ms
from models.storage import Database
from models.tables import Meeting, Participation, Person
from tui.cli import cli

LINK = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0"


@pytest.fixture
def invitation_db(meeting_db: tuple[Database, str]) -> tuple[Database, str]:
    """The meeting on Teams with a facilitator, two participants (one without e-mail)."""
    db, meeting_id = meeting_db
    with db.transaction() as session:
        meeting = session.get(Meeting, meeting_id)
        records.update(db, session, meeting, teams=True, teams_link=LINK)
        for name, email, role in (
            ("Kari Nordmann", "kari.nordmann@helsedir.no", "fasilitator"),
            ("Ola Hansen", "ola.hansen@hemit.no", "deltaker"),
            ("Siri Berg", "", "deltaker"),
        ):
            person = records.create(db, session, Person, name=name, email=email)
            records.create(
                db, session, Participation, meeting_id=meeting_id, person_id=person.id, role=role
            )
    return db, meeting_id


def _export(db_path: Path, meeting_id: str, output: Path, *extra: str) -> str:
    result = CliRunner().invoke(
        cli, ["export", "agenda", meeting_id[:8], "-o", str(output), "--db", str(db_path), *extra]
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_word_invitation_has_header_purpose_agenda_and_practical_information(
    invitation_db: tuple[Database, str], db_path: Path, tmp_path: Path
) -> None:
    _db, meeting_id = invitation_db
    output = tmp_path / "innkalling.docx"
    _export(db_path, meeting_id, output)

    word = docx.Document(str(output))
    paragraphs = [p.text for p in word.paragraphs]
    header = {row.cells[0].text: row.cells[1].text for row in word.tables[0].rows}
    assert paragraphs[0] == "Innkalling – Innsiktsmøte HEMIT"
    assert header["Dato"] == "4. november 2026"
    assert header["Tid"] == "Kl. 10:00 – 11:30"
    assert header["Sted"] == f"Teams: {LINK}"
    assert header["Virksomhet"] == "HEMIT HF"
    assert header["Inviterte"] == "Ola Hansen\nSiri Berg"
    assert header["Fasilitator"] == "Kari Nordmann"
    assert "Møtet er en del av innsiktsreisen «Mobile tjenester i helse»." in paragraphs
    assert "Kartlegge mobile tjenester før nytt nødnett." in paragraphs
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:2] == ["Formål", "Agenda"]
    assert headings[-1] == "Praktisk informasjon"
    assert "A. Virksomheten og deltakerne" in headings
    bullets = [p.text for p in word.paragraphs if p.style.name == "List Bullet"]
    assert "A1 Hvilken virksomhet og region representerer dere?" in bullets
    assert f"Møtet holdes på Teams: {LINK}" in bullets
    assert "Spørsmål om møtet kan rettes til Kari Nordmann." in bullets


def test_word_invitation_uses_a_template(
    invitation_db: tuple[Database, str], db_path: Path, tmp_path: Path
) -> None:
    _db, meeting_id = invitation_db
    template = tmp_path / "brevmal.docx"
    letterhead = docx.Document()
    letterhead.sections[0].header.paragraphs[0].text = "Helsedirektoratet – brevmal"
    letterhead.save(str(template))
    output = tmp_path / "innkalling.docx"
    _export(db_path, meeting_id, output, "--template", str(template))

    word = docx.Document(str(output))
    assert word.sections[0].header.paragraphs[0].text == "Helsedirektoratet – brevmal"


def test_calendar_file_has_one_event_in_oslo_time_with_attendees_and_agenda(
    invitation_db: tuple[Database, str], db_path: Path, tmp_path: Path
) -> None:
    _db, meeting_id = invitation_db
    output = tmp_path / "møte.ics"
    _export(db_path, meeting_id, output)

    calendar = Calendar.from_ical(output.read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert calendar["METHOD"] == "REQUEST"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert (start.isoformat(), end.isoformat()) == (
        "2026-11-04T10:00:00+01:00",
        "2026-11-04T11:30:00+01:00",
    )
    assert str(event["SUMMARY"]) == "Innsiktsmøte HEMIT"
    assert str(event["LOCATION"]) == LINK
    assert str(event["URL"]) == LINK
    assert str(event["UID"]) == f"{meeting_id}@innsikt"
    assert str(event["ORGANIZER"]) == "mailto:kari.nordmann@helsedir.no"
    attendees = event["ATTENDEE"]
    attendees = attendees if isinstance(attendees, list) else [attendees]
    assert [(str(a), a.params["CN"]) for a in attendees] == [
        ("mailto:ola.hansen@hemit.no", "Ola Hansen")
    ]
    description = str(event["DESCRIPTION"])
    assert "A1 Hvilken virksomhet og region representerer dere?" in description
    assert "Praktisk informasjon" in description


def test_the_uid_is_stable_and_sequence_grows_only_when_the_meeting_changed(
    invitation_db: tuple[Database, str], db_path: Path, tmp_path: Path
) -> None:
    db, meeting_id = invitation_db

    def export(name: str) -> tuple[str, int]:
        output = tmp_path / name
        _export(db_path, meeting_id, output)
        event = Calendar.from_ical(output.read_bytes()).walk("VEVENT")[0]
        return str(event["UID"]), int(event["SEQUENCE"])

    first, again = export("a.ics"), export("b.ics")
    later = wall_ms() + 5_000  # the edit comes a few seconds later
    db.clock.wall = lambda: later
    with db.transaction() as session:
        records.update(db, session, session.get(Meeting, meeting_id), start_time="10:15")
    changed = export("c.ics")

    assert first == again
    assert changed[0] == first[0]
    assert changed[1] > first[1]


def test_an_existing_file_is_kept_without_force_and_bad_choices_are_refused(
    invitation_db: tuple[Database, str], db_path: Path, tmp_path: Path
) -> None:
    _db, meeting_id = invitation_db
    output = tmp_path / "møte.ics"
    output.write_text("min egen fil")
    runner = CliRunner()

    kept = runner.invoke(
        cli, ["export", "agenda", meeting_id, "-o", str(output), "--db", str(db_path)]
    )
    wrong = runner.invoke(
        cli, ["export", "agenda", meeting_id, "-o", str(tmp_path / "x.pdf"), "--db", str(db_path)]
    )
    template = runner.invoke(
        cli,
        [
            "export",
            "agenda",
            meeting_id,
            "-o",
            str(tmp_path / "y.ics"),
            "--template",
            "mal.docx",
            "--db",
            str(db_path),
        ],
    )
    forced = runner.invoke(
        cli, ["export", "agenda", meeting_id, "-o", str(output), "--force", "--db", str(db_path)]
    )

    assert kept.exit_code == 1 and "finnes allerede" in kept.output
    assert wrong.exit_code == 1 and "som .docx eller .ics" in wrong.output
    assert template.exit_code == 2
    assert forced.exit_code == 0 and output.read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_a_meeting_without_date_gets_no_calendar_file_and_no_start_is_all_day(
    invitation_db: tuple[Database, str], db_path: Path, tmp_path: Path
) -> None:
    db, meeting_id = invitation_db
    with db.transaction() as session:
        records.update(db, session, session.get(Meeting, meeting_id), start_time="", end_time="")
    _export(db_path, meeting_id, tmp_path / "heldag.ics")
    event = Calendar.from_ical((tmp_path / "heldag.ics").read_bytes()).walk("VEVENT")[0]
    assert event.decoded("DTSTART") == dt.date(2026, 11, 4)

    with db.transaction() as session:
        records.update(db, session, session.get(Meeting, meeting_id), date=None)
    result = CliRunner().invoke(
        cli, ["export", "agenda", meeting_id, "-o", str(tmp_path / "x.ics"), "--db", str(db_path)]
    )
    assert result.exit_code == 1
    assert (
        result.output.strip()
        == "Møtet «Innsiktsmøte HEMIT» har ingen dato; en kalenderfil trenger dato."
    )
    assert not (tmp_path / "x.ics").exists()


def test_the_minutes_show_the_teams_link_when_there_is_no_place(
    invitation_db: tuple[Database, str],
) -> None:
    db, meeting_id = invitation_db
    header = minutes_document(db, meeting_id).blocks[0]
    assert ("Sted", f"Teams: {LINK}") in header.rows  # type: ignore[union-attr]
    with db.transaction() as session:
        meeting = session.exec(select(Meeting)).one()
        records.update(db, session, meeting, place="Møterom 3")
    header = minutes_document(db, meeting_id).blocks[0]
    assert ("Sted", "Møterom 3 og Teams") in header.rows  # type: ignore[union-attr]
