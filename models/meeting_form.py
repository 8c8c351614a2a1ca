"""The values a meeting's set-up and an answer are written from: plain dataclasses, no database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from models.roles import Role


@dataclass(frozen=True)
class ParticipantLine:
    name: str
    role: str = ""
    organisation: str = ""
    meeting_role: str = Role.PARTICIPANT  # or one of LINE_ROLES (a line's prefix)
    email: str = ""


@dataclass(frozen=True)
class MeetingForm:
    """A meeting's set-up: checked from the form (tui/setup_form.py), or read as stored."""

    title: str
    date: dt.date | None  # the form requires one; a meeting stored without one reads as None
    start_time: str
    end_time: str
    place: str
    teams: bool
    organisations: tuple[str, ...]
    participants: tuple[ParticipantLine, ...]
    facilitators: tuple[str, ...]
    note_takers: tuple[str, ...]
    guide_key: str
    guide_version: int
    journey_id: str | None
    new_journey: str = ""
    teams_link: str = ""


@dataclass(frozen=True)
class MeetingSetup:
    """A stored meeting's set-up as the form shows it, and whether its guide may still change."""

    meeting_id: str
    form: MeetingForm
    has_content: bool  # a note, an answer or a service: the guide is then locked


@dataclass
class AnswerState:
    choices: list[str] = field(default_factory=list)
    other_text: str = ""
    state: str = ""

    @property
    def empty(self) -> bool:
        return not self.choices and not self.other_text and not self.state
