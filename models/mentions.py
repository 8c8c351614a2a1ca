"""Links between meetings and services: a service mentioned under a meeting's question."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from models.catalogue import clean_text, link_in_session, load_service
from models.errors import InnsiktError
from models.records import delete, update
from models.storage import Database
from models.tables import (
    Service,
    ServiceMention,
)


@dataclass(frozen=True)
class MentionRow:
    """A service as linked from one meeting and question."""

    mention_id: str
    service_id: str
    name: str
    status: str
    criticality: str
    remark: str


def link_service(db: Database, service_id: str, meeting_id: str, question_key: str) -> str:
    """Link an existing service to a meeting's question; returns the mention id."""
    with db.transaction() as session:
        load_service(session, service_id)
        return link_in_session(db, session, service_id, meeting_id, question_key).id


def unlink_mention(db: Database, mention_id: str) -> None:
    """Remove a service from a meeting's question (a tombstone; the service itself stays)."""
    with db.transaction() as session:
        mention = session.get(ServiceMention, mention_id)
        if mention is not None:
            delete(db, session, mention)


def set_mention_remark(db: Database, mention_id: str, remark: str) -> None:
    """What was said about the service in this meeting."""
    with db.transaction() as session:
        mention = session.get(ServiceMention, mention_id)
        if mention is None or mention.deleted:
            raise InnsiktError("not_found", kind="kobling", ref=mention_id[:8])
        update(db, session, mention, remark=clean_text(remark, multiline=True))


def mentioned_services(session: Session, meeting_id: str, question_key: str) -> list[MentionRow]:
    """The live services linked to this meeting and question, by name."""
    query = (
        select(ServiceMention, Service)
        .join(Service, col(Service.id) == col(ServiceMention.service_id))
        .where(
            ServiceMention.meeting_id == meeting_id,
            ServiceMention.question_key == question_key,
            col(ServiceMention.deleted).is_(False),
            col(Service.deleted).is_(False),
        )
    )
    rows = [
        MentionRow(
            mention_id=mention.id,
            service_id=service.id,
            name=service.name,
            status=service.status,
            criticality=service.criticality,
            remark=mention.remark,
        )
        for mention, service in session.exec(query).all()
    ]
    return sorted(rows, key=lambda row: row.name.casefold())


# --- search, filters, sorting ---------------------------------------------------------------
