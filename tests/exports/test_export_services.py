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
    sheet = load_workbook(path).active
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
        rows = list(csv.reader(handle))
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
        contacts = {row["Navn"]: row["Kontaktperson"] for row in csv.DictReader(handle)}
    assert contacts["Mobil pasientjournal"].startswith("Deltaker ")  # a person met in a meeting
    assert contacts["Ukjent"] == "Kontaktperson 1"


def test_other_suffixes_are_refused(journey, tmp_path):
    with pytest.raises(ExportError) as raised:
        write_services(journey.db, tmp_path / "tjenester.ods")
    assert raised.value.message_key == "services_format"
