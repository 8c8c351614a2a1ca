"""Writing a meeting's set-up: the meeting, its organisations, its people and their roles."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from sqlalchemy import UniqueConstraint
from sqlmodel import Session, select

from models import records
from models.errors import GuideLocked
from models.meeting_form import AnswerState, MeetingForm
from models.roles import Role
from models.tables import (
    Answer,
    Journey,
    Meeting,
    MeetingOrganisation,
    Note,
    Organisation,
    Participation,
    Person,
    ServiceMention,
    Synced,
)
from models.text import t

if TYPE_CHECKING:
    from models.guides import Guide
    from models.storage import Database


def _organisation(db: Database, session: Session, name: str) -> Organisation:
    """The organisation called `name` (case-insensitive), created when new."""
    for org in session.exec(select(Organisation)).all():
        if org.name.casefold() == name.casefold():
            if org.deleted:
                records.update(db, session, org, deleted=False)
            return org
    return records.create(db, session, Organisation, name=name)


def _person(
    db: Database, session: Session, name: str, role: str, org_id: str | None, email: str = ""
) -> Person:
    """The person called `name`, reused across meetings; role, organisation and e-mail filled
    when not known yet."""
    person = session.exec(records.live(Person).where(Person.name == name)).first()
    if person is None:
        return records.create(
            db, session, Person, name=name, role=role, organisation_id=org_id, email=email
        )
    changes = {"role": role} if role and not person.role else {}
    if org_id and not person.organisation_id:
        changes["organisation_id"] = org_id
    if email and not person.email:
        changes["email"] = email
    records.update(db, session, person, **changes)
    return person


def organisation_answer(guide: Guide, organisations: tuple[str, ...]) -> tuple[str, AnswerState]:
    """The guide's «which organisation» question (the one whose choices carry regions) answered
    from the set-up's organisations; ("", empty) when the guide has none or nothing fits."""
    question = next((q for q in guide.questions() if q.choice_regions), None)
    if question is None or not organisations:
        return "", AnswerState()
    by_name = {choice.casefold(): choice for choice in question.choices}
    chosen = [by_name[name.casefold()] for name in organisations if name.casefold() in by_name]
    others = [name for name in organisations if name.casefold() not in by_name]
    if question.kind == "choice":
        chosen = chosen[:1]
        if chosen:
            others = []
    other_choice = next((c for c in question.choices if c.casefold() in ("annen", "annet")), None)
    if others and other_choice is not None and not chosen:
        chosen = [other_choice]
    return question.key, AnswerState(chosen, ", ".join(others) if chosen else "", "")


def create_meeting(db: Database, form: MeetingForm, author: str = "") -> str:
    """Write the meeting with its organisations and people in one transaction; `author`'s answer
    to the organisation question is filled from the organisations chosen."""
    with db.transaction() as session:
        journey_id = form.journey_id
        if journey_id is None:
            journey_id = records.create(db, session, Journey, name=form.new_journey).id
        meeting = records.create(
            db,
            session,
            Meeting,
            journey_id=journey_id,
            title=form.title,
            date=form.date,
            start_time=form.start_time,
            end_time=form.end_time,
            place=form.place,
            teams=form.teams or bool(form.teams_link),
            teams_link=form.teams_link,
            guide_key=form.guide_key,
            guide_version=form.guide_version,
        )
        for name in form.organisations:
            org = _organisation(db, session, name)
            records.create(
                db, session, MeetingOrganisation, meeting_id=meeting.id, organisation_id=org.id
            )
        people: list[tuple[Person, str]] = []
        for line in form.participants:
            org_id = _organisation(db, session, line.organisation).id if line.organisation else None
            person = _person(db, session, line.name, line.role, org_id, line.email)
            people.append((person, line.meeting_role))
        people += [
            (_person(db, session, name, "", None), Role.FACILITATOR) for name in form.facilitators
        ]
        people += [
            (_person(db, session, name, "", None), Role.NOTE_TAKER) for name in form.note_takers
        ]
        linked: set[tuple[str, str]] = set()
        for person, role in people:
            if (person.id, role) not in linked:
                linked.add((person.id, role))
                records.create(
                    db,
                    session,
                    Participation,
                    meeting_id=meeting.id,
                    person_id=person.id,
                    role=role,
                )
        if author:
            _pre_answer(db, session, meeting.id, form, author)
    return meeting.id


def _pre_answer(
    db: Database, session: Session, meeting_id: str, form: MeetingForm, author: str
) -> None:
    from models.errors import GuideError
    from models.guides import find_guide

    try:
        guide = find_guide(form.guide_key, form.guide_version or None)
    except GuideError:
        return
    key, answer = organisation_answer(guide, form.organisations)
    if key and not answer.empty:
        records.create(
            db,
            session,
            Answer,
            meeting_id=meeting_id,
            question_key=key,
            author=author,
            choices=list(answer.choices),
            other_text=answer.other_text,
        )


def meeting_has_content(session: Session, meeting_id: str) -> bool:
    """Whether the meeting holds a note, an answer or a linked service (tied to the guide)."""
    if session.exec(
        records.live(Note).where(Note.meeting_id == meeting_id, Note.text != "").limit(1)
    ).first():
        return True
    answers = records.live(Answer).where(Answer.meeting_id == meeting_id)
    if any(a.choices or a.other_text or a.state for a in session.exec(answers).all()):
        return True
    mentions = records.live(ServiceMention).where(ServiceMention.meeting_id == meeting_id)
    return session.exec(mentions.limit(1)).first() is not None


def _sync_links(
    db: Database,
    session: Session,
    model: type[MeetingOrganisation] | type[Participation],
    meeting_id: str,
    wanted: list[dict[str, str]],
) -> None:
    """Make the meeting's live links of `model` exactly `wanted` (each a dict of its fields).

    Links no longer wanted are tombstoned, never removed, so that merging sees the removal; a
    wanted link that was removed earlier is brought back rather than made twice.
    """
    rows = session.exec(select(model).where(model.meeting_id == meeting_id)).all()
    # A link is known by its unique key (a participation's attendance times are not part of it).
    unique = next(c for c in model.__table__.constraints if isinstance(c, UniqueConstraint))  # type: ignore[attr-defined]
    keys = [column.name for column in unique.columns if column.name != "meeting_id"]
    existing: dict[tuple[str, ...], list[Synced]] = defaultdict(list)
    for row in rows:
        existing[tuple(getattr(row, name) for name in keys)].append(row)
    wanted_keys = {tuple(fields[name] for name in keys): fields for fields in wanted}
    for key, same in existing.items():
        live_rows = [row for row in same if not row.deleted]
        if key in wanted_keys:
            if not live_rows:
                records.update(db, session, same[0], deleted=False)
            continue
        for row in live_rows:
            records.delete(db, session, row)
    for key, fields in wanted_keys.items():
        if key not in existing:
            records.create(db, session, model, meeting_id=meeting_id, **fields)


def update_meeting(db: Database, meeting_id: str, form: MeetingForm) -> str:
    """Write what changed in the meeting's set-up, in one transaction; returns the meeting id."""
    with db.transaction() as session:
        meeting = records.resolve(session, Meeting, meeting_id, t("teams_kind_meeting"))
        journey_id = form.journey_id
        if journey_id is None:
            journey_id = records.create(db, session, Journey, name=form.new_journey).id
        changes: dict[str, object] = {
            "journey_id": journey_id,
            "title": form.title,
            "date": form.date,
            "start_time": form.start_time,
            "end_time": form.end_time,
            "place": form.place,
            "teams": form.teams or bool(form.teams_link),
            "teams_link": form.teams_link,
        }
        new_guide = (form.guide_key, form.guide_version)
        if new_guide != (meeting.guide_key, meeting.guide_version):
            if meeting_has_content(session, meeting.id):
                raise GuideLocked()
            changes |= {"guide_key": form.guide_key, "guide_version": form.guide_version}
        records.update(db, session, meeting, **changes)
        org_ids = {_organisation(db, session, name).id: None for name in form.organisations}
        _sync_links(
            db,
            session,
            MeetingOrganisation,
            meeting.id,
            [{"organisation_id": org_id} for org_id in org_ids],
        )
        _sync_links(
            db, session, Participation, meeting.id, _participations(db, session, form, edit=True)
        )
    return meeting.id


def _participations(
    db: Database, session: Session, form: MeetingForm, *, edit: bool = False
) -> list[dict[str, str]]:
    """The (person, role) pairs of the form, each once, with the people found or created.

    When editing, a role or organisation typed on a participant's line replaces the person's
    (an empty one keeps what is stored: a line typed anew must not wipe what is known).
    """
    pairs: list[dict[str, str]] = []

    def add(person: Person, role: str) -> None:
        pair = {"person_id": person.id, "role": role}
        if pair not in pairs:
            pairs.append(pair)

    for line in form.participants:
        org_id = _organisation(db, session, line.organisation).id if line.organisation else None
        person = _person(db, session, line.name, line.role, org_id, line.email)
        if edit:
            changes: dict[str, object] = {}
            if line.role:
                changes["role"] = line.role
            if org_id:
                changes["organisation_id"] = org_id
            if line.email:
                changes["email"] = line.email
            records.update(db, session, person, **changes)
        add(person, line.meeting_role)
    for name in form.facilitators:
        add(_person(db, session, name, "", None), Role.FACILITATOR)
    for name in form.note_takers:
        add(_person(db, session, name, "", None), Role.NOTE_TAKER)
    return pairs
