"""The other values a field holds after merging (rows of `conflict`), seen from a local edit.

A merge keeps every concurrent write of a field as a sibling: the current value, plus the others
as `conflict` rows. A sibling whose value equals the current value is *hidden*: nothing for the
user to decide, but its write is kept so that merging stays order-independent. A local edit of the
field replaces the current value knowingly, and with it those hidden siblings (they held the same
value); differing siblings stay open until the user resolves them. Any edit of a record also
replaces the hidden "not deleted" siblings, and a deletion replaces every sibling of `deleted`.
"""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
from collections.abc import Iterable
from typing import Any

from sqlalchemy import JSON
from sqlmodel import Session, select

from models.tables import Conflict, Synced

DELETED = "deleted"


def annotation_of(model: type[Synced], name: str) -> Any:
    """A field's type, without `| None`."""
    annotation = model.model_fields[name].annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        annotation = next(arg for arg in typing.get_args(annotation) if arg is not type(None))
    return annotation


def python_value(model: type[Synced], name: str, raw: Any) -> Any:
    """A raw SQLite value (as a conflict stores it) as the model's attribute value."""
    if name == DELETED:
        return bool(raw)
    if raw is None:
        return None
    column = model.__table__.columns[name]  # type: ignore[attr-defined]
    if isinstance(column.type, JSON):
        return json.loads(raw) if isinstance(raw, str) else raw
    annotation = annotation_of(model, name)
    if annotation is dt.date:
        return dt.date.fromisoformat(raw)
    if annotation is bool:
        return bool(raw)
    return raw


def is_hidden(
    model: type[Synced], conflict: Conflict, current: Any, record: Synced | None = None
) -> bool:
    """Whether a sibling holds the field's current value, or the current value is the merge of
    every sibling (`models.sync.text_merge`): nothing to decide."""
    if record is not None and merged_into_current(record, conflict.field):
        return True
    return python_value(model, conflict.field, json.loads(conflict.value)) == current


def merged_into_current(record: Synced, name: str) -> bool:
    """Whether the record's current value of `name` is a text merged from its siblings."""
    from models.sync.state import DERIVED

    return record.field_devices.get(name, "").startswith(DERIVED)


def settle_siblings(
    session: Session, record: Synced, replaced: dict[str, Any], merged: Iterable[str] = ()
) -> None:
    """After a local edit: drop the siblings it replaced. `replaced`: field → its old value;
    `merged`: fields whose old value was a merge of all their siblings (all replaced with it)."""
    merged = set(merged)
    model = type(record)
    siblings = session.exec(
        select(Conflict).where(
            Conflict.table_name == model.__tablename__, Conflict.record_id == record.id
        )
    ).all()
    for sibling in siblings:
        name = sibling.field
        if name == DELETED and record.deleted and DELETED in replaced:
            session.delete(sibling)  # a deletion settles every sibling of `deleted`
        elif name == DELETED and not record.deleted and is_hidden(model, sibling, False):
            session.delete(sibling)  # any edit says again "not deleted"
        elif name in merged or (name in replaced and is_hidden(model, sibling, replaced[name])):
            session.delete(sibling)
