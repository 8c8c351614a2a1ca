"""The service catalogue as xlsx (openpyxl) and CSV (csv module) read back."""

from __future__ import annotations

import csv

import pytest
from openpyxl import load_workbook

from exports.service_fields import SERVICE_COLUMNS
from exports.services import write_services
from models.errors import ExportError
from models.records import create
from models.tables import Service


def test_xlsx_has_one_row_per_service_with_every_field(journey, tmp_path):
    path = tmp_path / "tjenester.xlsx"
    write_services(journey.db, path)
    sheet = load_workbook(path)["Tjenester"]
    rows = [[cell.value or "" for cell in row] for row in sheet.iter_rows()]
    header = rows[0]
    assert header[: len(SERVICE_COLUMNS)] == [name for name, _, _ in SERVICE_COLUMNS]
    assert header[-2:] == ["Nevnt i møter", "Id"]
    assert sorted(row[0] for row in rows[1:]) == sorted(journey.service_names)
    radio = next(row for row in rows if row[0] == "Nødnett-radioterminal")
    by_name = dict(zip(header, radio, strict=True))
    assert by_name["Eier"] == "HDO – Helsetjenestens driftsorganisasjon for nødnett HF"
    assert by_name["Avhengighet til dagens Nødnett"] == "full"
    assert by_name["Vurdering av kritikalitet"] == "avklart med operativt miljø"
    assert by_name["Nevnt i møter"] == "Møte med HEMIT"


def test_xlsx_header_is_frozen_filtered_and_columns_have_widths(journey, tmp_path):
    path = tmp_path / "tjenester.xlsx"
    write_services(journey.db, path)
    sheet = load_workbook(path).active
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref == f"A1:Y{len(journey.service_names) + 1}"
    assert sheet.column_dimensions["A"].width == 32
    assert sheet["A1"].font.bold


def test_text_that_looks_like_a_formula_stays_text_in_xlsx(fresh_db, tmp_path):
    with fresh_db.transaction() as session:
        create(fresh_db, session, Service, name='=HYPERLINK("http://x")', description="=1+1")
    path = tmp_path / "tjenester.xlsx"
    write_services(fresh_db, path)
    cell = load_workbook(path).active["A2"]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x")'


def test_csv_is_utf8_with_bom_and_reads_back_with_the_csv_module(journey, tmp_path):
    path = tmp_path / "tjenester.csv"
    write_services(journey.db, path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0][0] == "Navn"
    assert len(rows) == len(journey.service_names) + 1
    assert {row[0] for row in rows[1:]} == set(journey.service_names)
    assert all(len(row) == len(rows[0]) for row in rows)


def test_pseudonymised_catalogue_hides_contact_people(journey, tmp_path):
    with journey.db.transaction() as session:
        create(journey.db, session, Service, name="Ukjent", contact_person="Nina Nilsen")
    path = tmp_path / "tjenester.csv"
    write_services(journey.db, path, participants="pseudonym")
    text = path.read_text("utf-8-sig")
    assert "Ola Nordmann" not in text and "Nina Nilsen" not in text
    with path.open(encoding="utf-8-sig", newline="") as handle:
        contacts = {
            row["Navn"]: row["Kontaktperson"] for row in csv.DictReader(handle, delimiter=";")
        }
    assert contacts["Mobil pasientjournal"].startswith("Deltaker ")  # a person met in a meeting
    assert contacts["Ukjent"] == "Kontaktperson 1"


def test_other_suffixes_are_refused(journey, tmp_path):
    with pytest.raises(ExportError) as raised:
        write_services(journey.db, tmp_path / "tjenester.ods")
    assert raised.value.message_key == "services_format"


def _csv_rows(path, delimiter=";"):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=delimiter))


def test_csv_separator_is_semicolon_in_norwegian_and_comma_when_asked(
    journey, tmp_path, monkeypatch
):
    path = tmp_path / "semikolon.csv"
    write_services(journey.db, path)
    assert path.read_text("utf-8-sig").splitlines()[0].startswith("Navn;Beskrivelse;")
    comma = tmp_path / "komma.csv"
    write_services(journey.db, comma, separator=",")
    assert len(_csv_rows(comma, ",")[0]) == len(_csv_rows(path)[0])
    monkeypatch.setenv("INNSIKT_LANG", "en")
    english = tmp_path / "english.csv"
    write_services(journey.db, english)
    assert english.read_text("utf-8-sig").startswith("Navn,Beskrivelse,")
    with pytest.raises(ExportError):
        write_services(journey.db, tmp_path / "tab.csv", separator="\t")


FORMULAS = ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", '=HYPERLINK("http://x")')


def test_formula_like_text_in_every_csv_column_is_neutralised(fresh_db, tmp_path):
    """Every text column of a service starts with a formula character: each cell is quoted."""
    from models.tables import Organisation

    with fresh_db.transaction() as session:
        owner = create(fresh_db, session, Organisation, name="=ORG()")
        for number, start in enumerate(FORMULAS):
            fields = {
                name: f"{start} {name}"
                for name in Service.content_fields
                if name not in ("owner_id",) and isinstance(getattr(Service(name="x"), name), str)
            }
            fields.update(
                name=f"{start} navn {number}",
                regions=[f"{start} region"],
                user_groups=[f"{start} gruppe"],
                equipment=[f"{start} utstyr"],
                connectivity=[f"{start} nett"],
            )
            create(fresh_db, session, Service, owner_id=owner.id, **fields)
    path = tmp_path / "tjenester.csv"
    write_services(fresh_db, path)
    rows = _csv_rows(path)
    header, body = rows[0], rows[1:]
    assert len(body) == len(FORMULAS)
    checked = [name for name in header if name != "Id"]
    for row in body:
        for name, cell in zip(header, row, strict=True):
            if name in checked and cell:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (name, cell)
    filled = {name for row in body for name, cell in zip(header, row, strict=True) if cell}
    assert filled >= set(checked) - {"Nevnt i møter"}  # every column was really tested
    assert any(cell == "'=1+1 description" for row in body for cell in row)


def test_workbook_has_sheets_wrapped_text_date_cells_and_print_setup(journey, tmp_path):
    import datetime as dt

    path = tmp_path / "tjenester.xlsx"
    write_services(journey.db, path)
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Tjenester", "Møter", "Oppfølgingspunkter", "Matrise"]
    meetings = workbook["Møter"]
    assert meetings["A2"].value == dt.datetime(2019, 12, 2)
    assert meetings["A2"].number_format == "DD.MM.YYYY"
    follow = workbook["Oppfølgingspunkter"]
    dues = [row[4].value for row in follow.iter_rows(min_row=2)]
    assert dt.datetime(2019, 12, 20) in dues
    for sheet in workbook.worksheets:
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.print_title_rows == "$1:$1"
        assert sheet["A2"].alignment.wrap_text
    matrix = workbook["Matrise"]
    header = [cell.value for cell in matrix[1]]
    assert header[:3] == ["Tjeneste", "Status", "Kritikalitet"] and "Helse Midt-Norge" in header
    marks = {cell.value for row in matrix.iter_rows(min_row=2, min_col=4) for cell in row}
    assert "●" in marks
