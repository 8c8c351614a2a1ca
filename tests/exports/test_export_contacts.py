"""Contacts of F1 in the minutes, the report and Markdown; guide versions 1 and 2 side by side."""

from __future__ import annotations

from pathlib import Path

import docx
from conftest import Journeyed, docx_all_text

from exports.markdown import write_markdown
from exports.minutes import write_minutes
from exports.report import write_report
from models import records
from models.contacts import add_contact
from models.tables import Meeting, Note

CONTACT_HEADER = ["Navn", "Rolle", "Virksomhet", "E-post", "Telefon"]


def _with_contacts(journey: Journeyed) -> str:
    meeting_id = journey.meeting_ids[0]
    add_contact(
        journey.db, meeting_id, "F1", "Ola Nordmann, seksjonsleder drift, ola@hemit.no, 912 34 567"
    )
    add_contact(
        journey.db, meeting_id, "F1", "Mona Lie, kontaktperson drift, HEMIT HF, 22 33 44 55"
    )
    return meeting_id


def _contact_table(path: Path) -> list[list[str]]:
    for table in docx.Document(str(path)).tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        if rows and rows[0] == CONTACT_HEADER:
            return rows[1:]
    raise AssertionError("no contacts table")


def test_the_minutes_show_the_contacts_of_F1_as_a_table(journey: Journeyed, tmp_path: Path) -> None:
    meeting_id = _with_contacts(journey)
    path = tmp_path / "referat.docx"
    write_minutes(journey.db, meeting_id, path)
    assert _contact_table(path) == [
        ["Mona Lie", "kontaktperson drift", "HEMIT HF", "", "22 33 44 55"],
        ["Ola Nordmann", "seksjonsleder drift", "HEMIT HF", "ola@hemit.no", "912 34 567"],
    ]
    headings = [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == "Heading 2"]
    assert any(heading.startswith("F1 ") for heading in headings)


def test_markdown_minutes_show_the_contacts_as_a_table(journey: Journeyed, tmp_path: Path) -> None:
    meeting_id = _with_contacts(journey)
    (path,) = write_markdown(journey.db, tmp_path / "referat.md", meeting_id)
    text = path.read_text(encoding="utf-8")
    assert "| Navn | Rolle | Virksomhet | E-post | Telefon |" in text
    assert "| Mona Lie | kontaktperson drift | HEMIT HF |   | 22 33 44 55 |" in text


def test_pseudonymised_minutes_keep_no_contact_name_address_or_phone(
    journey: Journeyed, tmp_path: Path
) -> None:
    meeting_id = _with_contacts(journey)
    path = tmp_path / "referat.docx"
    write_minutes(journey.db, meeting_id, path, participants="pseudonym")
    rows = _contact_table(path)
    text = docx_all_text(path)
    for secret in ("Mona", "Lie", "Ola Nordmann", "ola@hemit.no", "912 34 567", "22 33 44 55"):
        assert secret not in text
    assert [row[3:] for row in rows] == [["", "[telefon]"], ["[e-post]", "[telefon]"]]
    left_out = tmp_path / "uten.docx"
    write_minutes(journey.db, meeting_id, left_out, participants="ingen")
    assert "Telefon" not in docx_all_text(left_out)


def test_the_report_lists_the_contacts_in_the_answers_of_F1(
    journey: Journeyed, tmp_path: Path
) -> None:
    _with_contacts(journey)
    path = tmp_path / "rapport.docx"
    write_report(journey.db, journey.journey_id, path)
    text = docx_all_text(path)
    assert "Mona Lie, kontaktperson drift, HEMIT HF, 22 33 44 55" in text


def _held_on_version_2(journey: Journeyed) -> tuple[str, str]:
    """The second meeting on guide v2, with a D6 note and an A2 note; the first stays on v1."""
    v1, v2 = journey.meeting_ids
    db = journey.db
    with db.transaction() as session:
        meeting = session.get(Meeting, v2)
        assert meeting is not None
        records.update(db, session, meeting, guide_version=2)
        for key, text in (("D6", "Feil meldes til HVIKT sin servicedesk."), ("A2", "Tre team.")):
            records.create(
                db, session, Note, meeting_id=v2, question_key=key, author="Kari Hansen", text=text
            )
        # A D6 note on the v1 meeting is not a v1 question: it goes under «Andre notater».
        records.create(
            db, session, Note, meeting_id=v1, question_key="D6", author="Kari Hansen",
            text="Skrevet under D6 før guiden hadde den.",
        )  # fmt: skip
    return v1, v2


def test_D6_is_in_the_minutes_of_a_version_2_meeting_and_not_of_a_version_1_meeting(
    journey: Journeyed, tmp_path: Path
) -> None:
    v1, v2 = _held_on_version_2(journey)
    for meeting_id, name in ((v1, "v1.docx"), (v2, "v2.docx")):
        write_minutes(journey.db, meeting_id, tmp_path / name)
    headings = {
        name: [p.text for p in docx.Document(str(tmp_path / name)).paragraphs]
        for name in ("v1.docx", "v2.docx")
    }
    assert any(text.startswith("D6 ") for text in headings["v2.docx"])
    assert "Feil meldes til HVIKT sin servicedesk." in headings["v2.docx"]
    assert not any(text.startswith("D6 ") for text in headings["v1.docx"])
    assert "Andre notater" in headings["v1.docx"]


def test_the_report_puts_both_versions_side_by_side_and_D6_is_empty_for_version_1(
    journey: Journeyed, tmp_path: Path
) -> None:
    _held_on_version_2(journey)
    path = tmp_path / "rapport.docx"
    write_report(journey.db, journey.journey_id, path)
    document = docx.Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    # One table per question with a row per meeting, whichever version it was held on.
    answer_tables = []
    for table in document.tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        if rows and rows[0] == ["Virksomhet", "Svar"]:
            answer_tables.append(rows[1:])
    answer_rows = [row for rows in answer_tables for row in rows]
    (a2,) = [rows for rows in answer_tables if any(row[1] == "Tre team." for row in rows)]
    assert [row[0].split(" (")[0] for row in a2] == ["HEMIT HF", "Helse Vest IKT"]
    d6 = [row for row in answer_rows if "servicedesk" in row[1] or "versjon 1" in row[1]]
    assert d6 == [
        ["HEMIT HF (02.12.2019)", "(spørsmålet var ikke med i versjon 1 av intervjuguiden)"],
        ["Helse Vest IKT (14.01.2020)", "Feil meldes til HVIKT sin servicedesk."],
    ]
    assert any(text.startswith("D6 ") for text in paragraphs)
