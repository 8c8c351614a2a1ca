"""Parsing and checking what the user types into forms: dates, times, participant lines, text.

Pure functions without Textual or the database, so that every rule is tested directly. A problem
is raised as `FieldProblem` carrying the UI text to show beside the field.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from models.roles import LINE_ROLES, Role
from tui.text import tx

if TYPE_CHECKING:
    from models.meeting_form import MeetingForm, ParticipantLine  # noqa: F401


def __getattr__(name: str) -> object:
    """The forms' values (`MeetingForm`, `ParticipantLine`), imported when first asked for:
    the app's start needs only `clean_line` of this module."""
    if name in ("MeetingForm", "ParticipantLine"):
        from models import meeting_form

        return getattr(meeting_form, name)
    raise AttributeError(name)


YEAR_LOW, YEAR_HIGH = 2000, 2100
# Enough for any real note (a 200 KB paste is ~200 000 characters); beyond this is a mistake.
NOTE_LIMIT = 2_000_000
FIELD_LIMIT = 2_000

# C0 control characters and DEL become their visible Unicode "control picture" (␀, ␇, ␡),
# so that nothing pasted is lost and nothing invisible reaches the database or Word.
_CONTROL = {code: chr(0x2400 + code) for code in range(0x20)} | {0x7F: "\u2421"}
_KEEP_IN_NOTES = {ord("\n"), ord("\t")}
_NOTE_TABLE = {code: char for code, char in _CONTROL.items() if code not in _KEEP_IN_NOTES}
_LINE_TABLE = {**_CONTROL, ord("\t"): " "}


class FieldProblem(ValueError):
    """A value the user typed that cannot be used; `str(problem)` is the message to show."""


def clean_note(text: str) -> str:
    """Note text with line endings normalised and control characters made visible."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_NOTE_TABLE)


def clean_line(text: str) -> str:
    """One-line field text: control characters visible, surrounding blanks trimmed."""
    return text.translate(_LINE_TABLE).strip()


def check_length(text: str, limit: int = FIELD_LIMIT) -> str:
    if len(text) > limit:
        raise FieldProblem(tx("err_too_long", length=len(text), limit=limit))
    return text


_DATE_PATTERNS = (
    re.compile(r"^(?P<d>\d{1,2})[./-](?P<m>\d{1,2})[./-](?P<y>\d{2}|\d{4})$"),
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
)


def parse_date(text: str) -> dt.date:
    """A date written dd.mm.åååå, dd.mm.åå or åååå-mm-dd."""
    value = clean_line(text)
    if not value:
        raise FieldProblem(tx("err_date_empty"))
    for pattern in _DATE_PATTERNS:
        match = pattern.match(value)
        if match:
            break
    else:
        raise FieldProblem(tx("err_date_format", value=value))
    year = int(match["y"])
    year = year + 2000 if len(match["y"]) == 2 else year
    if not YEAR_LOW <= year <= YEAR_HIGH:
        raise FieldProblem(tx("err_date_range", year=year, low=YEAR_LOW, high=YEAR_HIGH))
    try:
        return dt.date(year, int(match["m"]), int(match["d"]))
    except ValueError as error:
        raise FieldProblem(tx("err_date_format", value=value)) from error


_TIME_PATTERN = re.compile(r"^(?P<h>\d{1,2})(?:[:.]?(?P<m>\d{2}))?$")


def parse_time(text: str) -> str:
    """A time of day as "HH:MM" from 9, 0930, 9.30 or 09:30; empty stays empty."""
    value = clean_line(text)
    if not value:
        return ""
    match = _TIME_PATTERN.match(value)
    if not match:
        raise FieldProblem(tx("err_time_format", value=value))
    hours, minutes = int(match["h"]), int(match["m"] or 0)
    if hours > 23 or minutes > 59:
        raise FieldProblem(tx("err_time_format", value=value))
    return f"{hours:02d}:{minutes:02d}"


# A participant line may start with the person's part in the meeting: «forfall: Navn, …».
_LINE_ROLE = re.compile(rf"^({'|'.join(LINE_ROLES)})\s*:\s*", re.IGNORECASE)

_EMAIL = re.compile(r"^[^@\s,]+@[^@\s,]+\.[^@\s,]+$")


def parse_participants(text: str) -> list[ParticipantLine]:
    """One participant per line: «Navn, rolle, virksomhet»; role and organisation may be left out,
    and an e-mail address may stand anywhere after the name.

    With more than three parts the last is the organisation and those between are the role, so
    that a stored role with a comma in it («Utvikler, innsatslederapp») reads back unchanged.
    """
    from models.meeting_form import ParticipantLine

    participants = []
    for number, raw_line in enumerate(clean_note(text).splitlines(), start=1):
        line = clean_line(raw_line)
        if not line:
            continue
        meeting_role: str = Role.PARTICIPANT
        prefix = _LINE_ROLE.match(line)
        if prefix:
            meeting_role = prefix.group(1).casefold()
            line = line[prefix.end() :]
        parts = [part.strip() for part in line.split(",")]
        if not parts[0]:
            raise FieldProblem(tx("err_participant", line=number, value=line))
        check_length(line)
        emails = [part for part in parts[1:] if "@" in part]
        for email in emails:
            if not _EMAIL.match(email):
                raise FieldProblem(tx("err_email", line=number, value=email))
        parts = [part for part in parts if part not in emails]
        if len(parts) > 3:
            parts = [parts[0], ", ".join(parts[1:-1]), parts[-1]]
        parts += [""] * (3 - len(parts))
        participants.append(
            ParticipantLine(*parts, meeting_role=meeting_role, email=emails[0] if emails else "")
        )
    return participants


def participant_line(participant: ParticipantLine) -> str:
    """A participant as the line `parse_participants` reads back to the same values."""
    prefix = "" if participant.meeting_role == Role.PARTICIPANT else f"{participant.meeting_role}: "
    if participant.organisation or "," in participant.role:
        line = f"{participant.name}, {participant.role}, {participant.organisation}"
    elif participant.role:
        line = f"{participant.name}, {participant.role}"
    else:
        line = participant.name
    line = f"{line}, {participant.email}" if participant.email else line.rstrip()
    return prefix + line


def parse_new_person(text: str, organisation: str) -> ParticipantLine:
    """«Navn, rolle, e-post» typed on one line for someone not known yet, of `organisation`."""
    people = parse_participants(text)
    if not people:
        raise FieldProblem(tx("err_participant", line=1, value=text))
    person = people[0]
    from models.meeting_form import ParticipantLine

    return ParticipantLine(
        person.name,
        person.role,
        person.organisation or organisation,
        person.meeting_role,
        person.email,
    )


_URL = re.compile(r"^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?:[/?#]\S*)?$")


def parse_teams_link(text: str) -> str:
    """A meeting link: an https:// address without spaces; empty stays empty."""
    value = clean_line(text)
    if not value:
        return ""
    check_length(value)
    if not _URL.match(value):
        raise FieldProblem(tx("err_teams_link", value=value[:80]))
    return value


def parse_names(text: str) -> list[str]:
    """Names separated by commas or semicolons, blanks dropped, each name once."""
    names: list[str] = []
    for part in re.split(r"[,;]", clean_line(text)):
        name = part.strip()
        if name and name not in names:
            names.append(check_length(name))
    return names


def default_title(organisations: list[str] | tuple[str, ...]) -> str:
    return tx("default_title", orgs=", ".join(organisations))


def typed_since(value: str, submitted: str) -> str:
    """What a field holds after `submitted` was sent from it with Enter and saved: the keys typed
    into it since (the next item's first letters, in a burst), which clearing it would lose."""
    return value[len(submitted) :] if value.startswith(submitted) else value
