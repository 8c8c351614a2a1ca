"""Links between meetings and services: a service mentioned under a meeting's question."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from models.catalogue import clean_text, link_in_session, load_service
from models.errors import InnsiktError
from models.joins import Joins, session_joins, twins
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


def _twins(session: Session, mention: ServiceMention) -> list[ServiceMention]:
    """The other live mentions shown as one with `mention` (`resolved_mentions`): same meeting
    and question, a service that resolves to the same one through joins."""
    joins = session_joins(session)
    service = joins.resolve("service", mention.service_id)
    others = session.exec(
        select(ServiceMention).where(
            ServiceMention.meeting_id == mention.meeting_id,
            ServiceMention.question_key == mention.question_key,
            col(ServiceMention.deleted).is_(False),
            ServiceMention.id != mention.id,
        )
    ).all()
    return [other for other in others if joins.resolve("service", other.service_id) == service]


def unlink_mention(db: Database, mention_id: str) -> None:
    """Remove a service from a meeting's question (a tombstone; the service itself stays),
    with the mentions shown as one with it (made unaware of a join)."""
    with db.transaction() as session:
        mention = session.get(ServiceMention, mention_id)
        if mention is not None:
            for twin in _twins(session, mention):
                delete(db, session, twin)
            delete(db, session, mention)


def set_mention_remark(db: Database, mention_id: str, remark: str) -> None:
    """What was said about the service in this meeting. The mentions shown as one with it
    (made unaware of a join) are folded into it: the remark typed is the whole remark."""
    with db.transaction() as session:
        mention = session.get(ServiceMention, mention_id)
        if mention is None or mention.deleted:
            raise InnsiktError("not_found", kind="kobling", ref=mention_id[:8])
        for twin in _twins(session, mention):
            delete(db, session, twin)
        update(db, session, mention, remark=clean_text(remark, multiline=True))


def resolved_mentions(joins: Joins, mentions: list[ServiceMention]) -> list[ServiceMention]:
    """Live mentions with their service resolved through joins, twins shown once.

    A mention made on a laptop that had not seen a join still names the absorbed service; where
    the kept service is mentioned under the same question too, the two read as one mention: the
    one naming the kept service as written (else the smaller id), the remarks of both. Copies,
    never the session's own objects: a read must not write.
    """
    result = []

    def key(mention: ServiceMention) -> tuple[str, str, str]:
        service = joins.resolve("service", mention.service_id)
        return (mention.meeting_id, mention.question_key, service)

    def order(mention: ServiceMention) -> tuple[bool, str]:
        return (joins.resolve("service", mention.service_id) != mention.service_id, mention.id)

    for group in twins((m for m in mentions if not m.deleted), key, order):
        first = group[0]
        copy = ServiceMention(**first.model_dump())
        copy.service_id = key(first)[2]
        if len(group) > 1:
            # Parts already in the first remark are not repeated: an edit of the remark shown
            # (written to the first mention) must not bring the twin's part back twice.
            parts = [p for m in group for p in m.remark.split(" / ") if p.strip()]
            copy.remark = " / ".join(dict.fromkeys(part.strip() for part in parts))
        result.append(copy)
    return result


def mentioned_services(session: Session, meeting_id: str, question_key: str) -> list[MentionRow]:
    """The live services linked to this meeting and question, by name (joins resolved)."""
    mentions = session.exec(
        select(ServiceMention).where(
            ServiceMention.meeting_id == meeting_id,
            ServiceMention.question_key == question_key,
            col(ServiceMention.deleted).is_(False),
        )
    ).all()
    mentions = resolved_mentions(session_joins(session), list(mentions))
    services = {
        service.id: service
        for service in session.exec(
            select(Service).where(col(Service.id).in_({m.service_id for m in mentions}))
        ).all()
        if not service.deleted
    }
    rows = [
        MentionRow(
            mention_id=mention.id,
            service_id=mention.service_id,
            name=services[mention.service_id].name,
            status=services[mention.service_id].status,
            criticality=services[mention.service_id].criticality,
            remark=mention.remark,
        )
        for mention in mentions
        if mention.service_id in services
    ]
    return sorted(rows, key=lambda row: row.name.casefold())


# --- search, filters, sorting ---------------------------------------------------------------
