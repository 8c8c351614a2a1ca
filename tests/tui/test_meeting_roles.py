"""Møteleder, forfall, observatør and kopi typed as a prefix on a participant's line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx

from exports.minutes import write_minutes
from models.meetings import create_meeting, update_meeting
from models.storage import open_database
from tui.forms import MeetingForm, ParticipantLine, parse_participants, participant_line
from tui.store import load_meeting_setup


def test_a_line_prefix_gives_the_persons_part_in_the_meeting() -> None:
    typed = "møteleder: Kari Nordmann, direktør, HEMIT\nForfall: Ola\nobservatør: Åse, , DSB\nLi"
    assert parse_participants(typed) == [
        ParticipantLine("Kari Nordmann", "direktør", "HEMIT", "møteleder"),
        ParticipantLine("Ola", meeting_role="forfall"),
        ParticipantLine("Åse", "", "DSB", "observatør"),
        ParticipantLine("Li"),
    ]
    for line in parse_participants(typed):
        assert parse_participants(participant_line(line)) == [line]


def _form(participants: tuple[ParticipantLine, ...]) -> MeetingForm:
    return MeetingForm(
        title="Møte med HEMIT",
        date=dt.date(2026, 10, 6),
        start_time="10:00",
        end_time="12:10",
        place="Teams",
        teams=True,
        organisations=("HEMIT HF",),
        participants=participants,
        facilitators=("Siri",),
        note_takers=("Kari Hansen",),
        guide_key="mobile-tjenester",
        guide_version=1,
        journey_id=None,
        new_journey="Reise",
    )


def test_roles_are_stored_shown_again_in_the_set_up_and_printed_in_the_header(
    db_path: Path, tmp_path: Path
) -> None:
    typed = parse_participants(
        "møteleder: Trude Leder, direktør, HEMIT HF\nEirik, arkitekt, HEMIT HF\n"
        "forfall: Lise Aune, , HEMIT HF\nobservatør: Åse Obs, rådgiver, DSB\nkopi: Helsedirektoratet"
    )
    db = open_database(db_path)
    meeting_id = create_meeting(db, _form(tuple(typed)))
    setup = load_meeting_setup(db, meeting_id)
    assert {(p.name, p.meeting_role) for p in setup.form.participants} == {
        ("Trude Leder", "møteleder"),
        ("Eirik", "deltaker"),
        ("Lise Aune", "forfall"),
        ("Åse Obs", "observatør"),
        ("Helsedirektoratet", "kopi"),
    }
    update_meeting(db, meeting_id, _form(setup.form.participants))  # saved unchanged: roles kept
    path = tmp_path / "referat.docx"
    write_minutes(db, meeting_id, path)
    db.close()
    rows = docx.Document(str(path)).tables[0].rows
    header = {row.cells[0].text: row.cells[1].text for row in rows}
    assert list(header)[:4] == ["Møte", "Dato", "Tid", "Sted"]
    assert header["Møteleder"] == "Trude Leder, direktør (HEMIT HF)"
    assert header["Til stede"].splitlines() == [
        "Eirik, arkitekt (HEMIT HF)",
        "Trude Leder, direktør (HEMIT HF)",
    ]
    assert header["Forfall"] == "Lise Aune (HEMIT HF)"
    assert header["Observatører"] == "Åse Obs, rådgiver (DSB)"
    assert header["Kopi til"] == "Helsedirektoratet"
    assert header["Referent"] == "Kari Hansen"
    assert header["Status"] == "Utkast"
