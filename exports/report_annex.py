"""The report's annexes: a fact sheet per service, method and participants, and the glossary."""

from __future__ import annotations

import tomllib
from collections import defaultdict
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from exports.document import Document, Paragraph
from exports.people import PeopleFilter
from exports.report_answers import meeting_label
from exports.service_fields import SERVICE_COLUMNS, iso_to_table_date
from exports.text import label, short_date
from models.meeting_records import MeetingRecords
from models.roles import Role

if TYPE_CHECKING:
    from models.tables import Service

GLOSSARY = Path(__file__).parent / "data" / "ordliste.toml"
Tidy = Callable[[object], str]


@cache
def glossary() -> tuple[tuple[str, str], ...]:
    """The shipped glossary: (term, meaning) in the file's order."""
    data = tomllib.loads(GLOSSARY.read_text("utf-8"))
    return tuple((entry["term"], entry["meaning"]) for entry in data["term"])


def fact_sheets(
    document: Document,
    records: MeetingRecords,
    services: list[Service],
    duplicates: dict[str, list[str]],
    tidy: Tidy,
) -> None:
    """One key/value table per service with every field, its flags and where it was named."""
    document.heading(label("fact_sheets_heading"), 1)
    document.paragraph(label("fact_sheets_intro"), "muted")
    mentioned: dict[str, list[str]] = defaultdict(list)
    for meeting in records.meetings:
        for mention in records.mentions.get(meeting.id, []):
            where = meeting_label(records, meeting)
            remark = mention.remark.strip()
            mentioned[mention.service_id].append(f"{where}: {remark}" if remark else where)
    # One paragraph per flag text, shared by every sheet that shows it: each of a service's
    # likely duplicates names it, and the same bullet made anew each time was most of a large
    # report's memory (106,000 of them at 366 meetings of the scaled demo).
    bullets: dict[str | None, Paragraph] = {}

    def bullet(other: str | None) -> Paragraph:
        """The flag «provisional» (`other` None) or «likely a duplicate of `other`»."""
        if other not in bullets:
            text = (
                label("flag_provisional") if other is None else label("flag_duplicate", other=other)
            )
            bullets[other] = Paragraph(tidy(text), "bullet")
        return bullets[other]

    for service in services:
        document.heading(tidy(service.name), 2)
        if service.criticality_assessment == "foreløpig":
            document.blocks.append(bullet(None))
        for other in duplicates.get(service.id, []):
            document.blocks.append(bullet(other))
        rows = []
        for name, getter, _ in SERVICE_COLUMNS[1:]:
            value = getter(service, records.organisations)
            if name == "Måldato for planer":
                value = iso_to_table_date(value)
            rows.append((name, tidy(value) or "–"))
        places = "\n".join(dict.fromkeys(mentioned.get(service.id, [])))
        rows.append((label("mentioned_in"), tidy(places) or "–"))
        document.table((), rows, (30, 70), compact=True)


def method_and_participants(
    document: Document, records: MeetingRecords, people: PeopleFilter, tidy: Tidy
) -> None:
    """How the insight was gathered, and who took part in each meeting."""
    document.heading(label("method_heading"), 1)
    for line in label("method_text").split("\n"):
        document.paragraph(line)
    document.heading(label("participants_heading"), 2)
    rows = []
    for meeting in records.meetings:
        present = [
            p
            for p in records.people.get(meeting.id, [])
            if p.meeting_role in (Role.PARTICIPANT, Role.CHAIR)
        ]
        if people.lists_people:
            who = "\n".join(
                ", ".join(x for x in (people.name(p.name), p.title) if x) for p in present
            )
        else:
            who = label("people_left_out", count=len(present)) if present else ""
        rows.append((tidy(meeting_label(records, meeting)), short_date(meeting.date), tidy(who)))
    document.table(
        (label("meeting"), label("date"), label("present")), rows, (34, 18, 48), compact=True
    )


def glossary_annex(document: Document) -> None:
    document.heading(label("glossary_heading"), 1)
    document.table((label("term"), label("meaning")), list(glossary()), (22, 78), compact=True)
