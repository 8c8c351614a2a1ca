"""Creating, changing and deleting records so that every change carries its clock stamps.

Every write in the app goes through these functions: they set `hlc`, `device_id`,
`updated_at` and the per-field `clocks` that merging depends on.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlmodel import Session, col, func, select

from models.clock import ZERO
from models.errors import NotFoundError
from models.identity import DERIVED_KEYS, free_derived_id
from models.siblings import settle_siblings
from models.storage import Database
from models.tables import Answer, Note, Synced, utc_now

RecordT = TypeVar("RecordT", bound=Synced)


def _note_bases(db: Database, record: Synced, old: dict[str, Any]) -> list[str]:
    """Before stamping: record the text each merged-as-text field is edited from (`old`: field →
    its value before the edit). Returns the fields whose old value was a merge of siblings."""
    from models.sync.state import Value, is_derived
    from models.sync.text_merge import BASE_COLUMNS, decode_base, encode_base, next_base

    merged = []
    for name, column in BASE_COLUMNS.get(record.__tablename__, {}).items():  # type: ignore[attr-defined]
        if name not in old:
            continue
        dot = (record.clocks.get(name, ""), record.field_devices.get(name, ""))
        if dot[0] == ZERO:
            dot = ("", "")
        before = Value(dot, old[name], decode_base(getattr(record, column)))
        setattr(record, column, encode_base(next_base(before, db.device_id)))
        if is_derived(dot):
            merged.append(name)
    return merged


def _stamp_fields(db: Database, session: Session, record: Synced, names: list[str]) -> None:
    stamp = db.stamp(session)
    record.hlc = stamp
    record.device_id = db.device_id
    record.updated_at = utc_now()
    record.clocks = {**record.clocks, **dict.fromkeys(names, stamp)}
    # Merge bookkeeping: who wrote each field, and that this copy has seen its own latest edit.
    record.field_devices = {**record.field_devices, **dict.fromkeys(names, db.device_id)}
    record.seen = {**record.seen, db.device_id: stamp}


def create(db: Database, session: Session, model: type[RecordT], **fields: Any) -> RecordT:
    """A new record of `model`, added to `session` (the caller commits)."""
    record = model(**fields)
    _note_bases(db, record, {name: "" for name in model.content_fields})
    table = model.__tablename__
    if "id" not in fields and table in DERIVED_KEYS:  # two laptops name the same thing alike
        key = tuple(getattr(record, name) for name in DERIVED_KEYS[table])
        record.id = free_derived_id(table, key, lambda id_: session.get(model, id_) is not None)
    _stamp_fields(db, session, record, list(model.content_fields))
    # A field left empty at creation was never written: it gets the zero stamp and no device, so
    # that when the same organisation is registered on two laptops, the region one of them
    # filled in meets no conflict with the other's blank.
    unset = [name for name in model.content_fields if getattr(record, name) in ("", None, [])]
    record.clocks = {**record.clocks, **dict.fromkeys(unset, ZERO)}
    record.field_devices = {**record.field_devices, **dict.fromkeys(unset, "")}
    session.add(record)
    return record


def update(db: Database, session: Session, record: Synced, **changes: Any) -> list[str]:
    """Apply `changes` to `record`; stamps only the fields whose value changed."""
    changed = [name for name, value in changes.items() if getattr(record, name) != value]
    if not changed:
        return []
    if set(changed) & set(DERIVED_KEYS.get(record.__tablename__, ())):  # type: ignore[attr-defined]
        move_to_key(db, session, record, changes)
        return changed
    replaced = {name: getattr(record, name) for name in changed}
    merged = _note_bases(db, record, replaced)
    for name in changed:
        setattr(record, name, changes[name])
    _stamp_fields(db, session, record, changed)
    session.add(record)
    settle_siblings(session, record, replaced, merged)
    return changed


def move_to_key(db: Database, session: Session, record: Synced, changes: dict[str, Any]) -> Synced:
    """An association record whose key is edited (a participation's role, a mention moved to
    the service it was joined into): the record of the new key is made, or brought back, with
    the record's other fields, and the old one tombstoned. So a record's key never changes and
    its id stays the one derived from it (`models.identity`); returns the record of the new key.
    """
    model = type(record)
    table = model.__tablename__
    names = DERIVED_KEYS[table]
    fields = {name: changes.get(name, getattr(record, name)) for name in model.content_fields}
    deleted = changes.get("deleted", record.deleted)
    found = select(model).where(*(getattr(model, name) == fields[name] for name in names))
    target = session.exec(found).first()
    if target is None:
        target = create(db, session, model, **fields)
        if deleted:
            delete(db, session, target)
    else:
        others = {name: value for name, value in fields.items() if name not in names}
        update(db, session, target, deleted=deleted, **others)
    delete(db, session, record)
    return target


def touch(db: Database, session: Session, record: Synced, names: list[str]) -> None:
    """Stamp `names` as written now without changing them (a conflict settled for the current
    value: the new stamp tells every laptop that the other values were seen and set aside)."""
    _note_bases(db, record, {name: getattr(record, name) for name in names})
    _stamp_fields(db, session, record, names)
    session.add(record)


def delete(db: Database, session: Session, record: Synced) -> None:
    """Tombstone `record`: it stays in the file so that the deletion can be merged."""
    if not record.deleted:
        record.deleted = True
        _stamp_fields(db, session, record, ["deleted"])
        session.add(record)
        settle_siblings(session, record, {"deleted": False})


def save_note(db: Database, meeting_id: str, question_key: str, author: str, text: str) -> Note:
    """Write one author's note on one question in its own transaction (the autosave path)."""
    with db.transaction() as session:
        note = session.exec(
            select(Note).where(
                Note.meeting_id == meeting_id,
                Note.question_key == question_key,
                Note.author == author,
            )
        ).first()
        if note is None:
            note = create(
                db,
                session,
                Note,
                meeting_id=meeting_id,
                question_key=question_key,
                author=author,
                text=text,
            )
        else:
            update(db, session, note, text=text, deleted=False)
    return note


def answer_for(session: Session, meeting_id: str, question_key: str, author: str) -> Answer | None:
    return session.exec(
        select(Answer).where(
            Answer.meeting_id == meeting_id,
            Answer.question_key == question_key,
            Answer.author == author,
        )
    ).first()


def live(model: type[RecordT]) -> Any:
    """A select of the records of `model` that are not tombstoned."""
    return select(model).where(col(model.deleted).is_(False))


def resolve(session: Session, model: type[RecordT], ref: str, kind: str) -> RecordT:
    """The one live record whose id is `ref` or starts with it."""
    ref = ref.strip()
    if not ref:
        raise NotFoundError("not_found", kind=kind, ref=ref)
    exact = session.get(model, ref)
    if exact is not None and not exact.deleted:
        return exact
    # Literally: LIKE (SQLAlchemy's startswith) would read «_» and «%» as wildcards and ignore case.
    prefix = func.substr(col(model.id), 1, len(ref)) == ref
    matches = session.exec(live(model).where(prefix).limit(6)).all()
    if not matches:
        raise NotFoundError("not_found", kind=kind, ref=ref)
    if len(matches) > 1:
        shown = ", ".join(match.id[:8] for match in matches[:5])
        raise NotFoundError("ambiguous", kind=kind, ref=ref, matches=shown)
    return matches[0]
