"""Writing a Teams attendance report into a meeting: people, organisations, participations.

A person in the report is matched to a person already recorded by the same e-mail address, or
else by the same name (case aside) when neither the organisation nor a recorded e-mail address
says otherwise; the match gets the e-mail and organisation it lacked. Anyone else is added. The
report's organiser takes part as facilitator, everyone else as participant, unless they already
take part in the meeting in some role. First join and last leave are kept as the earliest and
the latest seen. Everything happens in one transaction, and a report imported again finds
everything in place and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import Session, select

from models import records
from models.attendance import ORGANISER, AttendanceReport, Attendee, read_report
from models.email_domains import DomainBook
from models.roles import Role
from models.storage import Database
from models.sync.duplicates import DuplicatePair, likely_duplicates
from models.tables import Meeting, Organisation, Participation, Person
from models.text import t
from models.vocabulary import known_organisation


@dataclass
class AttendanceSummary:
    meeting_title: str
    attendees: int
    people_added: int = 0
    people_matched: int = 0
    people_updated: int = 0
    participations_added: int = 0
    participations_updated: int = 0
    organisations_added: int = 0
    domains_learned: list[str] = field(default_factory=list)
    duplicates: list[DuplicatePair] = field(default_factory=list)
    # The report's day when it is not the meeting's: perhaps the wrong meeting or report.
    other_day: dt.date | None = None

    def changed(self) -> bool:
        return any(
            (
                self.people_added,
                self.people_updated,
                self.participations_added,
                self.participations_updated,
                self.organisations_added,
                self.domains_learned,
            )
        )


def _organisation_named(db: Database, session: Session, name: str) -> tuple[Organisation, bool]:
    """The organisation called `name` (case aside, brought back if deleted), or a new one."""
    for org in session.exec(select(Organisation)).all():
        if org.name.casefold() == name.casefold():
            if org.deleted:
                records.update(db, session, org, deleted=False)
            return org, False
    known = known_organisation(name)
    extra = {"short_name": known.short_name, "region": known.region} if known else {}
    return records.create(db, session, Organisation, name=name, **extra), True


class _Importer:
    def __init__(
        self, db: Database, session: Session, meeting: Meeting, summary: AttendanceSummary
    ):
        self.db, self.session, self.meeting, self.summary = db, session, meeting, summary
        self.book = DomainBook.load(session)
        self.people = list(session.exec(records.live(Person)).all())
        self.touched: set[str] = set()

    def organisation_for(self, email: str) -> str | None:
        org_id, domain, stored = self.book.lookup(email)
        if org_id is None:
            name, domain = self.book.known_name(email)
            if not name:
                return None
            org, created = _organisation_named(self.db, self.session, name)
            self.book.organisations[org.id] = org
            self.summary.organisations_added += created
            org_id = org.id
        if not stored:
            org = self.book.organisations[org_id]
            records.update(self.db, self.session, org, email_domains=[*org.email_domains, domain])
            self.book.remember(org_id, domain)
            self.summary.domains_learned.append(domain)
        return org_id

    def person_for(self, attendee: Attendee, org_id: str | None) -> Person:
        if attendee.email:
            for person in self.people:
                if person.email.lower() == attendee.email:
                    return self._fill(person, attendee, org_id)
        same_name = [
            person
            for person in self.people
            if person.name.casefold() == attendee.name.casefold()
            and (not person.email or not attendee.email)
            and (
                person.organisation_id is None or org_id is None or person.organisation_id == org_id
            )
        ]
        if same_name:
            taking_part = self._participant_ids()
            same_name.sort(key=lambda p: (p.id not in taking_part, p.organisation_id != org_id))
            return self._fill(same_name[0], attendee, org_id)
        person = records.create(
            self.db,
            self.session,
            Person,
            name=attendee.name,
            email=attendee.email,
            organisation_id=org_id,
        )
        self.people.append(person)
        self.summary.people_added += 1
        self.touched.add(person.id)
        return person

    def _participant_ids(self) -> set[str]:
        return {p.person_id for p in self._participations()}

    def _participations(self) -> list[Participation]:
        return list(
            self.session.exec(
                select(Participation).where(Participation.meeting_id == self.meeting.id)
            ).all()
        )

    def _fill(self, person: Person, attendee: Attendee, org_id: str | None) -> Person:
        changes: dict[str, object] = {}
        if attendee.email and not person.email:
            changes["email"] = attendee.email
        if org_id and not person.organisation_id:
            changes["organisation_id"] = org_id
        if records.update(self.db, self.session, person, **changes):
            self.summary.people_updated += 1
        self.summary.people_matched += 1
        self.touched.add(person.id)
        return person

    def take_part(self, person: Person, attendee: Attendee) -> None:
        mine = [p for p in self._participations() if p.person_id == person.id]
        live_ones = [p for p in mine if not p.deleted]
        if not live_ones:
            role = Role.FACILITATOR if attendee.role == ORGANISER else Role.PARTICIPANT
            earlier = next((p for p in mine if p.role == role), None)
            if earlier is None:
                records.create(
                    self.db,
                    self.session,
                    Participation,
                    meeting_id=self.meeting.id,
                    person_id=person.id,
                    role=role,
                    first_join=attendee.first_join,
                    last_leave=attendee.last_leave,
                )
                self.summary.participations_added += 1
                return
            records.update(self.db, self.session, earlier, deleted=False)
            self.summary.participations_added += 1
            live_ones = [earlier]
        for participation in live_ones:
            joins = [m for m in (participation.first_join, attendee.first_join) if m]
            leaves = [m for m in (participation.last_leave, attendee.last_leave) if m]
            changed = records.update(
                self.db,
                self.session,
                participation,
                first_join=min(joins, default=""),
                last_leave=max(leaves, default=""),
            )
            self.summary.participations_updated += bool(changed)


def import_report(db: Database, meeting_ref: str, report: AttendanceReport) -> AttendanceSummary:
    """Write `report` into the meeting `meeting_ref` (id or unique prefix) in one transaction."""
    with db.transaction() as session:
        meeting = records.resolve(session, Meeting, meeting_ref, t("teams_kind_meeting"))
        summary = AttendanceSummary(meeting.title, len(report.attendees))
        if report.start and meeting.date is not None:
            day = dt.date.fromisoformat(report.start[:10])
            summary.other_day = day if day != meeting.date else None
        importer = _Importer(db, session, meeting, summary)
        # The organiser first, so that a person listed twice is the facilitator.
        for attendee in sorted(report.attendees, key=lambda a: a.role != ORGANISER):
            org_id = importer.organisation_for(attendee.email) if attendee.email else None
            person = importer.person_for(attendee, org_id)
            importer.take_part(person, attendee)
        session.flush()
        summary.duplicates = [
            pair
            for pair in likely_duplicates(session)
            if pair.kind == "person" and {pair.first_id, pair.second_id} & importer.touched
        ]
    return summary


def import_attendance(db: Database, meeting_ref: str, path: Path) -> AttendanceSummary:
    """Read the report at `path` (refusing anything else before touching the database), then
    write it into the meeting."""
    return import_report(db, meeting_ref, read_report(Path(path)))
