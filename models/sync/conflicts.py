"""Open conflicts left by merging: listing them side by side, and settling them.

Settling a conflict writes the chosen value as a new edit of the field and removes every open
conflict of that field. The new stamp is what carries the decision to other laptops: their copy
of the losing value was seen by this edit, so merging drops it there too.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from typing import Any

from sqlmodel import Session, col, select

from models import records
from models.clock import decode, is_stamp
from models.devices import device_names
from models.errors import InnsiktError
from models.joins import Joins, session_joins
from models.siblings import DELETED, annotation_of, is_hidden, python_value
from models.storage import Database
from models.tables import SYNCED_TABLES, Conflict, Synced
from models.text import t

MODELS: dict[str, type[Synced]] = {model.__tablename__: model for model in SYNCED_TABLES}  # type: ignore[misc]
LABEL_FIELDS = ("name", "title", "what", "remark", "text")


@dataclass(frozen=True)
class Side:
    """One of the two values of a conflict, with who wrote it and when."""

    value: str  # as shown to the user
    device: str  # the author last using the device that wrote it, or its id's start
    at: str  # local time, "YYYY-MM-DD HH:MM"


@dataclass(frozen=True)
class ConflictView:
    id: str
    table: str
    kind: str
    record_id: str
    label: str
    field: str
    mine: Side
    theirs: Side
    editable: bool  # a text field: an edited combination may be kept

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Resolution:
    view: ConflictView
    value: str
    also_closed: int


def stamp_text(stamp: str) -> str:
    if not is_stamp(stamp):
        return ""
    physical, _ = decode(stamp)
    moment = dt.datetime.fromtimestamp(physical / 1000, dt.UTC).astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def is_text_field(model: type[Synced], name: str) -> bool:
    return name != DELETED and annotation_of(model, name) is str


def shown(model: type[Synced], name: str, value: Any) -> str:
    """A value as the user reads it."""
    if name == DELETED:
        return t("conflict_deleted") if value else t("conflict_alive")
    if isinstance(value, bool):
        return t("yes") if value else t("no")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def record_label(record: Synced) -> str:
    """What the user knows the record by: a note by its author and question, else its name."""
    author, question = getattr(record, "author", None), getattr(record, "question_key", None)
    if author and question:
        return f"{author}, {question}"
    for name in LABEL_FIELDS:
        value = getattr(record, name, None)
        if isinstance(value, str) and value.strip():
            text = " ".join(value.split())
            return text if len(text) <= 60 else text[:59] + "…"
    return record.id[:8]


def who(device: str, names: dict[str, str]) -> str:
    """The author last using a device, or the start of its id."""
    return names.get(device) or device[:8]


def view_of(
    session: Session, conflict: Conflict, names: dict[str, str] | None = None
) -> ConflictView | None:
    model = MODELS.get(conflict.table_name)
    record = session.get(model, conflict.record_id) if model else None
    if model is None or record is None or conflict.field not in (*model.content_fields, DELETED):
        return None
    name = conflict.field
    names = device_names(session) if names is None else names
    theirs = python_value(model, name, json.loads(conflict.value))
    mine_stamp = record.clocks.get(name, record.hlc)
    return ConflictView(
        id=conflict.id,
        table=conflict.table_name,
        kind=t(f"kind_{conflict.table_name}"),
        record_id=record.id,
        label=record_label(record),
        field=name,
        mine=Side(
            value=shown(model, name, getattr(record, name)),
            device=who(record.field_devices.get(name, record.device_id), names),
            at=stamp_text(mine_stamp),
        ),
        theirs=Side(
            value=shown(model, name, theirs),
            device=who(conflict.value_device, names),
            at=stamp_text(conflict.value_hlc),
        ),
        editable=is_text_field(model, name),
    )


def list_conflicts(session: Session) -> list[ConflictView]:
    """Every open conflict whose record exists and whose value differs from the current one."""
    query = records.live(Conflict).order_by(
        col(Conflict.table_name),
        col(Conflict.record_id),
        col(Conflict.field),
        col(Conflict.value_hlc),
    )
    names = device_names(session)
    joins = session_joins(session)
    views = (
        view_of(session, conflict, names)
        for conflict in session.exec(query).all()
        if not _hidden(session, conflict, joins)
    )
    return [view for view in views if view is not None]


def _hidden(session: Session, conflict: Conflict, joins: Joins) -> bool:
    """A sibling with the current value (or a reference to the record the current one was
    joined into or from): kept for merging, nothing for the user to decide."""
    model = MODELS.get(conflict.table_name)
    record = session.get(model, conflict.record_id) if model else None
    if model is None or conflict.field not in (*model.content_fields, DELETED):
        return True  # not a field of ours (a file from elsewhere): nothing to show
    if record is None:
        return False
    current = getattr(record, conflict.field)
    return is_hidden(model, conflict, current, record) or joins.same(
        conflict.table_name, conflict.field, json.loads(conflict.value), current
    )


def resolve_conflict(db: Database, ref: str, keep: str) -> Resolution:
    """Settle a conflict: keep "mine" (the current value), "theirs", or the given text."""
    with db.transaction() as session:
        conflict = records.resolve(session, Conflict, ref, t("kind_conflict").lower())
        view = view_of(session, conflict)
        model = MODELS.get(conflict.table_name)
        record = session.get(model, conflict.record_id) if model else None
        if view is None or model is None or record is None:
            raise InnsiktError("conflict_gone")
        name = conflict.field
        if keep == "mine":
            value = getattr(record, name)
        elif keep == "theirs":
            value = python_value(model, name, json.loads(conflict.value))
        elif not keep:
            raise InnsiktError("conflict_bad_keep")
        elif not is_text_field(model, name):
            raise InnsiktError("conflict_not_text", field=name)
        else:
            value = keep
        siblings = session.exec(
            select(Conflict).where(
                Conflict.table_name == conflict.table_name,
                Conflict.record_id == conflict.record_id,
                Conflict.field == name,
            )
        ).all()
        current = getattr(record, name)
        shown_to_user = [
            sibling for sibling in siblings if not is_hidden(model, sibling, current, record)
        ]
        # The new edit has seen every sibling of the field: all of them are settled by it.
        for sibling in siblings:
            session.delete(sibling)
        session.flush()
        if current == value:
            records.touch(db, session, record, [name])
        else:
            records.update(db, session, record, **{name: value})
    return Resolution(
        view=view, value=shown(model, name, value), also_closed=max(len(shown_to_user) - 1, 0)
    )
