"""Loads the fictional demo journey (the JSON files beside this module) into a database, once.

Every demo record has a fixed id (uuid5 of a fixed namespace and a stable name; an association
record's is derived from its key, `models.identity`), so loading again
finds each record already there and writes nothing — not even a clock stamp. Organisations are
matched by name as well, because a user may have created them before running the demo.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from models.demo.specs import Demo, MeetingSpec, demo_content
from models.identity import DERIVED_KEYS, derived_id
from models.records import create
from models.roles import Role
from models.storage import Database
from models.tables import (
    Answer,
    FollowUp,
    Journey,
    Meeting,
    MeetingOrganisation,
    Note,
    Organisation,
    Participation,
    Person,
    Referat,
    Service,
    ServiceMention,
    Synced,
)
from models.vocabulary import ORGANISATIONS

NAMESPACE = uuid.UUID("3b0f6a8e-9c57-4f1e-8d2a-5e6c7d8f9a01")


def demo_id(kind: str, *parts: str) -> str:
    """The fixed id of the demo record of `kind` named by `parts`."""
    return str(uuid.uuid5(NAMESPACE, "/".join((kind, *parts))))


@dataclass(frozen=True)
class DemoSummary:
    """What the demo holds, and how many records this load added."""

    meetings: int
    services: int
    created: int


class _Loader:
    """Creates demo records whose id is not in the database yet, in one session."""

    def __init__(self, db: Database, session: Session) -> None:
        self.db = db
        self.session = session
        self.created = 0
        self._existing: dict[type[Synced], set[str]] = {}

    def add(self, model: type[Synced], record_id: str, **fields: Any) -> None:
        key = DERIVED_KEYS.get(model.__tablename__)  # type: ignore[attr-defined]
        if key is not None:  # an association record's id is its key's, in the demo too
            record_id = derived_id(model.__tablename__, tuple(fields[name] for name in key))  # type: ignore[attr-defined]
        # A tombstoned demo record counts as there: what the user deleted stays deleted.
        existing = self._existing.get(model)
        if existing is None:
            existing = set(self.session.exec(select(model.id)).all())
            self._existing[model] = existing
        if record_id in existing:
            return
        create(self.db, self.session, model, id=record_id, **fields)
        existing.add(record_id)
        self.created += 1

    def flush(self) -> None:
        # Parents reach the file before children: foreign keys are checked per statement.
        self.session.flush()


def _organisation_ids(loader: _Loader) -> dict[str, str]:
    """Organisation name → id, reusing an organisation the user already has by that name."""
    wanted = [(o.name, o.short_name, o.region) for o in ORGANISATIONS]
    wanted += list(demo_content().journey.extra_organisations)
    names = [name for name, _short, _region in wanted]
    found = loader.session.exec(select(Organisation).where(col(Organisation.name).in_(names))).all()
    ids = {organisation.name: organisation.id for organisation in found}
    for name, short_name, region in wanted:
        if name not in ids:
            ids[name] = demo_id("organisation", name)
            loader.add(Organisation, ids[name], name=name, short_name=short_name, region=region)
    return ids


def _people(loader: _Loader, organisations: dict[str, str]) -> dict[str, str]:
    ids = {}
    for person in demo_content().journey.people:
        ids[person.key] = demo_id("person", person.key)
        loader.add(
            Person,
            ids[person.key],
            name=person.name,
            role=person.role,
            organisation_id=organisations[person.organisation] if person.organisation else None,
            email=person.email,
        )
    return ids


def _services(loader: _Loader, organisations: dict[str, str]) -> dict[str, str]:
    ids = {}
    for spec in demo_content().services:
        ids[spec.key] = demo_id("service", spec.key)
        fields = {
            name: getattr(spec, name) for name in Service.content_fields if name != "owner_id"
        }
        for name, value in fields.items():
            if isinstance(value, tuple):
                fields[name] = list(value)
        loader.add(Service, ids[spec.key], owner_id=organisations[spec.owner], **fields)
    return ids


def _meeting(
    loader: _Loader,
    spec: MeetingSpec,
    journey_id: str,
    organisations: dict[str, str],
    people: dict[str, str],
) -> str:
    meeting_id = demo_id("meeting", spec.key)
    loader.add(
        Meeting,
        meeting_id,
        journey_id=journey_id,
        title=spec.title,
        date=spec.date,
        start_time=spec.start,
        end_time=spec.end,
        place=spec.place,
        teams=spec.teams,
        guide_key=spec.guide_key,
        guide_version=spec.guide_version,
    )
    loader.flush()
    for name in spec.organisations:
        loader.add(
            MeetingOrganisation,
            demo_id("meeting-organisation", spec.key, name),
            meeting_id=meeting_id,
            organisation_id=organisations[name],
        )
    roles: Iterable[tuple[str, tuple[str, ...]]] = (
        (Role.PARTICIPANT, spec.participants),
        (Role.FACILITATOR, spec.facilitators),
        (Role.NOTE_TAKER, spec.note_takers),
        (Role.ABSENT, spec.absent),
    )
    for role, keys in roles:
        for key in keys:
            loader.add(
                Participation,
                demo_id("participation", spec.key, key, role),
                meeting_id=meeting_id,
                person_id=people[key],
                role=role,
            )
    return meeting_id


def _meeting_content(
    loader: _Loader, spec: MeetingSpec, meeting_id: str, services: dict[str, str]
) -> None:
    authors = {key: _person_name(key) for key in spec.note_takers}
    for question, texts in demo_content().notes[spec.key].items():
        for key, text in zip(spec.note_takers, texts, strict=True):
            if text:
                loader.add(
                    Note,
                    demo_id("note", spec.key, question, key),
                    meeting_id=meeting_id,
                    question_key=question,
                    author=authors[key],
                    text=text,
                )
    for answer in spec.answers:
        loader.add(
            Answer,
            demo_id("answer", spec.key, answer.question, answer.author),
            meeting_id=meeting_id,
            question_key=answer.question,
            author=authors[answer.author],
            choices=list(answer.choices),
            other_text=answer.other_text,
            state=answer.state,
        )
    for mention in spec.mentions:
        loader.add(
            ServiceMention,
            demo_id("mention", spec.key, mention.service, mention.question),
            service_id=services[mention.service],
            meeting_id=meeting_id,
            question_key=mention.question,
            remark=mention.remark,
        )
    for (kind, key), text in demo_content().referat.get(spec.key, {}).items():
        loader.add(
            Referat,
            demo_id("referat", spec.key, kind, key),
            meeting_id=meeting_id,
            question_key=key,
            kind=kind,
            text=text,
        )
    for item in spec.followups:
        loader.add(
            FollowUp,
            demo_id("followup", spec.key, item.key),
            meeting_id=meeting_id,
            what=item.what,
            who=item.who,
            due_date=item.due,
            status=item.status,
        )


def _person_name(key: str) -> str:
    return next(person.name for person in demo_content().journey.people if person.key == key)


def load_demo(db: Database) -> DemoSummary:
    """Add the demo journey to `db` in one transaction; records already there are left alone."""
    demo: Demo = demo_content()
    with db.transaction() as session:
        loader = _Loader(db, session)
        journey_id = demo_id("journey", demo.journey.key)
        loader.add(
            Journey, journey_id, name=demo.journey.name, description=demo.journey.description
        )
        organisations = _organisation_ids(loader)
        loader.flush()
        people = _people(loader, organisations)
        services = _services(loader, organisations)
        for spec in demo.meetings:
            meeting_id = _meeting(loader, spec, journey_id, organisations, people)
            loader.flush()
            _meeting_content(loader, spec, meeting_id, services)
    return DemoSummary(
        meetings=len(demo.meetings), services=len(demo.services), created=loader.created
    )
