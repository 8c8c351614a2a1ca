"""SQLModel tables: the documented schema of an innsikt database.

Every synced record has a UUID text key, creation/update times (UTC ISO text), a hybrid
logical clock stamp (`hlc`) of its last change, the device that made it, per-field clock
stamps (`clocks`) so that a merge can decide field by field, and a tombstone (`deleted`)
instead of hard deletion.

No `from __future__ import annotations` here: SQLModel reads the annotations at class creation.
"""

import datetime as dt
import uuid
from typing import Any, ClassVar

from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.clock import utc_now
from models.field_values import (  # noqa: F401  (the tables' field values, imported from here too)
    CRITICALITIES,
    CRITICALITY_ASSESSMENTS,
    FOLLOWUP_STATUSES,
    MEETING_ROLES,
    NODNETT_DEPENDENCIES,
    QUESTION_STATES,
    SERVICE_STATUSES,
)
from models.roles import Role


def new_id() -> str:
    return str(uuid.uuid4())


# The v2 columns default to an empty JSON object in the file too, so that the migration can add
# them to v1 tables and a fresh database has the very same column definitions.
_EMPTY_OBJECT: dict[str, Any] = {"server_default": "{}"}
# Likewise for the columns of schema v3, which migrations add to existing tables.
_EMPTY_TEXT: dict[str, Any] = {"server_default": ""}
_EMPTY_LIST: dict[str, Any] = {"server_default": "[]"}


class Synced(SQLModel):
    """Columns every merged record carries."""

    id: str = Field(default_factory=new_id, primary_key=True)
    created_at: str = Field(default_factory=utc_now)
    updated_at: str = Field(default_factory=utc_now)
    hlc: str = Field(default="", index=True)
    device_id: str = ""
    clocks: dict[str, str] = Field(default_factory=dict, sa_type=JSON, nullable=False)
    deleted: bool = False
    # Merge bookkeeping (schema v2): the device that wrote each field's current value, and the
    # latest stamp of every device whose edits of this record this copy has seen (a version
    # vector), so that a merge can tell a concurrent edit from an older value it already saw.
    field_devices: dict[str, str] = Field(
        default_factory=dict, sa_type=JSON, nullable=False, sa_column_kwargs=_EMPTY_OBJECT
    )
    seen: dict[str, str] = Field(
        default_factory=dict, sa_type=JSON, nullable=False, sa_column_kwargs=_EMPTY_OBJECT
    )

    # Fields the user edits; merge and archive compare these. Set per table.
    content_fields: ClassVar[tuple[str, ...]] = ()


class Journey(Synced, table=True):
    """An innsiktsreise: a series of meetings with one purpose."""

    name: str
    description: str = ""
    content_fields: ClassVar[tuple[str, ...]] = ("name", "description")


class Organisation(Synced, table=True):
    name: str = Field(unique=True)
    short_name: str = ""
    region: str = ""
    # E-mail domains the organisation's people use («hemit.no»): an attendance report's
    # addresses are matched to organisations by these (models/email_domains.py).
    email_domains: list[str] = Field(
        default_factory=list, sa_type=JSON, nullable=False, sa_column_kwargs=_EMPTY_LIST
    )
    content_fields: ClassVar[tuple[str, ...]] = (
        "name",
        "short_name",
        "region",
        "email_domains",
    )


class Meeting(Synced, table=True):
    journey_id: str = Field(foreign_key="journey.id", index=True)
    title: str
    date: dt.date | None = None
    start_time: str = ""  # "HH:MM"
    end_time: str = ""
    place: str = ""
    teams: bool = False
    guide_key: str = ""
    guide_version: int = 0
    teams_link: str = Field(default="", sa_column_kwargs=_EMPTY_TEXT)
    content_fields: ClassVar[tuple[str, ...]] = (
        "journey_id",
        "title",
        "date",
        "start_time",
        "end_time",
        "place",
        "teams",
        "guide_key",
        "guide_version",
        "teams_link",
    )


class MeetingOrganisation(Synced, table=True):
    __tablename__ = "meeting_organisation"
    __table_args__ = (UniqueConstraint("meeting_id", "organisation_id"),)
    meeting_id: str = Field(foreign_key="meeting.id", index=True)
    organisation_id: str = Field(foreign_key="organisation.id")
    content_fields: ClassVar[tuple[str, ...]] = ("meeting_id", "organisation_id")


class Person(Synced, table=True):
    """A participant, facilitator or note-taker. Personal data."""

    name: str
    role: str = ""
    organisation_id: str | None = Field(default=None, foreign_key="organisation.id")
    email: str = ""
    phone: str = Field(default="", sa_column_kwargs=_EMPTY_TEXT)  # schema v8 (contacts)
    content_fields: ClassVar[tuple[str, ...]] = (
        "name",
        "role",
        "organisation_id",
        "email",
        "phone",
    )


class Participation(Synced, table=True):
    __table_args__ = (UniqueConstraint("meeting_id", "person_id", "role"),)
    meeting_id: str = Field(foreign_key="meeting.id", index=True)
    person_id: str = Field(foreign_key="person.id")
    role: str = Role.PARTICIPANT.value  # one of MEETING_ROLES
    # From a Teams attendance report: local time "YYYY-MM-DDTHH:MM:SS", or empty.
    first_join: str = Field(default="", sa_column_kwargs=_EMPTY_TEXT)
    last_leave: str = Field(default="", sa_column_kwargs=_EMPTY_TEXT)
    content_fields: ClassVar[tuple[str, ...]] = (
        "meeting_id",
        "person_id",
        "role",
        "first_join",
        "last_leave",
    )


class Note(Synced, table=True):
    """Free-text notes of one author on one question of one meeting."""

    __table_args__ = (UniqueConstraint("meeting_id", "question_key", "author"),)
    meeting_id: str = Field(foreign_key="meeting.id", index=True)
    question_key: str
    author: str
    text: str = ""
    # Merge bookkeeping (schema v9): the text this value was edited from, as JSON
    # [stamp, device, text] (`models.sync.text_merge`); "" where it is not known.
    text_base: str = Field(default="", sa_column_kwargs=_EMPTY_TEXT)
    content_fields: ClassVar[tuple[str, ...]] = ("meeting_id", "question_key", "author", "text")


class Answer(Synced, table=True):
    """One author's structured answer: chosen values, «annet» text and skip state."""

    __table_args__ = (UniqueConstraint("meeting_id", "question_key", "author"),)
    meeting_id: str = Field(foreign_key="meeting.id", index=True)
    question_key: str
    author: str
    choices: list[str] = Field(default_factory=list, sa_type=JSON, nullable=False)
    other_text: str = ""
    state: str = ""  # one of QUESTION_STATES
    content_fields: ClassVar[tuple[str, ...]] = (
        "meeting_id",
        "question_key",
        "author",
        "choices",
        "other_text",
        "state",
    )


def _json_list() -> Any:
    return Field(default_factory=list, sa_type=JSON, nullable=False)


class Service(Synced, table=True):
    """A mobile service, with every field of the guide's service record."""

    name: str
    description: str = ""
    owner_id: str | None = Field(default=None, foreign_key="organisation.id")
    regions: list[str] = _json_list()
    status: str = ""  # one of SERVICE_STATUSES
    user_groups: list[str] = _json_list()
    user_count: str = ""
    equipment: list[str] = _json_list()
    connectivity: list[str] = _json_list()
    criticality: str = ""  # one of CRITICALITIES
    criticality_assessment: str = ""  # one of CRITICALITY_ASSESSMENTS
    developed_by: str = ""
    introduced_by: str = ""
    operated_by: str = ""
    managed_by: str = ""
    suppliers: str = ""
    nodnett_dependency: str = ""  # one of NODNETT_DEPENDENCIES
    nodnett_dependency_text: str = ""
    new_nodnett_relevance: str = ""
    plans: str = ""
    plans_target_date: str = ""
    fallback: str = ""
    contact_person: str = ""
    content_fields: ClassVar[tuple[str, ...]] = (
        "name",
        "description",
        "owner_id",
        "regions",
        "status",
        "user_groups",
        "user_count",
        "equipment",
        "connectivity",
        "criticality",
        "criticality_assessment",
        "developed_by",
        "introduced_by",
        "operated_by",
        "managed_by",
        "suppliers",
        "nodnett_dependency",
        "nodnett_dependency_text",
        "new_nodnett_relevance",
        "plans",
        "plans_target_date",
        "fallback",
        "contact_person",
    )


class ServiceMention(Synced, table=True):
    """A service named in a meeting, under a question, with what was said about it."""

    __tablename__ = "service_mention"
    __table_args__ = (UniqueConstraint("service_id", "meeting_id", "question_key"),)
    service_id: str = Field(foreign_key="service.id", index=True)
    meeting_id: str = Field(foreign_key="meeting.id", index=True)
    question_key: str = ""
    remark: str = ""
    content_fields: ClassVar[tuple[str, ...]] = (
        "service_id",
        "meeting_id",
        "question_key",
        "remark",
    )


class FollowUp(Synced, table=True):
    meeting_id: str = Field(foreign_key="meeting.id", index=True)
    what: str
    who: str = ""
    due_date: dt.date | None = None
    status: str = "åpen"  # one of FOLLOWUP_STATUSES
    content_fields: ClassVar[tuple[str, ...]] = ("meeting_id", "what", "who", "due_date", "status")


class ServiceJoin(Synced, table=True):
    """Service `service_id` was joined into `into_id` (likely duplicates); synced like any record."""

    __tablename__ = "service_join"
    service_id: str = Field(index=True)
    into_id: str
    content_fields: ClassVar[tuple[str, ...]] = ("service_id", "into_id")


class Conflict(Synced, table=True):
    """A value that lost a merge, kept open until the user resolves it.

    `value` is the losing value as JSON text; `value_hlc`/`value_device` say who wrote it when.
    The id is derived from record, field and that stamp, so every laptop that meets the same
    losing value names its conflict alike. A resolved conflict's row is removed.
    """

    table_name: str = Field(index=True)
    record_id: str = Field(index=True)
    field: str
    value: str
    value_hlc: str
    value_device: str
    # Schema v9: the text that value was edited from, as `Note.text_base` holds it.
    value_base: str = Field(default="", sa_column_kwargs=_EMPTY_TEXT)
    content_fields: ClassVar[tuple[str, ...]] = (
        "table_name",
        "record_id",
        "field",
        "value",
        "value_hlc",
        "value_device",
    )


class TranscriptCue(Synced, table=True):
    """One cue of a meeting's transcript (Teams WebVTT or Word), read-only once imported.

    The id is derived from the meeting and the cue's time, speaker and text, so importing the
    same transcript twice, or on two laptops, gives the same records.
    """

    __tablename__ = "transcript_cue"
    meeting_id: str = Field(foreign_key="meeting.id", index=True)
    position: int = 0  # order in the imported file, for cues that start at the same time
    start_ms: int = 0
    end_ms: int = 0
    speaker: str = ""
    text: str = ""
    content_fields: ClassVar[tuple[str, ...]] = (
        "meeting_id",
        "position",
        "start_ms",
        "end_ms",
        "speaker",
        "text",
    )


# --- minutes (referat texts, minutes status, journey findings) ---

REFERAT_KINDS = ("tekst", "konklusjon")  # a question's text; a section's «Konklusjon / avklaringer»
MINUTES_STATUSES = ("utkast", "til-godkjenning", "godkjent")


class Referat(Synced, table=True):
    """The consolidated minutes text of one question (kind «tekst», question_key a question) or
    the conclusion of one section (kind «konklusjon», question_key the section's key)."""

    __table_args__ = (UniqueConstraint("meeting_id", "question_key", "kind"),)
    meeting_id: str = Field(foreign_key="meeting.id", index=True)
    question_key: str
    kind: str = "tekst"  # one of REFERAT_KINDS
    text: str = ""
    content_fields: ClassVar[tuple[str, ...]] = ("meeting_id", "question_key", "kind", "text")


class MinutesStatus(Synced, table=True):
    """Where the minutes of a meeting stand: draft, sent for approval (version, deadline), approved."""

    __tablename__ = "minutes_status"
    __table_args__ = (UniqueConstraint("meeting_id"),)
    meeting_id: str = Field(foreign_key="meeting.id", index=True)
    status: str = "utkast"  # one of MINUTES_STATUSES
    version: int = 1
    comment_deadline: dt.date | None = None
    approved_on: dt.date | None = None
    content_fields: ClassVar[tuple[str, ...]] = (
        "meeting_id",
        "status",
        "version",
        "comment_deadline",
        "approved_on",
    )


class Finding(Synced, table=True):
    """A journey's «Hovedfunn» on one of DSB's questions, written by the project lead."""

    __table_args__ = (UniqueConstraint("journey_id", "topic"),)
    journey_id: str = Field(foreign_key="journey.id", index=True)
    topic: str  # one of models.findings.TOPICS
    text: str = ""
    content_fields: ClassVar[tuple[str, ...]] = ("journey_id", "topic", "text")


class Meta(SQLModel, table=True):
    """Per-database facts that are never merged: device id, clock state."""

    key: str = Field(primary_key=True)
    value: str


class Erasure(Synced, table=True):
    """A person erased for good (privacy area): their id and salted hashes, never the strings.

    `hashes` holds, per kind ("name", "first", "email", "phone"), the HMAC-SHA256 under `salt`
    of the erased strings, and "first_meetings" the meetings where the first name alone was
    unambiguous. Every merge and import re-applies it (`models.erasure`).
    """

    person_id: str = Field(index=True)
    salt: str
    hashes: dict[str, Any] = Field(default_factory=dict, sa_type=JSON, nullable=False)
    content_fields: ClassVar[tuple[str, ...]] = ("person_id", "salt", "hashes")


# --- hub-laws: join records of organisations and people (schema 7) ---


class OrganisationJoin(Synced, table=True):
    """Organisation `organisation_id` was joined into `into_id`; like `ServiceJoin`, it makes
    links another laptop made to the absorbed organisation follow the join when merged."""

    __tablename__ = "organisation_join"
    organisation_id: str = Field(index=True)
    into_id: str
    content_fields: ClassVar[tuple[str, ...]] = ("organisation_id", "into_id")


class PersonJoin(Synced, table=True):
    """Person `person_id` was joined into `into_id` (see `OrganisationJoin`)."""

    __tablename__ = "person_join"
    person_id: str = Field(index=True)
    into_id: str
    content_fields: ClassVar[tuple[str, ...]] = ("person_id", "into_id")


# --- capture (contacts of the `people` kind, time spent per question) ---


class Contact(Synced, table=True):
    """A person named as a contact under a `people` question of a meeting (F1).

    The person record holds the name, role, organisation, e-mail and phone; this record links
    them to the meeting and question. Its id is derived from that natural key
    (`models.contacts.contact_id`), so two laptops adding the same contact make one record.
    """

    __table_args__ = (UniqueConstraint("meeting_id", "question_key", "person_id"),)
    meeting_id: str = Field(foreign_key="meeting.id", index=True)
    question_key: str
    person_id: str = Field(foreign_key="person.id", index=True)
    content_fields: ClassVar[tuple[str, ...]] = ("meeting_id", "question_key", "person_id")


class QuestionTime(Synced, table=True):
    """Seconds one device spent on one question of a meeting.

    Only the device `counted_by` writes its record (an increment), so a merge never has to
    choose between two counts: the time on a question is the sum over devices. The id is
    derived from meeting, question and device (`models.question_time.time_id`).
    """

    __tablename__ = "question_time"
    __table_args__ = (UniqueConstraint("meeting_id", "question_key", "counted_by"),)
    meeting_id: str = Field(foreign_key="meeting.id", index=True)
    question_key: str
    counted_by: str  # the device id whose time this is
    seconds: int = 0
    content_fields: ClassVar[tuple[str, ...]] = (
        "meeting_id",
        "question_key",
        "counted_by",
        "seconds",
    )


# In dependency order: a record's parents come before it (archive import and merge rely on it).
SYNCED_TABLES: tuple[type[Synced], ...] = (
    Journey,
    Organisation,
    Meeting,
    MeetingOrganisation,
    Person,
    Participation,
    Note,
    Answer,
    Service,
    ServiceMention,
    FollowUp,
    ServiceJoin,
    Referat,
    MinutesStatus,
    Finding,
    Conflict,
    TranscriptCue,
    Erasure,
    OrganisationJoin,
    PersonJoin,
    Contact,
    QuestionTime,
)
