"""The spreadsheet export: services, meetings, follow-ups and the services × regions matrix."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any, BinaryIO

from exports.minutes_content import people_filter_for
from exports.minutes_header import status_text
from exports.people import Participants, PeopleFilter
from exports.safe import clean
from exports.service_fields import (
    IN_USE_MARK,
    PLANNED_MARK,
    SERVICE_COLUMNS,
    matrix_regions,
    planned,
    service_order,
    service_regions,
)
from exports.services import ID_COLUMN, MEETINGS_COLUMN, service_table
from exports.text import label
from models.content_queries import MeetingRecords, load_meeting_records
from models.storage import Database

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

DATE_FORMAT = "DD.MM.YYYY"
HEADER_FILL = "1F3864"


def _as_date(value: str) -> dt.date | str:
    """An ISO date typed into a text field becomes a real date cell."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return value
    return value


def _sheet(workbook: Any, title: str, rows: list[list[Any]], widths: list[float]) -> Worksheet:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet = workbook.create_sheet(title)
    for row in rows:
        sheet.append(row)
    top = Alignment(wrap_text=True, vertical="top")
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            if cell.data_type == "f":
                cell.data_type = "s"  # text typed as «=…» is a note, never a formula to run
            if isinstance(cell.value, dt.date):
                cell.number_format = DATE_FORMAT
            cell.alignment = top
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = top
    sheet.freeze_panes = "B2"  # the header row and the first column stay in view
    sheet.auto_filter.ref = sheet.dimensions
    # Printing: landscape A4, one page wide, the header row on every page.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = "1:1"
    return sheet


def _services(workbook: Any, db: Database, participants: Participants) -> None:
    rows: list[list[Any]] = [list(row) for row in service_table(db, participants)]
    target = rows[0].index(label("column_plans_target_date"))
    for row in rows[1:]:
        row[target] = _as_date(row[target])
    widths = [width for _, _, width in SERVICE_COLUMNS] + [MEETINGS_COLUMN[1], ID_COLUMN[1]]
    _sheet(workbook, label("sheet_services"), rows, widths)


def _meetings(workbook: Any, records: MeetingRecords, people: PeopleFilter) -> None:
    def tidy(value: str) -> str:
        return people.scrub(clean(value))

    rows: list[list[Any]] = [
        [
            label(key)
            for key in (
                "column_date",
                "column_meeting",
                "column_organisations",
                "column_time",
                "column_place",
                "column_minutes",
                "column_id",
            )
        ]
    ]
    for meeting in records.meetings:
        organisations = ", ".join(o.name for o in records.meeting_organisations.get(meeting.id, []))
        time = "–".join(t for t in (meeting.start_time, meeting.end_time) if t)
        place = ", ".join(p for p in (meeting.place, "Teams" if meeting.teams else "") if p)
        status = status_text(records.statuses.get(meeting.id))
        rows.append(
            [meeting.date, tidy(meeting.title), tidy(organisations), time, tidy(place), status,
             meeting.id]
        )  # fmt: skip
    _sheet(workbook, label("sheet_meetings"), rows, [12, 40, 40, 13, 24, 30, 38])


def _followups(workbook: Any, records: MeetingRecords, people: PeopleFilter) -> None:
    rows: list[list[Any]] = [
        [
            label(key)
            for key in (
                "column_meeting",
                "column_meeting_date",
                "column_what",
                "column_who",
                "column_deadline",
                "column_status",
            )
        ]
    ]
    for meeting in records.meetings:
        for item in records.followups.get(meeting.id, []):
            rows.append(
                [
                    people.scrub(clean(meeting.title)),
                    meeting.date,
                    people.scrub(clean(item.what)),
                    people.scrub(clean(item.who)),
                    item.due_date,
                    item.status,
                ]
            )
    _sheet(workbook, label("sheet_followups"), rows, [36, 12, 56, 24, 12, 10])


def _matrix(workbook: Any, records: MeetingRecords, people: PeopleFilter) -> None:
    services = sorted(records.services.values(), key=service_order)
    regions = matrix_regions(services, records.organisations)
    rows: list[list[Any]] = [
        [label("column_service"), label("column_status"), label("column_criticality"), *regions]
    ]
    for service in services:
        used = service_regions(service, records.organisations)
        mark = PLANNED_MARK if planned(service) else IN_USE_MARK
        rows.append(
            [
                people.scrub(clean(service.name)),
                service.status,
                service.criticality,
                *(mark if region in used else "" for region in regions),
            ]
        )
    rows.append([])
    rows.append(
        [f"{IN_USE_MARK} = i bruk i regionen, {PLANNED_MARK} = planlagt eller under utvikling"]
    )
    sheet = _sheet(workbook, label("sheet_matrix"), rows, [36, 16, 18, *([16] * len(regions))])
    sheet.auto_filter.ref = f"A1:{sheet.cell(1, 3 + len(regions)).coordinate}{len(services) + 1}"


def write_workbook(db: Database, handle: BinaryIO, participants: Participants = "alle") -> None:
    """The workbook with its four sheets, written to `handle`."""
    from openpyxl import Workbook

    with db.session() as session:
        records = load_meeting_records(session)
    people = people_filter_for(records, participants)
    workbook = Workbook()
    workbook.remove(workbook.active)
    _services(workbook, db, participants)
    _meetings(workbook, records, people)
    _followups(workbook, records, people)
    _matrix(workbook, records, people)
    workbook.save(handle)
