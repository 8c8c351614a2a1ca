"""A session's reads for a document, without the merge's bookkeeping columns of each record."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import ORMExecuteState
    from sqlmodel import Session

# Kept for the merge, never shown in a document: per-field stamps, devices and version vectors
# (JSON, decoded into a dict per record: 50 of the 112 MB a 366-meeting report's records took),
# a note's text base (a second copy of its text) and the record's own stamp and device.
BOOKKEEPING = ("clocks", "field_devices", "seen", "text_base", "hlc", "device_id", "updated_at")


def _lean(state: ORMExecuteState) -> None:
    """Leave BOOKKEEPING unloaded in every whole-record select of a synced table; reading one
    of those attributes then raises instead of querying again for each record."""
    from sqlalchemy.orm import defer

    from models.tables import Synced

    if not state.is_select or state.is_column_load or state.is_relationship_load:
        return
    options: list[Any] = []
    for description in state.statement.column_descriptions:
        entity = description.get("entity")
        if entity is None or description.get("expr") is not entity:
            continue
        if isinstance(entity, type) and issubclass(entity, Synced):
            options += [
                defer(getattr(entity, name), raiseload=True)
                for name in BOOKKEEPING
                if hasattr(entity, name)
            ]
    if options:
        state.statement = state.statement.options(*options)


def lean_reads(session: Session) -> Session:
    """`session`, its records read from now on without their bookkeeping (for documents, which
    only read)."""
    from sqlalchemy import event

    event.listen(session, "do_orm_execute", _lean)
    return session
