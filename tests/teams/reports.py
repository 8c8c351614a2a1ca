"""Teams attendance reports as Teams writes them, made in the tests (English, Norwegian, older)."""

from __future__ import annotations

from pathlib import Path

ENGLISH = [
    "1. Summary",
    "Meeting title\tInnsiktsmøte HEMIT",
    "Attended participants\t3",
    "Start time\t11/4/26, 9:58:12 AM",
    "End time\t11/4/26, 11:32:40 AM",
    "Meeting duration\t1h 34m 28s",
    "",
    "2. Participants",
    "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole",
    "Kari Nordmann\t11/4/26, 9:58:12 AM\t11/4/26, 11:32:40 AM\t1h 34m\t"
    "kari.nordmann@helsedir.no\tkari.nordmann@helsedir.no\tOrganizer",
    "Ola Hansen (Guest)\t11/4/26, 10:01:05 AM\t11/4/26, 11:30:00 AM\t1h 29m\t"
    "ola.hansen@hemit.no\t\tAttendee",
    "Siri Berg\t11/4/26, 10:03:00 AM\t11/4/26, 1:15:00 PM\t3h 12m\t\tsiri.berg@hemit.no\tPresenter",
    "",
    "3. In-Meeting Activities",
    "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole",
    "Kari Nordmann\t11/4/26, 9:58:12 AM\t11/4/26, 11:32:40 AM\t1h 34m\t"
    "kari.nordmann@helsedir.no\tOrganizer",
    "Ola Hansen (Guest)\t11/4/26, 10:01:05 AM\t11/4/26, 10:30:00 AM\t29m\tola.hansen@hemit.no\tAttendee",
    "Ola Hansen (Guest)\t11/4/26, 10:35:00 AM\t11/4/26, 11:30:00 AM\t55m\tola.hansen@hemit.no\tAttendee",
]

NORWEGIAN = [
    "1. Sammendrag",
    "Møtetittel\tInnsiktsmøte HEMIT",
    "Deltakere som deltok\t3",
    "Starttidspunkt\t04.11.2026, 09:58:12",
    "Sluttidspunkt\t04.11.2026, 11:32:40",
    "",
    "2. Deltakere",
    "Navn\tFørste deltakelse\tSiste gang forlatt\tVarighet i møtet\tE-post\tDeltaker-ID (UPN)\tRolle",
    "Kari Nordmann\t04.11.2026, 09:58:12\t04.11.2026, 11:32:40\t1 t 34 min\t"
    "kari.nordmann@helsedir.no\tkari.nordmann@helsedir.no\tOrganisator",
    "Ola Hansen (Gjest)\t04.11.2026, 10:01:05\t04.11.2026, 11:30:00\t1 t 29 min\t"
    "ola.hansen@hemit.no\t\tDeltaker",
    "Siri Berg\t04.11.2026, 10:03:00\t04.11.2026, 13:15:00\t3 t 12 min\t\tsiri.berg@hemit.no\t"
    "Presentatør",
    "",
    "3. Aktiviteter i møtet",
    "Navn\tTidspunkt for deltakelse\tTidspunkt for avreise\tVarighet\tE-post\tRolle",
    "Kari Nordmann\t04.11.2026, 09:58:12\t04.11.2026, 11:32:40\t1 t 34 min\t"
    "kari.nordmann@helsedir.no\tOrganisator",
]

OLDER = [
    "Meeting Summary",
    "Total Number of Participants\t3",
    "Meeting Title\tInnsiktsmøte HEMIT",
    "Meeting Start Time\t11/4/2026, 9:58:12 AM",
    "Meeting End Time\t11/4/2026, 11:32:40 AM",
    "",
    "Full Name\tUser Action\tTimestamp",
    "Kari Nordmann\tJoined\t11/4/2026, 9:58:12 AM",
    "Ola Hansen\tJoined\t11/4/2026, 10:01:05 AM",
    "Ola Hansen\tLeft\t11/4/2026, 10:30:00 AM",
    "Ola Hansen\tJoined\t11/4/2026, 10:35:00 AM",
    "Siri Berg\tJoined before\t11/4/2026, 10:03:00 AM",
    "Ola Hansen\tLeft\t11/4/2026, 11:30:00 AM",
    "Kari Nordmann\tLeft\t11/4/2026, 11:32:40 AM",
]

OLDER_NORWEGIAN = [
    "Fullt navn\tBrukerhandling\tTidsstempel",
    "Kari Nordmann\tBle med\t04.11.2026, 09:58:12",
    "Ola Hansen\tBle med\t04.11.2026, 10:01:05",
    "Ola Hansen\tForlot\t04.11.2026, 11:30:00",
]


def write_report(folder: Path, lines: list[str], encoding: str = "utf-16", name: str = "") -> Path:
    """Write `lines` as Teams does: CRLF, UTF-16 LE with a BOM (or the given encoding)."""
    path = folder / (name or f"deltakerliste-{encoding}.csv")
    text = "\r\n".join(lines) + "\r\n"
    if encoding == "utf-16":
        path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    else:
        path.write_bytes(text.encode(encoding))
    return path
