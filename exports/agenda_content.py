"""What an invitation («innkalling») to one meeting says, for Word and for a calendar file.

The header block follows the minutes (Møte, Dato, Tid, Sted / Teams, Virksomhet), then who is
invited, the purpose from the journey, the agenda (the guide's sections with their questions)
and practical information.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import select

from exports.document import Document
from exports.minutes_content import guide_of, place_text, time_span
from exports.safe import clean
from exports.text import label, long_date
from models.guides import Guide
from models.joins import session_joins
from models.records import live, resolve
from models.roles import Role
from models.storage import Database
from models.tables import (
    Journey,
    Meeting,
    MeetingOrganisation,
    Organisation,
    Participation,
    Person,
)
from models.text import t

ROLE_ORDER = {Role.PARTICIPANT: 0, Role.FACILITATOR: 1, Role.NOTE_TAKER: 2}


@dataclass(frozen=True)
class Invitee:
    name: str
    title: str  # the person's own role
    organisation: str
    email: str
    role: str  # deltaker / fasilitator / referent


@dataclass(frozen=True)
class Invitation:
    meeting: Meeting
    journey: Journey | None
    organisations: tuple[str, ...]
    invitees: tuple[Invitee, ...]
    guide: Guide | None
    revision: str  # the latest clock stamp of the meeting and its links

    def with_role(self, role: str) -> list[Invitee]:
        return [person for person in self.invitees if person.role == role]


def load_invitation(db: Database, meeting_ref: str) -> Invitation:
    """Resolve `meeting_ref` (id or unique prefix) and read what its invitation needs."""
    with db.session() as session:
        meeting = resolve(session, Meeting, meeting_ref, t("teams_kind_meeting"))
        journey = session.get(Journey, meeting.journey_id)
        joins = session_joins(session)  # links made unaware of a join read as the kept record
        organisations = joins.lookup(
            "organisation", {org.id: org for org in session.exec(live(Organisation)).all()}
        )
        # Removed links too: removing someone is a revision of the invitation.
        all_links = session.exec(
            select(MeetingOrganisation).where(MeetingOrganisation.meeting_id == meeting.id)
        ).all()
        all_people = session.exec(
            select(Participation).where(Participation.meeting_id == meeting.id)
        ).all()
        links = [link for link in all_links if not link.deleted]
        people = [taking_part for taking_part in all_people if not taking_part.deleted]
        invitees = []
        stamps = [meeting.hlc, journey.hlc if journey else ""]
        stamps += [row.hlc for row in (*all_links, *all_people)]
        invited: set[tuple[str, str]] = set()
        for taking_part in sorted(people, key=lambda p: p.id):
            person = session.get(Person, joins.resolve("person", taking_part.person_id))
            if person is None or person.deleted or (person.id, taking_part.role) in invited:
                continue
            invited.add((person.id, taking_part.role))
            org = organisations.get(person.organisation_id or "")
            stamps.append(person.hlc)
            invitees.append(
                Invitee(
                    person.name,
                    person.role,
                    org.name if org else "",
                    person.email,
                    taking_part.role,
                )
            )
        invitees.sort(
            key=lambda p: (ROLE_ORDER.get(p.role, 9), p.organisation.casefold(), p.name.casefold())
        )
        return Invitation(
            meeting=meeting,
            journey=journey if journey is not None and not journey.deleted else None,
            organisations=tuple(
                sorted(
                    {
                        organisations[link.organisation_id].id: organisations[
                            link.organisation_id
                        ].name
                        for link in links
                        if link.organisation_id in organisations
                    }.values()
                )
            ),
            invitees=tuple(invitees),
            guide=guide_of(meeting),
            revision=max((stamp for stamp in stamps if stamp), default=""),
        )


def _person_line(person: Invitee) -> str:
    details = ", ".join(part for part in (person.name, person.title) if part)
    return f"{details} ({person.organisation})" if person.organisation else details


def _header_rows(invitation: Invitation) -> list[tuple[str, str]]:
    meeting = invitation.meeting
    rows = [
        (label("meeting"), meeting.title),
        (label("date"), long_date(meeting.date)),
        (label("time"), time_span(meeting)),
        (label("place"), place_text(meeting)),
        (label("organisations"), ", ".join(invitation.organisations)),
    ]
    for key, role in (
        ("invited", Role.PARTICIPANT),
        ("facilitators", Role.FACILITATOR),
        ("note_takers", Role.NOTE_TAKER),
    ):
        group = invitation.with_role(role)
        if group:
            rows.append((label(key), "\n".join(_person_line(person) for person in group)))
    return [(key, clean(value)) for key, value in rows if value]


def purpose_paragraphs(invitation: Invitation) -> list[str]:
    journey = invitation.journey
    if journey is None:
        return []
    paragraphs = [label("purpose_journey", name=journey.name)]
    if journey.description.strip():
        paragraphs.append(journey.description.strip())
    return [clean(paragraph) for paragraph in paragraphs]


def practical_lines(invitation: Invitation) -> list[str]:
    meeting = invitation.meeting
    lines = []
    if meeting.date is not None and time_span(meeting):
        lines.append(label("practical_time", date=long_date(meeting.date), time=time_span(meeting)))
    if meeting.place:
        lines.append(label("practical_place", place=meeting.place))
    if meeting.teams_link:
        lines.append(label("practical_teams", link=meeting.teams_link))
    elif meeting.teams:
        lines.append(label("practical_teams_no_link"))
    lines.append(label("practical_minutes"))
    if meeting.teams or meeting.teams_link:
        lines.append(label("practical_recording"))
    hosts = [person.name for person in invitation.with_role(Role.FACILITATOR)]
    if hosts:
        names = ", ".join(hosts[:-1]) + " og " + hosts[-1] if len(hosts) > 1 else hosts[0]
        lines.append(label("practical_contact", names=names))
    return [clean(line) for line in lines]


def build_agenda(invitation: Invitation) -> Document:
    """The invitation as a document for Word (and Markdown)."""
    meeting = invitation.meeting
    document = Document(label("agenda_title", title=clean(meeting.title)))
    document.table((), _header_rows(invitation), (22, 78))
    purpose = purpose_paragraphs(invitation)
    if purpose:
        document.heading(label("purpose_heading"), 1)
        for paragraph in purpose:
            document.paragraph(paragraph)
    document.heading(label("agenda_heading"), 1)
    if invitation.guide is None:
        document.paragraph(label("agenda_no_guide", key=meeting.guide_key or "–"), "muted")
    else:
        document.paragraph(label("agenda_intro"))
        for section in invitation.guide.sections:
            document.heading(f"{section.key}. {clean(section.title)}", 2)
            for question in section.questions:
                document.paragraph(f"{question.key} {clean(question.text)}", "bullet")
    document.heading(label("practical_heading"), 1)
    for line in practical_lines(invitation):
        document.paragraph(line, "bullet")
    return document


def agenda_text(invitation: Invitation) -> str:
    """The invitation as plain text, for a calendar event's description."""
    lines = [*purpose_paragraphs(invitation), ""]
    lines.append(label("agenda_heading"))
    if invitation.guide is None:
        lines.append(label("agenda_no_guide", key=invitation.meeting.guide_key or "–"))
    else:
        for section in invitation.guide.sections:
            lines.append(f"{section.key}. {clean(section.title)}")
            lines.extend(
                f"  – {question.key} {clean(question.text)}" for question in section.questions
            )
    lines += ["", label("practical_heading")]
    lines.extend(f"– {line}" for line in practical_lines(invitation))
    return "\n".join(lines).strip()
