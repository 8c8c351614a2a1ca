"""The report for DSB: front page, contents field, findings, regions, chart, fact sheets, annexes."""

from __future__ import annotations

import docx
from conftest import docx_all_text
from sqlmodel import select

from exports.report import write_report
from models.minutes import save_finding
from models.tables import Service


def _last(items: list[str], value: str) -> int:
    return len(items) - 1 - items[::-1].index(value)


def _write(journey, tmp_path):
    path = tmp_path / "rapport.docx"
    write_report(journey.db, journey.journey_id, path)
    return docx.Document(str(path)), path


def test_front_page_then_a_contents_field_then_findings(journey, tmp_path):
    document, _ = _write(journey, tmp_path)
    front = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert front["Innsiktsreise"] == "Mobile tjenester 2019"
    assert front["Status"] == "Utkast" and front["Referater"] == "0 av 2 godkjent"
    assert front["Versjon"].startswith("Utkast av ")
    body = document.element.body.xml
    assert 'TOC \\o "1-2"' in body
    assert body.index("TOC ") < body.index("Hovedfunn")
    assert document.settings.element.xpath("./w:updateFields/@w:val") == ["true"]
    core = document.core_properties
    assert core.title == "Sammenstilling – Mobile tjenester 2019"
    assert core.subject and "python-docx" not in core.author + core.comments


def test_findings_written_in_the_tui_stand_beside_the_figures(journey, tmp_path):
    save_finding(journey.db, journey.journey_id, "kritikalitet", "Radioterminalen er kritisk.")
    document, _ = _write(journey, tmp_path)
    paragraphs = [p.text for p in document.paragraphs]
    start = _last(paragraphs, "Hvor kritiske er de?")  # the first is the contents' line
    assert paragraphs[start + 1] == "Radioterminalen er kritisk."
    assert paragraphs[start + 2].startswith("Etter kritikalitet: oppdragskritisk (2)")
    assert "Hovedfunnet er ikke skrevet ennå" in paragraphs[_last(paragraphs, "Planer") + 1]


def test_status_and_criticality_are_counted_per_region_with_a_chart(journey, tmp_path):
    document, path = _write(journey, tmp_path)
    text = docx_all_text(path)
    assert "Tjenester etter kritikalitet per region" in text
    chart = next(t for t in document.tables if t.rows[0].cells[0].text == "Helse Midt-Norge")
    fills = chart.rows[0].cells[1]._tc.xpath("./w:tcPr/w:shd/@w:fill")
    assert fills == ["C0504D"] and chart.rows[0].cells[1].text == "1"


def test_every_service_has_a_fact_sheet_naming_who_operates_it(journey, tmp_path):
    with journey.db.session() as session:
        services = session.exec(select(Service)).all()
    document, _ = _write(journey, tmp_path)
    sheets = {}
    body = list(document.element.body.iterchildren())
    start = max(
        i
        for i, c in enumerate(body)
        if c.tag.endswith("}p") and "Faktaark per tjeneste" in c.xpath("string(.)")
    )
    current = None
    for child in body[start:]:
        if child.tag.endswith("}p") and "Vedlegg B" in child.xpath("string(.)"):
            break
        if (
            child.tag.endswith("}p")
            and child.xpath("string(./w:pPr/w:pStyle/@w:val)") == "Heading2"
        ):
            current = child.xpath("string(.)")
        elif child.tag.endswith("}tbl") and current and current not in sheets:
            table = docx.table.Table(child, document._body)
            sheets[current] = {row.cells[0].text: row.cells[1].text for row in table.rows}
    assert set(sheets) == {s.name for s in services}
    for service in services:
        sheet = sheets[service.name]
        assert sheet["Driftes av"] == (service.operated_by or "–")
        for field in ("Utvikles av", "Innføres av", "Forvaltes av", "Leverandører", "Tilkobling",
                      "Reserveløsning", "Planer", "Kontaktperson", "Omtalt i møter"):  # fmt: skip
            assert field in sheet


def test_annexes_hold_method_participants_and_the_glossary(journey, tmp_path):
    _, path = _write(journey, tmp_path)
    text = docx_all_text(path)
    assert "Vedlegg B: Metode og deltakere" in text
    assert "Ola Nordmann, seksjonsleder drift" in text
    for term in ("AMK", "APN", "MDM", "TETRA", "KAK"):
        assert f"\n{term}\n" in text
