"""The service catalogue's records: their fields checked and cleaned, saved and loaded.

Links to meetings are in `models.mentions`; search, filters and sorting in `models.service_search`.
Every write goes through `models.records` so that it carries the clock stamps that merging
relies on. Follow-up items live in `models.followups`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, select

from models.errors import InnsiktError
from models.queries import organisation_names
from models.records import create, update
from models.service_fields import SERVICE_LISTS
from models.storage import Database
from models.tables import (
    CRITICALITIES,
    CRITICALITY_ASSESSMENTS,
    NODNETT_DEPENDENCIES,
    SERVICE_STATUSES,
    Organisation,
    Service,
    ServiceMention,
)

SERVICES_GUIDE = "mobile-tjenester"
NAME_MAX = 200
LINE_MAX = 2_000
# C0 controls and DEL become their visible "control picture" (␀, ␇, ␡), as in the notes editor,
# so nothing pasted vanishes and nothing invisible reaches a Word export; C1 controls become �.
_VISIBLE = {code: chr(0x2400 + code) for code in range(0x20)} | {0x7F: "\u2421"}
_VISIBLE |= dict.fromkeys(range(0x80, 0xA0), "\ufffd")
_BLOCK_TABLE = {code: char for code, char in _VISIBLE.items() if code not in (0x09, 0x0A)}

# Fields with a fixed list of values; an empty string means "not recorded yet".
SERVICE_CHOICES: dict[str, tuple[str, ...]] = {
    "status": SERVICE_STATUSES,
    "criticality": CRITICALITIES,
    "criticality_assessment": CRITICALITY_ASSESSMENTS,
    "nodnett_dependency": NODNETT_DEPENDENCIES,
}
SERVICE_BLOCKS = ("description", "new_nodnett_relevance", "plans", "fallback")


class ValidationError(InnsiktError):
    """A service or follow-up value that cannot be saved; says which field and why."""

    def __init__(self, message_key: str, /, *, field: str, **params: object) -> None:
        self.field = field
        super().__init__(message_key, **params)


# --- text hygiene ---------------------------------------------------------------------------


def clean_text(text: str, *, multiline: bool = False) -> str:
    """`text` with control characters made visible and outer blanks stripped.

    A single-line field turns line breaks and tabs into spaces, so a pasted paragraph stays
    readable instead of being refused.
    """
    text = unicodedata.normalize("NFC", text)
    if multiline:
        return text.replace("\r\n", "\n").replace("\r", "\n").translate(_BLOCK_TABLE).strip()
    return re.sub(r"[\r\n\t]+", " ", text).translate(_VISIBLE).strip()


# --- vocabulary -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceVocabulary:
    """The choice lists of the multi-valued service fields, taken from the services guide."""

    user_groups: tuple[str, ...]
    equipment: tuple[str, ...]
    connectivity: tuple[str, ...]
    regions: tuple[str, ...]


def service_vocabulary() -> ServiceVocabulary:
    """User groups (A3), equipment (C2), connectivity (C3) and regions (A1) of the guide."""
    from models.guides import find_guide

    guide = find_guide(SERVICES_GUIDE)

    def choices(key: str) -> tuple[str, ...]:
        question = guide.question(key)
        return question.choices if question else ()

    owner_question = guide.question("A1")
    regions = owner_question.choice_regions.values() if owner_question else ()
    return ServiceVocabulary(
        user_groups=choices("A3"),
        equipment=choices("C2"),
        connectivity=choices("C3"),
        regions=tuple(dict.fromkeys(regions)),
    )


def organisation_options(session: Session) -> list[tuple[str, str]]:
    """(name, id) of every live organisation, by name."""
    names = organisation_names(session)
    return sorted(((name, org_id) for org_id, name in names.items()), key=lambda o: o[0].casefold())


# --- services: validation and writes --------------------------------------------------------


def clean_service_fields(
    session: Session, fields: dict[str, Any], current: Service | None = None
) -> dict[str, Any]:
    """Validated, cleaned service fields; raises ValidationError naming the bad field.

    A value `current` already holds (from an import or a merge) is kept as it is, even if it
    is not one of today's choices: editing another field must not force the user to change it.
    """
    unknown = set(fields) - set(Service.content_fields)
    if unknown:
        raise ValidationError("service_unknown_field", field=min(unknown), name=min(unknown))
    cleaned: dict[str, Any] = {}
    for name, value in fields.items():
        if name in SERVICE_LISTS:
            items = [clean_text(str(item)) for item in value or []]
            cleaned[name] = list(dict.fromkeys(item for item in items if item))
        elif name == "owner_id":
            if value and session.get(Organisation, value) is None:
                raise ValidationError("service_unknown_owner", field=name)
            cleaned[name] = value or None
        else:
            text = clean_text(str(value or ""), multiline=name in SERVICE_BLOCKS)
            if current is not None and text == getattr(current, name):
                cleaned[name] = text
                continue
            if name in SERVICE_CHOICES and text and text not in SERVICE_CHOICES[name]:
                allowed = ", ".join(SERVICE_CHOICES[name])
                raise ValidationError("service_bad_choice", field=name, value=text, allowed=allowed)
            if name not in SERVICE_BLOCKS and len(text) > LINE_MAX:
                raise ValidationError("text_too_long", field=name, limit=LINE_MAX)
            cleaned[name] = text
    name = cleaned.get("name", "")
    if not name:
        raise ValidationError("service_name_required", field="name")
    if len(name) > NAME_MAX and (current is None or name != current.name):
        raise ValidationError("service_name_too_long", field="name", limit=NAME_MAX)
    return cleaned


def save_service(
    db: Database,
    fields: dict[str, Any],
    *,
    service_id: str | None = None,
    meeting_id: str | None = None,
    question_key: str | None = None,
) -> str:
    """Create (or, with `service_id`, update) a service; link it to a meeting when given.

    One transaction: the service and its link are saved together or not at all.
    """
    with db.transaction() as session:
        if service_id is None:
            cleaned = clean_service_fields(session, fields)
            service = create(db, session, Service, **cleaned)
        else:
            service = load_service(session, service_id)
            cleaned = clean_service_fields(session, {"name": service.name, **fields}, service)
            update(db, session, service, **cleaned)
        if meeting_id is not None:
            link_in_session(db, session, service.id, meeting_id, question_key or "")
    return service.id


def load_service(session: Session, service_id: str) -> Service:
    """The live service `service_id`; raises InnsiktError when it is gone."""
    service = session.get(Service, service_id)
    if service is None or service.deleted:
        raise InnsiktError("not_found", kind="tjeneste", ref=service_id[:8])
    return service


def link_in_session(
    db: Database, session: Session, service_id: str, meeting_id: str, question_key: str
) -> ServiceMention:
    """Link the service to the meeting's question within `session`; returns the mention."""
    # The unique constraint covers tombstoned rows too, so an unlinked mention is revived.
    mention = session.exec(
        select(ServiceMention).where(
            ServiceMention.service_id == service_id,
            ServiceMention.meeting_id == meeting_id,
            ServiceMention.question_key == question_key,
        )
    ).first()
    if mention is None:
        return create(
            db,
            session,
            ServiceMention,
            service_id=service_id,
            meeting_id=meeting_id,
            question_key=question_key,
        )
    update(db, session, mention, deleted=False)
    return mention
