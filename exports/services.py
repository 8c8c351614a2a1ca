"""The service catalogue as a spreadsheet: Excel (.xlsx) or CSV (UTF-8 with BOM, for Excel)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import BinaryIO

from exports.people import Participants, PeopleFilter
from exports.safe import atomic_write, clean
from exports.service_fields import SERVICE_COLUMNS, service_order
from exports.text import label
from models import services_read
from models.content_queries import PersonInMeeting
from models.errors import ExportError
from models.read import reading
from models.storage import Database

MEETINGS_COLUMN = (label("column_mentioned_in"), 40.0)
ID_COLUMN = (label("column_id"), 38.0)


def service_table(db: Database, participants: Participants = "alle") -> list[list[str]]:
    """Header and one row per live service, with every field, ordered by name.

    Read with plain SQL (`models.services_read`): linear in the services and meetings.
    """
    with reading(db.path) as connection:
        services = services_read.services(connection)
        organisations = services_read.organisations(connection)
        held_by = services_read.meetings_naming_services(connection)
        named = services_read.people_named(connection) if participants != "alle" else None
    people = _people_filter(named, participants)
    header = [name for name, _, _ in SERVICE_COLUMNS] + [MEETINGS_COLUMN[0], ID_COLUMN[0]]
    contact_column = header.index(label("column_contact_person"))
    rows = [header]
    contacts: dict[str, str] = {}
    for service in sorted(services, key=service_order):
        row = [
            people.scrub(clean(getter(service, organisations)))  # type: ignore[arg-type]
            for _, getter, _ in SERVICE_COLUMNS
        ]
        contact = row[contact_column]
        if not people.shows_names and contact == clean(service.contact_person) and contact:
            # Not a person met in a meeting, but still personal data: a numbered stand-in.
            row[contact_column] = contacts.setdefault(
                contact, label("contact_person_n", number=len(contacts) + 1)
            )
        row.append(people.scrub(clean("; ".join(held_by.get(service.id, [])))))
        row.append(service.id)
        rows.append(row)
    return rows


def _people_filter(
    named: services_read.PeopleNamed | None, participants: Participants
) -> PeopleFilter:
    """As `people_filter_for` over every meeting; names shown need no names known."""
    if named is None:
        return PeopleFilter(participants, [])
    people = [PersonInMeeting("", name, role, "", "") for name, role in named.participants]
    return PeopleFilter(participants, people, named.authors, named.others)


# A cell starting with one of these is run as a formula by Excel and LibreOffice (OWASP, «CSV
# injection»): a leading single quote makes it text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SEPARATORS = (";", ",")


def neutralised(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def default_separator() -> str:
    """«;» where Excel runs in Norwegian (its list separator there), «,» in English."""
    from models.text import language

    return ";" if language() == "nb" else ","


def _write_csv(rows: list[list[str]], handle: BinaryIO, separator: str = ";") -> None:
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=separator, lineterminator="\r\n")
    writer.writerows([[neutralised(cell) for cell in row] for row in rows])
    # The BOM makes Excel read the file as UTF-8, so æøå survive a double-click.
    handle.write(text.getvalue().encode("utf-8-sig"))


def write_services(
    db: Database,
    path: Path,
    *,
    participants: Participants = "alle",
    separator: str | None = None,
) -> None:
    """Write the service catalogue to `path`; the suffix (.xlsx or .csv) chooses the format.

    `separator` is the CSV's field separator («;» or «,»; by default the language's).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ExportError("services_format", path=path)
    separator = default_separator() if separator is None else separator
    if separator not in SEPARATORS:
        raise ExportError("csv_separator", value=separator)
    if suffix == ".xlsx":
        from exports.workbook import write_workbook

        atomic_write(path, lambda handle: write_workbook(db, handle, participants))
        return
    rows = service_table(db, participants)
    atomic_write(path, lambda handle: _write_csv(rows, handle, separator))
