"""The consolidated report read back with python-docx."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from conftest import TEMPLATES, docx_all_text

from exports.report import write_report
from models.errors import NotFoundError


def _report(journey, tmp_path: Path, journey_ref=None, **options):
    path = tmp_path / "rapport.docx"
    write_report(journey.db, journey_ref, path, **options)
    return docx.Document(str(path)), docx_all_text(path)


def _is_heading(child, text: str) -> bool:
    """A body paragraph `text` that is not a line of the table of contents."""
    if not child.tag.endswith("}p"):
        return False
    paragraph = docx.text.paragraph.Paragraph(child, None)
    in_contents = not child.xpath("string(./w:pPr/w:pStyle/@w:val)")
    return paragraph.text == text and not (in_contents and child.xpath("./w:pPr/w:ind"))


def _table_after(document, heading: str):
    """The first table after the paragraph `heading` in body order."""
    body = document.element.body
    seen = False
    for child in body.iterchildren():
        if _is_heading(child, heading):
            seen = True
        elif seen and child.tag.endswith("}tbl"):
            return docx.table.Table(child, document._body)
    raise AssertionError(f"no table after {heading}")


def _rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_report_names_every_service_of_the_journey(journey, tmp_path):
    document, text = _report(journey, tmp_path, journey.journey_id[:8])
    assert document.paragraphs[0].text == "Sammenstilling – Mobile tjenester 2019"
    for name in journey.service_names:
        assert name in text


def test_summary_counts_meetings_and_services_by_status_and_criticality(journey, tmp_path):
    document, _ = _report(journey, tmp_path)
    summary = dict(_rows(_table_after(document, "Sammendrag")))
    assert summary["Møter holdt"] == "2"
    assert summary["Tjenester registrert"] == "4"
    assert summary["Virksomheter"].splitlines() == ["HEMIT HF", "Helse Vest IKT"]
    assert _rows(_table_after(document, "Tjenester etter status"))[1:] == [
        ["i drift", "2"],
        ["under utvikling", "1"],
        ["planlagt", "1"],
    ]


def test_catalogue_is_grouped_by_region_then_organisation(journey, tmp_path):
    document, _ = _report(journey, tmp_path)
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name != "Normal"]
    start = headings.index(("Heading 1", "Tjenestekatalog per region og virksomhet"))
    assert headings[start + 1 : start + 7] == [
        ("Heading 2", "Helse Midt-Norge"),
        ("Heading 3", "HEMIT HF"),
        ("Heading 2", "Helse Vest"),
        ("Heading 3", "Helse Vest IKT"),
        ("Heading 2", "nasjonal"),
        ("Heading 3", "HDO – Helsetjenestens driftsorganisasjon for nødnett HF"),
    ]
    hemit = _rows(_table_after(document, "HEMIT HF"))
    assert [row[0] for row in hemit[1:]] == ["Hodekamera ambulanse", "Mobil pasientjournal"]


def _tables_after(document, heading: str, count: int):
    body = list(document.element.body.iterchildren())
    start = next(i for i, child in enumerate(body) if _is_heading(child, heading))
    found = [c for c in body[start:] if c.tag.endswith("}tbl")][:count]
    return [docx.table.Table(child, document._body) for child in found]


def test_matrix_marks_use_and_plans_and_shades_cells_by_criticality(journey, tmp_path):
    document, _ = _report(journey, tmp_path)
    legend, matrix = _tables_after(document, "Tjenester og regioner", 2)
    assert _rows(legend)[0] == ["1 oppdragskritisk", "2 virksomhetskritisk", "3 viktig"]
    rows = _rows(matrix)
    assert rows[0] == ["Tjeneste", "Status", "Helse Midt-Norge", "Helse Vest", "nasjonal"]
    assert ["Kommunikasjonsenhet i bil", "planlagt", "", "○ 3", ""] in rows
    radio = next(row for row in matrix.rows if row.cells[0].text == "Nødnett-radioterminal")
    assert radio.cells[4].text == "● 1"
    fills = [cell._tc.xpath("./w:tcPr/w:shd/@w:fill") for cell in radio.cells]
    assert fills[4] == ["C0504D"] and fills[2] == []  # shaded where used, by criticality
    legend_fills = [cell._tc.xpath("./w:tcPr/w:shd/@w:fill")[0] for cell in legend.rows[0].cells]
    assert legend_fills[0] == "C0504D"


def test_nodnett_plans_and_criticality_sections(journey, tmp_path):
    document, _ = _report(journey, tmp_path)
    nodnett = _rows(_table_after(document, _heading(document, "Avhengighet til dagens")))
    assert nodnett[1][:2] == ["Nødnett-radioterminal", "full"]
    plans = _rows(_table_after(document, "Utviklingsplaner"))
    assert {row[0] for row in plans[1:]} == {"Kommunikasjonsenhet i bil", "Mobil pasientjournal"}
    cross = _rows(_table_after(document, "Kritikalitet: foreløpig og avklart"))
    assert cross[0] == ["Kritikalitet", "foreløpig", "avklart med operativt miljø", "ikke vurdert"]
    assert ["oppdragskritisk", "1", "1", "0"] in cross


def _heading(document, start: str) -> str:
    return next(p.text for p in document.paragraphs if p.text.startswith(start))


def test_answers_of_every_organisation_stand_side_by_side(journey, tmp_path):
    document, _ = _report(journey, tmp_path)
    a1 = _rows(_table_after(document, "A1 Hvilken virksomhet og region representerer dere?"))
    assert a1 == [
        ["Virksomhet", "Svar"],
        ["HEMIT HF (02.12.2019)", "HEMIT HF"],
        ["Helse Vest IKT (14.01.2020)", "Helse Vest IKT"],
    ]
    a2 = _rows(_table_after(document, _heading(document, "A2 ")))
    assert a2[1][1].splitlines() == [
        "KH: Deltakerne jobber med drift og forvaltning.",
        "PO: Ola Nordmann leder driften; Siri har arkitekturansvar.",
    ]


def test_only_open_followups_are_listed(journey, tmp_path):
    document, _ = _report(journey, tmp_path)
    rows = _rows(_table_after(document, "Åpne oppfølgingspunkter"))
    assert [row[1] for row in rows[1:]] == ["Sende arkitekturskisse", "Sende avtaleoversikt"]


def test_report_into_template_keeps_its_letterhead(journey, tmp_path):
    document, text = _report(journey, tmp_path, template=TEMPLATES / "letterhead.docx")
    assert "Brevmal" in document.sections[0].header.paragraphs[0].text
    assert "skal erstattes" not in text


def test_unknown_journey_is_refused(journey, tmp_path):
    with pytest.raises(NotFoundError):
        write_report(journey.db, "nope", tmp_path / "r.docx")


def test_report_of_an_empty_database_says_there_is_nothing_yet(fresh_db, tmp_path):
    path = tmp_path / "tom.docx"
    write_report(fresh_db, None, path)
    assert "Det er ingen møter i denne innsiktsreisen ennå." in docx_all_text(path)
