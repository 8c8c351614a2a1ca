"""Plain rows of the records the documents read (`models/read_report.py` fills them).

Frozen, slotted, with the fields of the ORM records of the same name that the documents read
and no more: no merge bookkeeping, no SQLAlchemy state. What they hold is exactly what the ORM
record holds (dates as dates, JSON lists as lists, booleans as booleans).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ReadJourney:
    id: str
    name: str
    description: str


@dataclass(frozen=True, slots=True)
class ReadMeeting:
    id: str
    journey_id: str
    title: str
    date: dt.date | None
    start_time: str
    end_time: str
    place: str
    teams: bool
    teams_link: str
    guide_key: str
    guide_version: int


@dataclass(frozen=True, slots=True)
class ReadOrganisation:
    id: str
    name: str
    short_name: str
    region: str


@dataclass(frozen=True, slots=True)
class ReadService:
    """Every content field of a service (the fact sheets show them all)."""

    id: str
    name: str
    description: str
    owner_id: str | None
    regions: list[str]
    status: str
    user_groups: list[str]
    user_count: str
    equipment: list[str]
    connectivity: list[str]
    criticality: str
    criticality_assessment: str
    developed_by: str
    introduced_by: str
    operated_by: str
    managed_by: str
    suppliers: str
    nodnett_dependency: str
    nodnett_dependency_text: str
    new_nodnett_relevance: str
    plans: str
    plans_target_date: str
    fallback: str
    contact_person: str


@dataclass(frozen=True, slots=True)
class ReadPerson:
    id: str
    name: str
    role: str
    organisation_id: str | None
    email: str
    phone: str


@dataclass(frozen=True, slots=True)
class ReadNote:
    meeting_id: str
    question_key: str
    author: str
    text: str
    created_at: str


@dataclass(frozen=True, slots=True)
class ReadAnswer:
    meeting_id: str
    question_key: str
    author: str
    choices: list[str]
    other_text: str
    state: str


@dataclass(frozen=True, slots=True)
class ReadMention:
    id: str
    service_id: str  # resolved through joins
    meeting_id: str
    question_key: str
    remark: str


@dataclass(frozen=True, slots=True)
class ReadFollowUp:
    meeting_id: str
    what: str
    who: str
    due_date: dt.date | None
    status: str
    created_at: str


@dataclass(frozen=True, slots=True)
class ReadStatus:
    meeting_id: str
    status: str
    version: int
    comment_deadline: dt.date | None
    approved_on: dt.date | None


@dataclass(frozen=True, slots=True)
class ReadReferat:
    meeting_id: str
    question_key: str
    kind: str
    text: str
