"""The service catalogue as a spreadsheet: Excel (.xlsx) or CSV (UTF-8 with BOM, for Excel)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import BinaryIO

from exports.minutes_content import people_filter_for
from exports.people import Participants
from exports.safe import atomic_write, clean
from exports.service_fields import SERVICE_COLUMNS, service_order
from models.content_queries import load_meeting_records
from models.errors import ExportError
from models.storage import Database

MEETINGS_COLUMN = ("Nevnt i møter", 40.0)
ID_COLUMN = ("Id", 38.0)


def service_table(db: Database, participants: Participants = "alle") -> list[list[str]]:
    """Header and one row per live service, with every field, ordered by name."""
    with db.session() as session:
        records = load_meeting_records(session)
    people = people_filter_for(records, participants)
    header = [name for name, _, _ in SERVICE_COLUMNS] + [MEETINGS_COLUMN[0], ID_COLUMN[0]]
    contact_column = header.index("Kontaktperson")
    rows = [header]
    contacts: dict[str, str] = {}
    # Each service's meetings, in meeting order, gathered in one pass (not a scan per service).
    held_by: dict[str, list[str]] = {}
    for meeting in records.meetings:
        for service_id in dict.fromkeys(m.service_id for m in records.mentions.get(meeting.id, [])):
            held_by.setdefault(service_id, []).append(meeting.title)
    services = sorted(records.services.values(), key=service_order)
    for service in services:
        row = [
            people.scrub(clean(getter(service, records.organisations)))
            for _, getter, _ in SERVICE_COLUMNS
        ]
        contact = row[contact_column]
        if not people.shows_names and contact == clean(service.contact_person) and contact:
            # Not a person met in a meeting, but still personal data: a numbered stand-in.
            row[contact_column] = contacts.setdefault(contact, f"Kontaktperson {len(contacts) + 1}")
        row.append(people.scrub(clean("; ".join(held_by.get(service.id, [])))))
        row.append(service.id)
        rows.append(row)
    return rows


def _write_xlsx(rows: list[list[str]], handle: BinaryIO) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Tjenester"
    for row in rows:
        sheet.append(row)
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            if cell.data_type == "f":
                cell.data_type = "s"  # text typed as «=…» is a note, never a formula to run
    widths = [width for _, _, width in SERVICE_COLUMNS] + [MEETINGS_COLUMN[1], ID_COLUMN[1]]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor="1F3864")
    for cell in sheet[1]:
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2"  # the header row and the service name stay in view
    sheet.auto_filter.ref = sheet.dimensions
    workbook.save(handle)


def _write_csv(rows: list[list[str]], handle: BinaryIO) -> None:
    text = io.StringIO(newline="")
    csv.writer(text, lineterminator="\r\n").writerows(rows)
    # The BOM makes Excel read the file as UTF-8, so æøå survive a double-click.
    handle.write(text.getvalue().encode("utf-8-sig"))


def write_services(db: Database, path: Path, *, participants: Participants = "alle") -> None:
    """Write the service catalogue to `path`; the suffix (.xlsx or .csv) chooses the format."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ExportError("services_format", path=path)
    rows = service_table(db, participants)
    writer = _write_xlsx if suffix == ".xlsx" else _write_csv
    atomic_write(path, lambda handle: writer(rows, handle))
