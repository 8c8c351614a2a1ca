"""Reading a Microsoft Teams attendance report (.csv as downloaded) into plain records.

Pure functions: bytes in, an `AttendanceReport` out, no database. What is accepted:

- Encodings: UTF-16 (LE or BE) with a byte order mark, as Teams writes it; UTF-8 with or without
  a BOM; UTF-16 LE without a BOM; Windows-1252 (a report saved again by Excel).
- Cells separated by tabs (Teams), or by «;» or «,» (a report saved again as CSV by Excel).
- The report of 2022 onwards, in English or Norwegian: sections «1. Summary» / «1. Sammendrag»,
  «2. Participants» / «2. Deltakere», «3. In-Meeting Activities» / «3. Aktiviteter i møtet»; the
  participants table is the first table in section 2 (or, without section headings, the first
  table whose header has a name and a join time, e-mail or role column).
- The older single table: «Full Name», «User Action» («Joined», «Left», «Joined before»),
  «Timestamp», or in Norwegian «Fullt navn», «Brukerhandling», «Tidsstempel».
- Header names are compared without case, punctuation or repeated blanks; the variants of each
  column are in `COLUMNS`.
- Times: «11/4/26, 9:58:12 AM» (month first when there is AM/PM), «4/11/2026 09:58» (day first
  without AM/PM), «04.11.2026, 09:58:12», «2026-11-04 09:58:12». A time that cannot be read is
  left empty; it never stops the import.
- Names lose Teams' suffixes «(Guest)», «(Gjest)», «(External)», «(Ekstern)», «(Unverified)».
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

from models.errors import InnsiktError

MAX_BYTES = 20_000_000  # a meeting of a thousand people is a few hundred kB

ORGANISER, PRESENTER, ATTENDEE = "organiser", "presenter", "attendee"


class AttendanceError(InnsiktError):
    """The file is not a Teams attendance report that can be read; nothing was imported."""


def _norm(text: str) -> str:
    """A header or label without case, punctuation or repeated blanks: «Deltaker-ID (UPN)» →
    «deltaker id upn»."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def _variants(*names: str) -> frozenset[str]:
    return frozenset(_norm(name) for name in names)


COLUMNS: dict[str, frozenset[str]] = {
    "name": _variants(
        "Name", "Full Name", "Participant name", "Navn", "Fullt navn", "Deltakernavn"
    ),
    "first_join": _variants(
        "First Join",
        "First Join Time",
        "Join Time",
        "Første deltakelse",
        "Første gang deltatt",
        "Første tilkobling",
        "Første gang med",
        "Ble med første gang",
        "Tidspunkt for første deltakelse",
    ),
    "last_leave": _variants(
        "Last Leave",
        "Last Leave Time",
        "Leave Time",
        "Siste gang forlatt",
        "Sist forlatt",
        "Siste avreise",
        "Forlot sist",
        "Tidspunkt for siste avreise",
    ),
    "duration": _variants(
        "In-Meeting Duration", "Duration", "Varighet i møtet", "Varighet", "Tid i møtet"
    ),
    "email": _variants("Email", "E-mail", "E-post", "Epost", "E-postadresse"),
    "upn": _variants(
        "Participant ID (UPN)",
        "Participant ID",
        "UPN",
        "Deltaker-ID (UPN)",
        "Deltaker-ID",
        "Deltaker ID",
        "Bruker-ID",
    ),
    "role": _variants("Role", "Rolle"),
    "action": _variants("User Action", "Action", "Brukerhandling", "Handling"),
    "timestamp": _variants("Timestamp", "Tidsstempel", "Tidspunkt"),
}

ROLES: dict[str, str] = {
    **dict.fromkeys(_variants("Organizer", "Organiser", "Organisator", "Arrangør"), ORGANISER),
    **dict.fromkeys(
        _variants(
            "Presenter",
            "Co-organizer",
            "Presentatør",
            "Foredragsholder",
            "Medarrangør",
            "Medorganisator",
        ),
        PRESENTER,
    ),
    **dict.fromkeys(_variants("Attendee", "Deltaker"), ATTENDEE),
}

SUMMARY_KEYS: dict[str, frozenset[str]] = {
    "title": _variants("Meeting title", "Meeting Title", "Møtetittel", "Tittel", "Tittel på møtet"),
    "start": _variants(
        "Start time", "Meeting Start Time", "Starttidspunkt", "Starttid", "Møtets starttid"
    ),
    "end": _variants("End time", "Meeting End Time", "Sluttidspunkt", "Sluttid", "Møtets sluttid"),
}

_SECTION = re.compile(r"^\s*(\d)\s*\.\s*\S")
_NAME_SUFFIX = re.compile(
    r"\s*\((guest|gjest|external|ekstern|unverified|ikke bekreftet|uverifisert)\)\s*$",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Attendee:
    """One person in the report; times are local "YYYY-MM-DDTHH:MM:SS" or empty."""

    name: str
    email: str
    role: str  # ORGANISER, PRESENTER, ATTENDEE or "" (the older format has no roles)
    first_join: str
    last_leave: str


@dataclass(frozen=True)
class AttendanceReport:
    layout: str  # "sections" (2022 onwards) or "older" (one table of joins and leaves)
    title: str
    start: str
    end: str
    attendees: tuple[Attendee, ...]


# --- decoding and cells -------------------------------------------------------------------------


def decode_report(data: bytes, file: str) -> str:
    """The text of the report's bytes, or AttendanceError when it is no text file we know."""
    boms = (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    )
    encodings = [encoding for bom, encoding in boms if data.startswith(bom)]
    if not encodings:
        looks_utf16 = data[1:200:2].count(0) > len(data[1:200:2]) // 2 and len(data) >= 2
        encodings = ["utf-16-le"] if looks_utf16 else ["utf-8", "cp1252"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text
    raise AttendanceError("attendance_not_report", file=file)


def _rows(text: str) -> list[list[str]]:
    sample = text[:4000]
    delimiter = "\t" if "\t" in sample else ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        return [[cell.strip() for cell in row] for row in reader]
    except csv.Error:
        return []


def _header(row: list[str]) -> dict[str, int]:
    """Which canonical column each cell of a header row is (first occurrence wins)."""
    found: dict[str, int] = {}
    for index, cell in enumerate(row):
        normal = _norm(cell)
        for column, variants in COLUMNS.items():
            if normal in variants and column not in found:
                found[column] = index
                break
    return found


# --- times and names ----------------------------------------------------------------------------

_US = re.compile(
    r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap])\.?\s*m\.?$",
    re.IGNORECASE,
)
_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4}),?\s+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?$")
_DOTS = re.compile(
    r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4}),?\s+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?$"
)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?")


def parse_moment(text: str) -> str:
    """A report's time as local "YYYY-MM-DDTHH:MM:SS", or "" when it cannot be read."""
    value = " ".join(text.replace("\u202f", " ").split())
    try:
        if match := _US.match(value):
            month, day, year, hour, minute, second, half = match.groups()
            hour_24 = int(hour) % 12 + (12 if half.lower() == "p" else 0)
            moment = dt.datetime(
                _year(year), int(month), int(day), hour_24, int(minute), int(second or 0)
            )
        elif match := _SLASH.match(value) or _DOTS.match(value):
            day, month, year, hour, minute, second = match.groups()
            moment = dt.datetime(
                _year(year), int(month), int(day), int(hour), int(minute), int(second or 0)
            )
        elif match := _ISO.match(value):
            year, month, day, hour, minute, second = match.groups()
            moment = dt.datetime(
                int(year), int(month), int(day), int(hour), int(minute), int(second or 0)
            )
        else:
            return ""
    except ValueError:
        return ""
    return moment.isoformat(timespec="seconds")


def _year(text: str) -> int:
    return int(text) + 2000 if len(text) == 2 else int(text)


def clean_name(name: str) -> str:
    """A display name without Teams' guest and external suffixes."""
    return " ".join(_NAME_SUFFIX.sub("", name).split())


def _email(*candidates: str) -> str:
    for candidate in candidates:
        value = candidate.strip().strip("<>").lower()
        if _EMAIL.match(value):
            return value
    return ""


def _cell(row: list[str], columns: dict[str, int], column: str) -> str:
    index = columns.get(column)
    return row[index] if index is not None and index < len(row) else ""


# --- the two layouts ----------------------------------------------------------------------------


def _sections(rows: list[list[str]]) -> dict[int, tuple[int, int]]:
    """Numbered section headings («2. Participants») → the rows [start, end) they hold."""
    marks = [
        (index, int(match.group(1)))
        for index, row in enumerate(rows)
        if len([cell for cell in row if cell]) == 1
        and (match := _SECTION.match(next(cell for cell in row if cell)))
    ]
    spans: dict[int, tuple[int, int]] = {}
    for position, (index, number) in enumerate(marks):
        end = marks[position + 1][0] if position + 1 < len(marks) else len(rows)
        spans.setdefault(number, (index + 1, end))
    return spans


def _summary(rows: list[list[str]]) -> dict[str, str]:
    found: dict[str, str] = {}
    for row in rows:
        cells = [cell for cell in row if cell]
        if len(cells) < 2:
            continue
        for key, variants in SUMMARY_KEYS.items():
            if _norm(cells[0]) in variants and key not in found:
                found[key] = cells[1]
    return found


def _participants(rows: list[list[str]], columns: dict[str, int]) -> list[Attendee]:
    attendees: dict[str, Attendee] = {}
    for row in rows:
        if not any(row):
            break  # the table ends at the first empty line
        name = clean_name(_cell(row, columns, "name"))
        if not name:
            continue
        email = _email(_cell(row, columns, "email"), _cell(row, columns, "upn"))
        attendee = Attendee(
            name=name,
            email=email,
            role=ROLES.get(_norm(_cell(row, columns, "role")), ""),
            first_join=parse_moment(_cell(row, columns, "first_join")),
            last_leave=parse_moment(_cell(row, columns, "last_leave")),
        )
        key = email or name.casefold()
        attendees[key] = _combine(attendees[key], attendee) if key in attendees else attendee
    return list(attendees.values())


def _combine(one: Attendee, other: Attendee) -> Attendee:
    """One person listed twice (two devices): the earliest join, the latest leave."""
    joins = [moment for moment in (one.first_join, other.first_join) if moment]
    leaves = [moment for moment in (one.last_leave, other.last_leave) if moment]
    return Attendee(
        name=one.name,
        email=one.email or other.email,
        role=ORGANISER if ORGANISER in (one.role, other.role) else one.role or other.role,
        first_join=min(joins, default=""),
        last_leave=max(leaves, default=""),
    )


def _action_kind(action: str) -> str:
    normal = _norm(action)
    if any(word in normal for word in ("left", "forlot", "forlatt", "koblet fra")):
        return "leave"
    if any(word in normal for word in ("join", "ble med", "blitt med", "deltok", "koblet til")):
        return "join"
    return ""


def _older(rows: list[list[str]], columns: dict[str, int]) -> list[Attendee]:
    attendees: dict[str, Attendee] = {}
    for row in rows:
        name = clean_name(_cell(row, columns, "name"))
        kind = _action_kind(_cell(row, columns, "action"))
        if not name or not kind:
            continue
        moment = parse_moment(_cell(row, columns, "timestamp"))
        email = _email(_cell(row, columns, "email"), _cell(row, columns, "upn"))
        attendee = Attendee(
            name=name,
            email=email,
            role="",
            first_join=moment if kind == "join" else "",
            last_leave=moment if kind == "leave" else "",
        )
        key = email or name.casefold()
        attendees[key] = _combine(attendees[key], attendee) if key in attendees else attendee
    return list(attendees.values())


def parse_report(text: str, file: str = "") -> AttendanceReport:
    """The attendees of a report's text; AttendanceError when it is not an attendance report."""
    rows = _rows(text)
    spans = _sections(rows)
    search = range(*spans[2]) if 2 in spans else range(len(rows))
    for index in search:
        columns = _header(rows[index])
        if "name" not in columns:
            continue
        summary = _summary(rows[slice(*spans[1])] if 1 in spans else rows[:index])
        if {"action", "timestamp"} <= columns.keys():
            layout, attendees = "older", _older(rows[index + 1 :], columns)
        elif columns.keys() & {"first_join", "email", "upn", "role"}:
            layout, attendees = "sections", _participants(rows[index + 1 :], columns)
        else:
            continue
        if not attendees:
            raise AttendanceError("attendance_empty", file=file)
        return AttendanceReport(
            layout=layout,
            title=summary.get("title", ""),
            start=parse_moment(summary.get("start", "")),
            end=parse_moment(summary.get("end", "")),
            attendees=tuple(attendees),
        )
    raise AttendanceError("attendance_not_report", file=file)


def read_report(path: Path) -> AttendanceReport:
    """Read and parse the report at `path`; every problem is one AttendanceError."""
    path = Path(path)
    if path.is_dir():
        raise AttendanceError("attendance_is_directory", file=path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise AttendanceError("attendance_not_report", file=path.name)
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise AttendanceError("attendance_missing", file=path) from error
    except OSError as error:
        raise AttendanceError("attendance_unreadable", file=path, detail=error.strerror) from error
    return parse_report(decode_report(data, path.name), path.name)
