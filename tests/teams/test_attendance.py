"""Teams attendance reports: reading every layout and language, and importing into a meeting."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlmodel import select

from models import records
from models.attendance import (
    ATTENDEE,
    ORGANISER,
    PRESENTER,
    AttendanceError,
    parse_moment,
    parse_report,
    read_report,
)
from models.attendance_import import import_attendance
from models.storage import Database
from models.tables import Organisation, Participation, Person
from tests.teams.reports import ENGLISH, NORWEGIAN, OLDER, OLDER_NORWEGIAN, write_report
from tui.cli import cli


def _dump(path: Path) -> list[tuple]:
    """Every row of every table, to show that an import changed nothing."""
    connection = sqlite3.connect(path)
    try:
        tables = [
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        return [
            (t, *row) for t in sorted(tables) for row in connection.execute(f'SELECT * FROM "{t}"')
        ]
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("lines", "encoding"),
    [
        (ENGLISH, "utf-16"),
        (ENGLISH, "utf-8"),
        (ENGLISH, "utf-8-sig"),
        (NORWEGIAN, "utf-16"),
        (NORWEGIAN, "utf-8"),
    ],
)
def test_report_of_either_language_and_encoding_gives_the_participants(
    tmp_path: Path, lines: list[str], encoding: str
) -> None:
    report = read_report(write_report(tmp_path, lines, encoding))

    assert report.layout == "sections"
    assert report.title == "Innsiktsmøte HEMIT"
    assert report.start == "2026-11-04T09:58:12"
    by_name = {a.name: a for a in report.attendees}
    assert set(by_name) == {"Kari Nordmann", "Ola Hansen", "Siri Berg"}  # «(Guest)» dropped
    assert by_name["Kari Nordmann"].role == ORGANISER
    assert by_name["Ola Hansen"].role == ATTENDEE
    assert by_name["Siri Berg"].role == PRESENTER
    assert by_name["Siri Berg"].email == "siri.berg@hemit.no"  # from the UPN column
    assert by_name["Ola Hansen"].first_join == "2026-11-04T10:01:05"
    assert by_name["Siri Berg"].last_leave == "2026-11-04T13:15:00"  # 1:15 PM


def test_older_single_table_gives_first_join_and_last_leave(tmp_path: Path) -> None:
    report = read_report(write_report(tmp_path, OLDER))

    assert report.layout == "older"
    by_name = {a.name: a for a in report.attendees}
    assert by_name["Ola Hansen"].first_join == "2026-11-04T10:01:05"
    assert by_name["Ola Hansen"].last_leave == "2026-11-04T11:30:00"
    assert by_name["Siri Berg"].first_join == "2026-11-04T10:03:00"  # «Joined before»
    assert by_name["Siri Berg"].last_leave == ""
    assert {a.role for a in report.attendees} == {""}


def test_older_norwegian_table_is_read(tmp_path: Path) -> None:
    report = read_report(write_report(tmp_path, OLDER_NORWEGIAN, "utf-8"))

    assert [(a.name, a.first_join, a.last_leave) for a in report.attendees] == [
        ("Kari Nordmann", "2026-11-04T09:58:12", ""),
        ("Ola Hansen", "2026-11-04T10:01:05", "2026-11-04T11:30:00"),
    ]


def test_report_saved_again_by_excel_with_semicolons_is_read() -> None:
    text = "Navn;Første deltakelse;Siste gang forlatt;E-post;Rolle\nKari;04.11.2026 09:58;;k@x.no;Deltaker\n"
    assert [a.email for a in parse_report(text).attendees] == ["k@x.no"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11/4/26, 9:58:12 AM", "2026-11-04T09:58:12"),
        ("11/4/2026, 12:05:00 PM", "2026-11-04T12:05:00"),
        ("11/4/2026, 12:05:00 AM", "2026-11-04T00:05:00"),
        ("4/11/2026 09:58", "2026-11-04T09:58:00"),
        ("04.11.2026, 09:58:12", "2026-11-04T09:58:12"),
        ("2026-11-04 09:58:12", "2026-11-04T09:58:12"),
        ("31.02.2026 10:00", ""),
        ("i går", ""),
    ],
)
def test_report_times_are_read_or_left_empty(text: str, expected: str) -> None:
    assert parse_moment(text) == expected


@pytest.mark.parametrize(
    "content",
    [
        b"",
        "Dette er bare en handleliste\nmelk\nbrød\n".encode(),
        "Navn\tAlder\nKari\t40\n".encode("utf-16"),
        bytes(range(256)) * 4,
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(200),
    ],
    ids=["empty", "text", "other-table", "binary", "pdf"],
)
def test_a_file_that_is_not_a_report_is_one_clear_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "rapport.csv"
    path.write_bytes(content)
    with pytest.raises(AttendanceError) as caught:
        read_report(path)
    assert str(caught.value).startswith("rapport.csv er ikke en deltakerliste fra Teams")


def test_a_report_with_a_header_and_nobody_is_refused(tmp_path: Path) -> None:
    path = write_report(tmp_path, ["2. Participants", "Name\tFirst Join\tEmail\tRole", ""])
    with pytest.raises(AttendanceError, match="har ingen deltakere"):
        read_report(path)


# --- importing ----------------------------------------------------------------------------------


def _people(db: Database, meeting_id: str) -> dict[str, tuple[str, str, str, str, str]]:
    """name → (role in the meeting, e-mail, organisation, first join, last leave)."""
    with db.session() as session:
        orgs = {o.id: o.name for o in session.exec(select(Organisation)).all()}
        rows = {}
        for part in session.exec(
            records.live(Participation).where(Participation.meeting_id == meeting_id)
        ).all():
            person = session.get(Person, part.person_id)
            assert person is not None
            org = orgs.get(person.organisation_id or "", "")
            rows[person.name] = (part.role, person.email, org, part.first_join, part.last_leave)
        return rows


def test_import_adds_participants_with_organisation_and_the_organiser_as_facilitator(
    tmp_path: Path, meeting_db: tuple[Database, str]
) -> None:
    db, meeting_id = meeting_db
    summary = import_attendance(db, meeting_id, write_report(tmp_path, ENGLISH))

    assert _people(db, meeting_id) == {
        "Kari Nordmann": (
            "fasilitator",
            "kari.nordmann@helsedir.no",
            "",
            "2026-11-04T09:58:12",
            "2026-11-04T11:32:40",
        ),
        "Ola Hansen": (
            "deltaker",
            "ola.hansen@hemit.no",
            "HEMIT HF",
            "2026-11-04T10:01:05",
            "2026-11-04T11:30:00",
        ),
        "Siri Berg": (
            "deltaker",
            "siri.berg@hemit.no",
            "HEMIT HF",
            "2026-11-04T10:03:00",
            "2026-11-04T13:15:00",
        ),
    }
    assert summary.people_added == 3
    # hemit.no came from the built-in list and is now stored on the organisation.
    assert summary.domains_learned == ["hemit.no"]
    with db.session() as session:
        hemit = session.exec(select(Organisation).where(Organisation.name == "HEMIT HF")).one()
        assert hemit.email_domains == ["hemit.no"]


def test_importing_the_same_report_twice_changes_nothing(
    tmp_path: Path, meeting_db: tuple[Database, str], db_path: Path
) -> None:
    db, meeting_id = meeting_db
    report = write_report(tmp_path, NORWEGIAN)
    import_attendance(db, meeting_id, report)
    before = _dump(db_path)

    summary = import_attendance(db, meeting_id, report)

    assert not summary.changed()
    assert _dump(db_path) == before


def test_a_known_person_is_matched_by_email_and_by_name_and_organisation(
    tmp_path: Path, meeting_db: tuple[Database, str]
) -> None:
    db, meeting_id = meeting_db
    with db.transaction() as session:
        hemit = session.exec(select(Organisation).where(Organisation.name == "HEMIT HF")).one()
        ola = records.create(
            db, session, Person, name="Ola B. Hansen", email="OLA.HANSEN@hemit.no", role="arkitekt"
        )
        siri = records.create(
            db, session, Person, name="Siri Berg", organisation_id=hemit.id, role="rådgiver"
        )
        other_siri = records.create(db, session, Person, name="Siri Berg", email="siri@nhn.no")
    summary = import_attendance(db, meeting_id, write_report(tmp_path, ENGLISH))

    with db.session() as session:
        people = session.exec(records.live(Person)).all()
        assert len(people) == 4  # Kari is new; Ola and Siri were known
        assert session.get(Person, ola.id).organisation_id == hemit.id  # filled in
        assert session.get(Person, siri.id).email == "siri.berg@hemit.no"
        assert session.get(Person, other_siri.id).email == "siri@nhn.no"  # not the same Siri
    assert summary.people_matched == 2
    assert _people(db, meeting_id)["Ola B. Hansen"][0] == "deltaker"


def test_a_domain_is_learned_from_people_already_recorded(
    tmp_path: Path, meeting_db: tuple[Database, str]
) -> None:
    db, meeting_id = meeting_db
    with db.transaction() as session:
        hdir = records.create(db, session, Organisation, name="Helsedirektoratet")
        records.create(
            db, session, Person, name="Per Olsen", email="per@helsedir.no", organisation_id=hdir.id
        )
    summary = import_attendance(db, meeting_id, write_report(tmp_path, ENGLISH))

    assert _people(db, meeting_id)["Kari Nordmann"][2] == "Helsedirektoratet"
    assert "helsedir.no" in summary.domains_learned


def test_a_near_equal_name_is_offered_as_a_duplicate(
    tmp_path: Path, meeting_db: tuple[Database, str]
) -> None:
    db, meeting_id = meeting_db
    with db.transaction() as session:
        records.create(db, session, Person, name="Kari Nordman", email="kari@nhn.no")
    summary = import_attendance(db, meeting_id, write_report(tmp_path, ENGLISH))

    assert [(p.first_name, p.second_name) for p in summary.duplicates] == [
        ("Kari Nordman", "Kari Nordmann")
    ]


def test_someone_already_taking_part_keeps_their_role_and_gets_the_times(
    tmp_path: Path, meeting_db: tuple[Database, str]
) -> None:
    db, meeting_id = meeting_db
    with db.transaction() as session:
        kari = records.create(db, session, Person, name="Kari Nordmann")
        records.create(
            db, session, Participation, meeting_id=meeting_id, person_id=kari.id, role="referent"
        )
    import_attendance(db, meeting_id, write_report(tmp_path, OLDER))

    assert _people(db, meeting_id)["Kari Nordmann"] == (
        "referent",
        "",
        "",
        "2026-11-04T09:58:12",
        "2026-11-04T11:32:40",
    )


def test_cli_imports_and_refuses_garbage_with_one_line_and_no_change(
    tmp_path: Path, meeting_db: tuple[Database, str], db_path: Path
) -> None:
    _db, meeting_id = meeting_db
    runner = CliRunner()
    report = write_report(tmp_path, ENGLISH)
    first = runner.invoke(
        cli, ["import", "attendance", meeting_id[:8], str(report), "--db", str(db_path)]
    )
    assert first.exit_code == 0, first.output
    assert "3 nye personer" in first.output
    before = _dump(db_path)

    again = runner.invoke(
        cli, ["import", "attendance", meeting_id[:8], str(report), "--db", str(db_path)]
    )
    pdf = tmp_path / "deltakere.csv"
    pdf.write_bytes(b"%PDF-1.4\n" + bytes(range(256)))
    garbage = runner.invoke(
        cli, ["import", "attendance", meeting_id, str(pdf), "--db", str(db_path)]
    )

    assert again.exit_code == 0 and again.output.startswith("Ingenting nytt")
    assert "en annen dag" not in first.output  # the report is from the meeting's day
    assert garbage.exit_code == 1
    assert garbage.output.strip().count("\n") == 0
    assert "ikke en deltakerliste" in garbage.output
    assert _dump(db_path) == before


def test_the_refusal_is_in_english_when_that_is_the_setting(
    tmp_path: Path, meeting_db: tuple[Database, str], db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _db, meeting_id = meeting_db
    monkeypatch.setenv("INNSIKT_LANG", "en")
    path = tmp_path / "notes.csv"
    path.write_text("just some text\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["import", "attendance", meeting_id, str(path), "--db", str(db_path)]
    )
    assert result.exit_code == 1
    assert result.output.strip() == (
        "notes.csv is not a Teams attendance report (no table with names and join times found); "
        "nothing changed."
    )


def test_a_report_from_another_day_is_imported_with_a_warning(
    tmp_path: Path, meeting_db: tuple[Database, str], db_path: Path
) -> None:
    _db, meeting_id = meeting_db
    lines = [line.replace("11/4/26", "11/5/26") for line in ENGLISH]
    report = write_report(tmp_path, lines)
    result = CliRunner().invoke(
        cli, ["import", "attendance", meeting_id, str(report), "--db", str(db_path)]
    )
    assert result.exit_code == 0
    assert "deltakerlisten er fra 05.11.2026, en annen dag enn møtet" in result.output
