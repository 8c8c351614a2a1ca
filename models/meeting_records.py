"""What the documents read of a set of meetings, grouped by meeting (no ORM imported here).

`models.content_queries.load_meeting_records` fills it with ORM records (workbook, TUI);
`models.read_report` with plain rows of the same fields (the report and the minutes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.tables import (
        Answer,
        FollowUp,
        Meeting,
        MinutesStatus,
        Note,
        Organisation,
        Person,
        Referat,
        Service,
        ServiceMention,
    )


@dataclass(frozen=True)
class ContactRow:
    """A contact as the capture panel and the exports show it."""

    id: str
    person_id: str
    question_key: str
    name: str
    role: str
    organisation: str
    email: str
    phone: str


@dataclass(frozen=True)
class PersonInMeeting:
    """A person as they took part in one meeting."""

    person_id: str
    name: str
    meeting_role: str  # deltaker / fasilitator / referent
    title: str  # the person's own role, e.g. «seksjonsleder drift»
    organisation: str


@dataclass
class MeetingRecords:
    """The live records of some meetings, grouped by meeting id."""

    meetings: list[Meeting]
    organisations: dict[str, Organisation]
    services: dict[str, Service]
    meeting_organisations: dict[str, list[Organisation]] = field(default_factory=dict)
    people: dict[str, list[PersonInMeeting]] = field(default_factory=dict)
    notes: dict[str, list[Note]] = field(default_factory=dict)
    answers: dict[str, list[Answer]] = field(default_factory=dict)
    mentions: dict[str, list[ServiceMention]] = field(default_factory=dict)
    followups: dict[str, list[FollowUp]] = field(default_factory=dict)
    referat: dict[str, list[Referat]] = field(default_factory=dict)
    statuses: dict[str, MinutesStatus] = field(default_factory=dict)
    # Every person in the database, met in these meetings or not (service contacts): the
    # exports that leave names out must know every name and e-mail there is.
    persons: list[Person] = field(default_factory=list)
    contacts: dict[str, list[ContactRow]] = field(default_factory=dict)  # `people` questions

    def mentioned_services(self) -> list[Service]:
        """The services named in these meetings, by name."""
        ids = {m.service_id for mentions in self.mentions.values() for m in mentions}
        found = [self.services[i] for i in ids if i in self.services]
        return sorted(found, key=lambda service: (service.name.casefold(), service.id))
