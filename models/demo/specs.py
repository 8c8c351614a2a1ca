"""The demo's content read from the JSON files beside this module, checked against the guides.

Everything in those files is fictional: names, e-mail addresses (on the reserved example domain),
suppliers, counts and views. Choice values must come from the guides' lists (answers from their
question's choices; services' user groups, equipment and connectivity from A3, C2 and C3), so a
guide edit that drops a value the demo uses fails here instead of giving a demo reports cannot
group.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from models.guides import find_guide
from models.service_fields import ServiceFields


@dataclass(frozen=True)
class PersonSpec:
    key: str
    name: str
    role: str
    organisation: str | None
    email: str


@dataclass(frozen=True)
class AnswerSpec:
    question: str
    author: str  # person key of a note-taker
    choices: tuple[str, ...] = ()
    other_text: str = ""
    state: str = ""


@dataclass(frozen=True)
class MentionSpec:
    service: str  # service key
    question: str
    remark: str


@dataclass(frozen=True)
class FollowUpSpec:
    key: str
    what: str
    who: str
    due: dt.date
    status: str


@dataclass(frozen=True, kw_only=True)
class MeetingSpec:
    key: str
    title: str
    organisations: tuple[str, ...]
    date: dt.date
    start: str
    end: str
    place: str
    teams: bool
    guide_key: str
    facilitators: tuple[str, ...]
    note_takers: tuple[str, str]
    participants: tuple[str, ...]
    answers: tuple[AnswerSpec, ...]
    mentions: tuple[MentionSpec, ...]
    followups: tuple[FollowUpSpec, ...]
    guide_version: int = 1
    absent: tuple[str, ...] = ()  # invited, sent their apologies (forfall)


@dataclass(frozen=True, kw_only=True)
class ServiceSpec(ServiceFields):
    """One demo service; `key` makes its id stable, `owner` is an organisation name."""

    key: str
    name: str
    owner: str


@dataclass(frozen=True)
class Journey:
    key: str
    name: str
    description: str
    extra_organisations: tuple[tuple[str, str, str], ...]  # name, short name, region
    people: tuple[PersonSpec, ...]


@dataclass(frozen=True)
class Demo:
    journey: Journey
    meetings: tuple[MeetingSpec, ...]
    services: tuple[ServiceSpec, ...]
    # Meeting key → question key → (first note-taker's text, second's); "" is no note.
    notes: dict[str, dict[str, tuple[str, str]]]
    # Meeting key → (kind, question or section key) → referat text.
    referat: dict[str, dict[tuple[str, str], str]]


def _read(name: str) -> Any:
    return json.loads(files(__package__).joinpath(name).read_text(encoding="utf-8"))


def _tuples(raw: dict[str, Any]) -> dict[str, Any]:
    return {key: tuple(value) if isinstance(value, list) else value for key, value in raw.items()}


def _meeting(raw: dict[str, Any]) -> MeetingSpec:
    fields = _tuples(raw)
    fields["date"] = dt.date.fromisoformat(raw["date"])
    fields["answers"] = tuple(AnswerSpec(**_tuples(answer)) for answer in raw["answers"])
    fields["mentions"] = tuple(MentionSpec(**mention) for mention in raw["mentions"])
    fields["followups"] = tuple(
        FollowUpSpec(**{**item, "due": dt.date.fromisoformat(item["due"])})
        for item in raw["followups"]
    )
    return MeetingSpec(**fields)


def check_choices(demo: Demo) -> None:
    """Every choice the demo uses is one its guide offers; raises ValueError naming the first."""
    for meeting in demo.meetings:
        guide = find_guide(meeting.guide_key, meeting.guide_version)
        for answer in meeting.answers:
            offered = guide.question(answer.question).choices
            for choice in answer.choices:
                if choice not in offered:
                    raise ValueError(f"demo {meeting.key} {answer.question}: {choice!r}")
    guide = find_guide("mobile-tjenester")
    lists = {"user_groups": "A3", "equipment": "C2", "connectivity": "C3"}
    for service in demo.services:
        for field_name, question in lists.items():
            offered = guide.question(question).choices
            for choice in getattr(service, field_name):
                if choice not in offered:
                    raise ValueError(f"demo service {service.key} {field_name}: {choice!r}")


@cache
def demo_content() -> Demo:
    """The demo's content, read once and checked against the guides."""
    raw = _read("journey.json")
    journey = Journey(
        key=raw["key"],
        name=raw["name"],
        description=raw["description"],
        extra_organisations=tuple(
            (item["name"], item["short_name"], item["region"])
            for item in raw["extra_organisations"]
        ),
        people=tuple(PersonSpec(**person) for person in raw["people"]),
    )
    demo = Demo(
        journey=journey,
        meetings=tuple(_meeting(meeting) for meeting in _read("meetings.json")),
        services=tuple(ServiceSpec(**_tuples(service)) for service in _read("services.json")),
        notes={
            meeting: {question: (pair[0], pair[1]) for question, pair in questions.items()}
            for meeting, questions in _read("notes.json").items()
        },
        referat={
            meeting: {(item["kind"], item["key"]): item["text"] for item in items}
            for meeting, items in _read("referat.json").items()
        },
    )
    check_choices(demo)
    return demo
