"""The meeting set-up's fields as typed, checked into a `MeetingForm`, and a stored one shown again.

Pure functions without Textual or the database: the screen reads its widgets into `TypedSetup`,
`check_setup` gives the form or the problem per field id, and `typed_from` is the way back, so
that a stored meeting saved unchanged is checked into the same form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from models.meeting_form import MeetingForm
from tui.forms import (
    FieldProblem,
    check_length,
    clean_line,
    default_title,
    parse_date,
    parse_names,
    parse_participants,
    parse_teams_link,
    parse_time,
    participant_line,
)
from tui.text import tx

if TYPE_CHECKING:
    from tui.store import SetupChoices

NEW_JOURNEY = "__new__"
PREFERRED_GUIDE = "mobile-tjenester"  # a new meeting's guide, at its newest version
NAME_LIMIT = 200  # an organisation's name; longer is a paste gone wrong
JOURNEY_NAME_LIMIT = 500
# The fields in the order they are shown (a problem's key is its field's widget id).
FIELDS = (
    "orgs",
    "title",
    "date",
    "start",
    "end",
    "place",
    "teams-link",
    "participants",
    "facilitators",
    "note-takers",
    "guide",
    "journey",
)

T = TypeVar("T")


@dataclass(frozen=True)
class TypedSetup:
    """What the set-up's fields hold, as typed; `guide` and `journey` are None when unchosen."""

    organisations: tuple[str, ...] = ()  # ticked in the list
    new_org: str = ""  # typed below the list, not yet added with Enter
    title: str = ""
    date: str = ""
    start: str = ""
    end: str = ""
    place: str = ""
    teams_link: str = ""
    teams: bool = False
    participants: str = ""
    facilitators: str = ""
    note_takers: str = ""
    guide: str | None = None  # "key@version"
    journey: str | None = None  # a journey's id, or NEW_JOURNEY
    new_journey: str = ""


def guide_value(key: str, version: int) -> str:
    return f"{key}@{version}"


def check_setup(typed: TypedSetup) -> tuple[MeetingForm | None, dict[str, str]]:
    """The checked form, or None and the problems per field id (FIELDS)."""
    problems: dict[str, str] = {}

    def attempt(field_id: str, parse: Callable[..., T], *args: Any) -> T | None:
        try:
            return parse(*args)
        except FieldProblem as problem:
            problems[field_id] = str(problem)
            return None

    orgs = list(typed.organisations)
    pending_org = clean_line(typed.new_org)
    if pending_org and pending_org not in orgs:
        orgs.append(pending_org)
    if not orgs:
        problems["orgs"] = tx("err_no_org")
    elif len(pending_org) > NAME_LIMIT:
        problems["orgs"] = tx("err_too_long", length=len(pending_org), limit=NAME_LIMIT)
    title = attempt("title", check_length, clean_line(typed.title))
    place = attempt("place", check_length, clean_line(typed.place))
    date = attempt("date", parse_date, typed.date)
    start = attempt("start", parse_time, typed.start)
    end = attempt("end", parse_time, typed.end)
    if start and end and end < start:
        problems["end"] = tx("err_end_before", start=start, end=end)
    teams_link = attempt("teams-link", parse_teams_link, typed.teams_link)
    participants = attempt("participants", parse_participants, typed.participants)
    facilitators = attempt("facilitators", parse_names, typed.facilitators)
    note_takers = attempt("note-takers", parse_names, typed.note_takers)
    if typed.guide is None:
        problems["guide"] = tx("err_no_guide")
    new_journey = clean_line(typed.new_journey)[:JOURNEY_NAME_LIMIT]
    if typed.journey is None or (typed.journey == NEW_JOURNEY and not new_journey):
        problems["journey"] = tx("err_no_journey")
    if problems or typed.guide is None or date is None:
        return None, problems
    guide_key, _, version = typed.guide.rpartition("@")
    form = MeetingForm(
        title=title or default_title(orgs),
        date=date,
        start_time=start or "",
        end_time=end or "",
        place=place or "",
        teams=typed.teams,
        organisations=tuple(orgs),
        participants=tuple(participants or ()),
        facilitators=tuple(facilitators or ()),
        note_takers=tuple(note_takers or ()),
        guide_key=guide_key,
        guide_version=int(version),
        journey_id=None if typed.journey == NEW_JOURNEY else typed.journey,
        new_journey=new_journey,
        teams_link=teams_link or "",
    )
    return form, problems


def typed_from(form: MeetingForm) -> TypedSetup:
    """The fields as they show a stored meeting's set-up (the inverse of `check_setup`)."""
    return TypedSetup(
        organisations=form.organisations,
        title=form.title,
        date=form.date.strftime("%d.%m.%Y") if form.date else "",
        start=form.start_time,
        end=form.end_time,
        place=form.place,
        teams_link=form.teams_link,
        teams=form.teams,
        participants="\n".join(participant_line(p) for p in form.participants),
        facilitators=", ".join(form.facilitators),
        note_takers=", ".join(form.note_takers),
        guide=guide_value(form.guide_key, form.guide_version) if form.guide_key else None,
        journey=NEW_JOURNEY if form.journey_id is None else form.journey_id,
        new_journey=form.new_journey,
    )


@dataclass(frozen=True)
class Offered:
    """What the set-up's lists offer and which entries start chosen."""

    organisations: tuple[tuple[str, bool], ...]  # (name, ticked)
    highlighted: int  # the organisation list's cursor
    guides: tuple[tuple[str, str], ...]  # (label, guide_value)
    guide: str | None
    journeys: tuple[tuple[str, str], ...]  # (label, id or NEW_JOURNEY)
    journey: str


def offered(
    choices: SetupChoices, stored: MeetingForm | None, journey_id: str | None = None
) -> Offered:
    """The lists for a new meeting (in `journey_id` when it exists, else the newest journey)
    or for the `stored` one, whose organisations and guide are offered even when this laptop
    lacks them."""
    chosen = set(stored.organisations) if stored else set()
    names = [*choices.organisations, *(n for n in sorted(chosen) if n not in choices.organisations)]
    # Editing: the cursor on the meeting's first organisation, so it is in view.
    highlighted = next((i for i, name in enumerate(names) if name in chosen), 0)
    guides = [(f"{g.title} (v{g.version})", guide_value(g.key, g.version)) for g in choices.guides]
    guide: str | None = None
    if stored is not None and stored.guide_key:
        guide = guide_value(stored.guide_key, stored.guide_version)
        if guide not in {value for _, value in guides}:
            # A guide this laptop lacks stays the meeting's guide, shown by its key.
            guides.append((f"{stored.guide_key} (v{stored.guide_version})", guide))
    else:
        newest = max(
            (g for g in choices.guides if g.key == PREFERRED_GUIDE),
            key=lambda g: g.version,
            default=None,
        )
        guide = guide_value(newest.key, newest.version) if newest is not None else None
    ids = [j.id for j in choices.journeys]
    if stored is not None and stored.journey_id in ids:
        journey = str(stored.journey_id)
    elif journey_id in ids:
        journey = str(journey_id)
    else:
        journey = ids[-1] if ids else NEW_JOURNEY
    return Offered(
        organisations=tuple((name, name in chosen) for name in names),
        highlighted=highlighted,
        guides=tuple(guides),
        guide=guide,
        journeys=(
            *((j.name, j.id) for j in choices.journeys),
            (tx("setup_new_journey"), NEW_JOURNEY),
        ),
        journey=journey,
    )


def today_fields(now: dt.datetime) -> tuple[str, str]:
    """A new meeting's date and start as the fields show them: today, now."""
    return now.strftime("%d.%m.%Y"), now.strftime("%H:%M")
