"""Contacts under a `people` question (F1): persons with role, organisation, e-mail and phone.

A contact is typed as «Navn, rolle, e-post, telefon» on one line (the parts after the name in
any order: an address is the e-mail, a run of digits the phone, an organisation's name the
organisation, the rest the role), or picked from the people already known. The person record
holds the details; a `Contact` record links the person to the meeting and question. Its id is
a UUID derived from that natural key, so adding the same contact again, or on two laptops,
names one record.
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, select

from models import records
from models.catalogue import LINE_MAX, ValidationError, clean_text
from models.email_domains import DomainBook
from models.errors import InnsiktError
from models.joins import session_joins
from models.meeting_records import ContactRow
from models.records import live
from models.storage import Database
from models.tables import Contact, Meeting, MeetingOrganisation, Organisation, Participation, Person

CONTACT_NAMESPACE = uuid.UUID("3d6e2b1a-8f4c-4e0b-a1d7-5c9b0e2f6a84")

_EMAIL = re.compile(r"^[^@\s,]+@[^@\s,]+\.[^@\s,]+$")
# «+47 912 34 567», «912 34 567», «(+47) 91234567», «22-33-44-55»: digits and separators only.
_PHONE = re.compile(r"^\+?[\d\s().-]+$")
MIN_PHONE_DIGITS = 5


def contact_id(meeting_id: str, question_key: str, person_id: str) -> str:
    """The id of the contact record of this natural key (the same on every laptop)."""
    key = "\x1f".join(("contact", meeting_id, question_key, person_id))
    return str(uuid.uuid5(CONTACT_NAMESPACE, key))


@dataclass(frozen=True)
class ContactLine:
    """What a typed contact line says; empty parts were not given."""

    name: str
    role: str = ""
    organisation: str = ""
    email: str = ""
    phone: str = ""


def is_phone(text: str) -> bool:
    return bool(_PHONE.match(text)) and sum(ch.isdigit() for ch in text) >= MIN_PHONE_DIGITS


def parse_contact_line(text: str, organisations: Sequence[str] = ()) -> ContactLine:
    """«Navn, rolle, e-post, telefon»; an organisation of `organisations` may stand anywhere
    after the name. Raises ValidationError (field «contact») on a line without a name."""
    parts = [clean_text(part) for part in clean_text(text).split(",")]
    parts = [part for part in parts if part]
    if not parts or _EMAIL.match(parts[0]) or is_phone(parts[0]):
        raise ValidationError("contact_name_required", field="contact")
    if any(len(part) > LINE_MAX for part in parts):
        raise ValidationError("text_too_long", field="contact", limit=LINE_MAX)
    known = {name.casefold(): name for name in organisations}
    name, email, phone, organisation, roles = parts[0], "", "", "", []
    for part in parts[1:]:
        if not email and _EMAIL.match(part):
            email = part
        elif not phone and is_phone(part):
            phone = " ".join(part.split())
        elif not organisation and part.casefold() in known:
            organisation = known[part.casefold()]
        else:
            roles.append(part)
    return ContactLine(name, ", ".join(roles), organisation, email, phone)


def contact_line(row: ContactRow | ContactLine | KnownContact) -> str:
    """A contact as one line, the way it is typed."""
    parts = [row.name, row.role, row.organisation, row.email, row.phone]
    return ", ".join(part for part in parts if part)


def _organisation_named(session: Session, name: str) -> Organisation | None:
    for org in session.exec(live(Organisation)).all():
        if name.casefold() in (org.name.casefold(), org.short_name.casefold()):
            return org
    return None


def _organisation_for(session: Session, meeting_id: str, line: ContactLine) -> str | None:
    """The named organisation, else the e-mail domain's, else the meeting's first."""
    if line.organisation:
        named = _organisation_named(session, line.organisation)
        if named is not None:
            return named.id
    if line.email:
        found, _domain, _stored = DomainBook.load(session).lookup(line.email)
        if found is not None:
            return found
    first = session.exec(
        select(Organisation.id)
        .join(MeetingOrganisation, col(MeetingOrganisation.organisation_id) == col(Organisation.id))
        .where(
            MeetingOrganisation.meeting_id == meeting_id,
            col(MeetingOrganisation.deleted).is_(False),
            col(Organisation.deleted).is_(False),
        )
        .order_by(col(Organisation.name))
    ).first()
    return first


def _person_for(db: Database, session: Session, meeting_id: str, line: ContactLine) -> Person:
    """The person the line names (same name, and organisation when both have one), with what
    the line adds; created when new."""
    org_id = _organisation_for(session, meeting_id, line)
    same_name = session.exec(live(Person).where(Person.name == line.name)).all()
    person = next((p for p in same_name if org_id and p.organisation_id == org_id), None)
    if person is None:
        person = next((p for p in same_name if not p.organisation_id or not org_id), None)
    typed = {"role": line.role, "email": line.email, "phone": line.phone}
    if person is None:
        return records.create(db, session, Person, name=line.name, organisation_id=org_id, **typed)
    changes = {name: value for name, value in typed.items() if value}
    if org_id and not person.organisation_id:
        changes["organisation_id"] = org_id
    records.update(db, session, person, **changes)
    return person


def _live_meeting(session: Session, meeting_id: str) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.deleted:
        raise InnsiktError("not_found", kind="møte", ref=meeting_id[:8])
    return meeting


def _link(
    db: Database, session: Session, meeting_id: str, question_key: str, person: Person
) -> str:
    record_id = contact_id(meeting_id, question_key, person.id)
    existing = session.get(Contact, record_id)
    if existing is None:
        existing = session.exec(
            select(Contact).where(
                Contact.meeting_id == meeting_id,
                Contact.question_key == question_key,
                Contact.person_id == person.id,
            )
        ).first()
    if existing is None:
        session.flush()  # the person's row first: the contact refers to it
        records.create(
            db,
            session,
            Contact,
            id=record_id,
            meeting_id=meeting_id,
            question_key=question_key,
            person_id=person.id,
        )
        return record_id
    records.update(db, session, existing, deleted=False)
    return existing.id


def add_contact(db: Database, meeting_id: str, question_key: str, text: str) -> str:
    """Add the contact typed as one line; returns the contact record's id."""
    with db.transaction() as session:
        _live_meeting(session, meeting_id)
        names = [org.name for org in session.exec(live(Organisation)).all()]
        names += [
            org.short_name for org in session.exec(live(Organisation)).all() if org.short_name
        ]
        line = parse_contact_line(text, names)
        person = _person_for(db, session, meeting_id, line)
        return _link(db, session, meeting_id, question_key, person)


def add_known_contact(db: Database, meeting_id: str, question_key: str, person_id: str) -> str:
    """Add a person already known (a participant picked by type-ahead) as a contact."""
    with db.transaction() as session:
        _live_meeting(session, meeting_id)
        person = session.get(Person, person_id)
        if person is None or person.deleted:
            raise InnsiktError("not_found", kind="person", ref=person_id[:8])
        return _link(db, session, meeting_id, question_key, person)


def remove_contact(db: Database, record_id: str) -> None:
    """Take the contact off the question (a tombstone; the person stays)."""
    with db.transaction() as session:
        contact = session.get(Contact, record_id)
        if contact is None or contact.deleted:
            raise InnsiktError("not_found", kind="kontakt", ref=record_id[:8])
        records.delete(db, session, contact)


def restore_contact(db: Database, record_id: str) -> None:
    """Bring back a contact just removed (the «Angre» of a removal)."""
    with db.transaction() as session:
        contact = session.get(Contact, record_id)
        if contact is None:
            raise InnsiktError("not_found", kind="kontakt", ref=record_id[:8])
        records.update(db, session, contact, deleted=False)


def meeting_contacts(
    session: Session, meeting_id: str, question_key: str | None = None
) -> list[ContactRow]:
    """The live contacts of a meeting (of one question when given), by name."""
    return contacts_of_meetings(session, [meeting_id], question_key).get(meeting_id, [])


def contacts_of_meetings(
    session: Session, meeting_ids: list[str], question_key: str | None = None
) -> dict[str, list[ContactRow]]:
    """The live contacts of each of `meeting_ids`, by name, per meeting id.

    A contact of a person since joined into another names the kept person (`models.joins`),
    once per question.
    """
    query = select(Contact).where(
        col(Contact.meeting_id).in_(meeting_ids), col(Contact.deleted).is_(False)
    )
    if question_key is not None:
        query = query.where(Contact.question_key == question_key)
    joins = session_joins(session)
    contacts = sorted(session.exec(query).all(), key=lambda contact: contact.id)
    wanted = {joins.resolve("person", contact.person_id) for contact in contacts}
    persons = {
        person.id: person
        for person in session.exec(live(Person).where(col(Person.id).in_(wanted))).all()
    }
    organisations = joins.lookup(
        "organisation", {org.id: org.name for org in session.exec(live(Organisation)).all()}
    )
    grouped: dict[str, list[ContactRow]] = defaultdict(list)
    listed: set[tuple[str, str, str]] = set()
    for contact in contacts:
        person = persons.get(joins.resolve("person", contact.person_id))
        key = (contact.meeting_id, contact.question_key, person.id if person else "")
        if person is None or key in listed:
            continue
        listed.add(key)
        grouped[contact.meeting_id].append(
            ContactRow(
                id=contact.id,
                person_id=person.id,
                question_key=contact.question_key,
                name=person.name,
                role=person.role,
                organisation=organisations.get(person.organisation_id or "", ""),
                email=person.email,
                phone=person.phone,
            )
        )
    return {meeting_id: sorted(rows, key=_by_name) for meeting_id, rows in grouped.items()}


def _by_name(row: ContactRow) -> tuple[str, str, str]:
    return (row.name.casefold(), row.organisation.casefold(), row.id)


@dataclass(frozen=True)
class KnownContact:
    """A person the contacts panel offers by type-ahead; `in_meeting` when they take part."""

    person_id: str
    name: str
    role: str
    organisation: str
    email: str
    phone: str
    in_meeting: bool


def known_people(session: Session, meeting_id: str) -> list[KnownContact]:
    """Every live person, those taking part in the meeting first, then by name."""
    joins = session_joins(session)
    taking_part = {
        joins.resolve("person", person_id)
        for person_id in session.exec(
            select(Participation.person_id).where(
                Participation.meeting_id == meeting_id, col(Participation.deleted).is_(False)
            )
        ).all()
    }
    organisations = joins.lookup(
        "organisation", {org.id: org.name for org in session.exec(live(Organisation)).all()}
    )
    people = [
        KnownContact(
            person.id,
            person.name,
            person.role,
            organisations.get(person.organisation_id or "", ""),
            person.email,
            person.phone,
            person.id in taking_part,
        )
        for person in session.exec(live(Person)).all()
        if person.name.strip() and not person.name.startswith("[")  # not an erased person
    ]
    return sorted(people, key=lambda p: (not p.in_meeting, p.name.casefold(), p.person_id))


def name_matches(name: str, typed: str) -> bool:
    """Whether `typed` starts the name or one of its words (case-insensitive): «ola», «nord»
    and «Ola N» all find «Ola Nordmann». Shared by the set-up's and the contacts' type-ahead."""
    typed = " ".join(typed.split()).casefold()
    name = name.casefold()
    return bool(typed) and (
        name.startswith(typed) or any(w.startswith(typed) for w in name.split())
    )
