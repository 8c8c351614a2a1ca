"""Word minutes read back with python-docx: header block, notes, answers, tables, template."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from conftest import TEMPLATES, Journeyed, docx_all_text

from exports.minutes import write_minutes
from models.errors import ExportError, NotFoundError


def _minutes(journey: Journeyed, tmp_path: Path, **options) -> docx.document.Document:
    path = tmp_path / "referat.docx"
    write_minutes(journey.db, journey.meeting_ids[0], path, **options)
    return docx.Document(str(path))


def _header(document) -> dict[str, str]:
    return {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}


def test_minutes_have_title_and_header_block_in_public_sector_style(journey, tmp_path):
    document = _minutes(journey, tmp_path)
    assert document.paragraphs[0].text == "Referat – Møte med HEMIT"
    assert document.paragraphs[0].style.name == "Title"
    header = _header(document)
    assert header["Møte"] == "Møte med HEMIT (møte 1 av 2)"
    assert header["Dato"] == "2. desember 2019"
    assert header["Tid"] == "Kl. 09:00 – 11:30"
    assert header["Sted"] == "Trondheim og Teams"
    assert header["Til stede"].splitlines() == [
        "Ola Nordmann, seksjonsleder drift (HEMIT HF)",
        "Siri Fjell, arkitekt (HEMIT HF)",
    ]
    assert header["Fasilitator"].startswith("Kari Hansen, rådgiver (HDO")
    assert header["Referent"].startswith("Per Olsen, rådgiver (HDO")


def test_every_note_of_the_meeting_is_in_the_minutes(journey, tmp_path):
    path = tmp_path / "referat.docx"
    write_minutes(journey.db, journey.meeting_ids[0], path)
    text = docx_all_text(path)
    for note in journey.notes[:4]:
        for line in note.splitlines():
            assert line in text
    assert "Reserve er vanlig mobiltelefon." not in text  # the other meeting's note


def test_notes_carry_initials_only_where_two_people_wrote(journey, tmp_path):
    paragraphs = [p.text for p in _minutes(journey, tmp_path).paragraphs]
    assert "KH: Deltakerne jobber med drift og forvaltning." in paragraphs
    assert "PO: Ola Nordmann leder driften; Siri har arkitekturansvar." in paragraphs
    assert "Hodekamera er oppdragskritisk for ambulansen." in paragraphs


def test_choices_are_written_in_words_and_skipped_questions_are_listed_once_at_the_end(
    journey, tmp_path
):
    paragraphs = [p.text for p in _minutes(journey, tmp_path).paragraphs]
    assert "Svar: HEMIT HF." in paragraphs
    assert "Svar: smarttelefon, nettbrett, annet." in paragraphs
    assert "Annet: Smartklokke" in paragraphs
    assert "D5 Hvilke leverandører og avtaler er involvert?" not in paragraphs
    assert "Spørsmålet ble hoppet over." not in paragraphs
    end = paragraphs.index("Ikke tatt opp")
    assert paragraphs[end + 1] == "Ikke tatt opp: D5 Hvilke leverandører og avtaler er involvert?"
    assert not any(p.startswith("C1 ") for p in paragraphs)  # unanswered: left out


def test_with_skipped_the_minutes_mark_skipped_questions_where_they_are(journey, tmp_path):
    paragraphs = [p.text for p in _minutes(journey, tmp_path, with_skipped=True).paragraphs]
    skipped = paragraphs.index("D5 Hvilke leverandører og avtaler er involvert?")
    assert paragraphs[skipped + 1] == "Spørsmålet ble hoppet over."
    assert "Ikke tatt opp" not in paragraphs


def test_sections_and_questions_use_word_heading_styles(journey, tmp_path):
    document = _minutes(journey, tmp_path)
    styles = {p.text: p.style.name for p in document.paragraphs}
    assert styles["A. Virksomheten og deltakerne"] == "Heading 1"
    assert styles["A1 Hvilken virksomhet og region representerer dere?"] == "Heading 2"
    assert styles["Tjenester omtalt i møtet"] == "Heading 1"
    assert styles["Oppfølgingspunkter"] == "Heading 1"


def test_services_and_followups_tables(journey, tmp_path):
    document = _minutes(journey, tmp_path)
    followups, services = document.tables[1], document.tables[2]
    assert services.style.name == "Light Grid Accent 1"
    assert [c.text for c in services.rows[0].cells] == [
        "Tjeneste",
        "Eier",
        "Status",
        "Brukere",
        "Utstyr",
        "Kritikalitet",
        "Nødnett",
        "Omtalt i møtet",
    ]
    rows = [[c.text for c in row.cells] for row in services.rows[1:]]
    assert [row[0] for row in rows] == [
        "Hodekamera ambulanse",
        "Mobil pasientjournal",
        "Nødnett-radioterminal",
    ]
    assert rows[2][1:7] == [
        "HDO",
        "i drift",
        "ambulanse (bil) (ca. 300)",
        "smarttelefon",
        "oppdragskritisk (avklart med operativt miljø)",
        "full – Talegrupper",
    ]
    assert rows[0][7] == "Omtalt som viktig"
    assert [[c.text for c in row.cells] for row in followups.rows] == [
        ["Hva", "Hvem", "Frist", "Status"],
        ["Sende arkitekturskisse", "Ola Nordmann", "20.12.2019", "åpen"],
        ["Avklare kritikalitet", "HDO", "", "lukket"],
    ]


def test_footer_numbers_pages_as_side_x_av_y(journey, tmp_path):
    footer = _minutes(journey, tmp_path).sections[0].footer
    xml = footer._element.xml
    assert footer.paragraphs[0].text.startswith("Side ")
    assert " PAGE " in xml and " NUMPAGES " in xml
    assert " av " in footer.paragraphs[0].text


def test_pseudonymised_minutes_name_nobody(journey, tmp_path):
    path = tmp_path / "referat.docx"
    write_minutes(journey.db, journey.meeting_ids[0], path, participants="pseudonym")
    text = docx_all_text(path)
    for name in ("Ola Nordmann", "Siri Fjell", "Kari Hansen", "Per Olsen"):
        assert name not in text
    header = _header(docx.Document(str(path)))
    assert header["Til stede"].splitlines()[0] == "Deltaker 1, seksjonsleder drift (HEMIT HF)"
    assert "Deltaker 1 leder driften" in text  # a name inside a note is replaced too
    assert "F1: Deltakerne jobber med drift og forvaltning." in text
    assert "R1: Deltaker 1 leder driften; Deltaker 2 har arkitekturansvar." in text


def test_minutes_without_participants_count_them_instead(journey, tmp_path):
    path = tmp_path / "referat.docx"
    write_minutes(journey.db, journey.meeting_ids[0], path, participants="ingen")
    header = _header(docx.Document(str(path)))
    assert header["Til stede"] == "2 personer (navn utelatt)"
    assert header["Fasilitator"] == "1 person (navn utelatt)"
    assert "Ola Nordmann" not in docx_all_text(path)


def test_meeting_can_be_given_by_unique_prefix_and_unknown_is_refused(journey, tmp_path):
    path = tmp_path / "referat.docx"
    write_minutes(journey.db, journey.meeting_ids[1][:6], path)
    assert "Referat – Møte med Helse Vest IKT" in docx_all_text(path)
    with pytest.raises(NotFoundError):
        write_minutes(journey.db, "zzzz", tmp_path / "other.docx")
    assert not (tmp_path / "other.docx").exists()


def test_template_keeps_letterhead_styles_and_page_setup_and_replaces_body(journey, tmp_path):
    document = _minutes(journey, tmp_path, template=TEMPLATES / "letterhead.docx")
    section = document.sections[0]
    assert "Brevmal" in section.header.paragraphs[0].text
    assert "Postadresse" in section.footer.paragraphs[0].text
    assert "Side " in section.footer.paragraphs[-1].text
    assert round(section.left_margin.cm, 1) == 2.5
    assert document.styles["Normal"].font.name == "Georgia"
    text = docx_all_text(tmp_path / "referat.docx")
    assert "skal erstattes" not in text and "Malens overskrift" not in text
    assert document.paragraphs[0].text == "Referat – Møte med HEMIT"


def test_template_without_heading_styles_gets_them(journey, tmp_path):
    template = docx.Document(str(TEMPLATES / "letterhead.docx"))
    styles = template.styles.element
    for style in list(styles):
        if style.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}styleId") in (
            "Heading1",
            "Heading2",
            "LightGrid-Accent1",
        ):
            styles.remove(style)
    stripped = tmp_path / "stripped.docx"
    template.save(str(stripped))
    document = _minutes(journey, tmp_path, template=stripped)
    headings = [p for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings and document.tables[1].style.name == "Light Grid Accent 1"


def test_dotx_template_is_accepted(journey, tmp_path):
    import zipfile

    dotx = tmp_path / "mal.dotx"
    with (
        zipfile.ZipFile(TEMPLATES / "letterhead.docx") as source,
        zipfile.ZipFile(dotx, "w") as target,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            target.writestr(item, data)
    document = _minutes(journey, tmp_path, template=dotx)
    assert "Brevmal" in document.sections[0].header.paragraphs[0].text


@pytest.mark.parametrize(
    ("content", "key"),
    [(None, "template_missing"), (b"not a zip", "template_invalid"), ("xlsx", "template_invalid")],
)
def test_missing_or_non_word_template_is_a_clear_error(journey, tmp_path, content, key):
    template = tmp_path / "mal.docx"
    if content == "xlsx":
        from openpyxl import Workbook

        Workbook().save(template)
    elif content is not None:
        template.write_bytes(content)
    with pytest.raises(ExportError) as raised:
        write_minutes(journey.db, journey.meeting_ids[0], tmp_path / "r.docx", template=template)
    assert raised.value.message_key == key
    assert str(template) in str(raised.value)
    assert not (tmp_path / "r.docx").exists()


def test_services_table_is_on_landscape_pages_that_keep_the_letterhead(journey, tmp_path):
    from docx.enum.section import WD_ORIENT

    document = _minutes(journey, tmp_path, template=TEMPLATES / "letterhead.docx")
    first, last = document.sections[0], document.sections[-1]
    assert first.orientation == WD_ORIENT.PORTRAIT
    assert last.orientation == WD_ORIENT.LANDSCAPE
    assert last.page_width == first.page_height
    assert last.header.is_linked_to_previous and last.footer.is_linked_to_previous


def test_meeting_without_services_or_followups_says_so(fresh_db, tmp_path):
    from models.records import create
    from models.tables import Journey, Meeting

    with fresh_db.transaction() as session:
        journey = create(fresh_db, session, Journey, name="Reise")
        meeting = create(fresh_db, session, Meeting, journey_id=journey.id, title="Tomt møte")
    path = tmp_path / "tomt.docx"
    write_minutes(fresh_db, meeting.id, path)
    text = docx_all_text(path)
    assert "Ingen tjenester ble registrert i møtet." in text
    assert "Ingen oppfølgingspunkter." in text
    assert len(docx.Document(str(path)).sections) == 1


def test_notes_under_a_guide_not_installed_here_are_kept_under_their_keys(fresh_db, tmp_path):
    from models.records import create, save_note
    from models.tables import Journey, Meeting

    with fresh_db.transaction() as session:
        journey = create(fresh_db, session, Journey, name="Reise")
        meeting = create(
            fresh_db, session, Meeting, journey_id=journey.id, title="Møte", guide_key="borte"
        )
    save_note(fresh_db, meeting.id, "X9", "Kari Hansen", "Notat under en ukjent veiledning.")
    path = tmp_path / "referat.docx"
    write_minutes(fresh_db, meeting.id, path)
    paragraphs = [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]
    start = paragraphs.index(("Heading 1", "Andre notater"))
    assert paragraphs[start + 1 : start + 3] == [
        ("Heading 2", "X9"),
        ("Normal", "Notat under en ukjent veiledning."),
    ]
