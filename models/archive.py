"""The JSON archive: the whole database as one documented, versioned file that imports again.

The format is described in docs/archive-format.md. The columns of every table come from
`models.tables.SYNCED_TABLES`, so a table added there is archived without changes here.
`read_archive` validates a whole file before anything touches a database; `import_archive`
applies it in one transaction, so a bad archive changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
import types
import typing
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, UniqueConstraint, bindparam, select
from sqlalchemy.exc import IntegrityError

from models import tables
from models.clock import ZERO, is_stamp
from models.dbfile import SCHEMA_VERSION
from models.errors import ArchiveError, InnsiktError
from models.failures import write_failure_key
from models.paths import replace_file, stat_regular
from models.storage import Database
from models.text import t

FORMAT = "innsikt-arkiv"
FORMAT_VERSION = 1
TOP_FIELDS = ("format", "format_version", "schema_version", "exported_at", "device_id", "tables")
SQLITE_INT = (-(2**63), 2**63 - 1)
DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")
# Enough for any real archive, small enough that SQLite's bound-variable limit is never near.
LOOKUP_CHUNK = 500


# --- the shape of every column, read from the SQLModel tables ----------------------------------


@dataclass(frozen=True)
class Shape:
    """What a JSON value must look like: a scalar kind, or a list/dict of an item shape."""

    kind: str  # text, int, float, bool, date, datetime, json, list, dict
    item: Shape | None = None

    def expected(self) -> str:
        if self.item is not None:
            return t(f"archive_expect_{self.kind}_of", item=self.item.expected())
        return t(f"archive_expect_{self.kind}")


SCALAR_KINDS: dict[Any, str] = {
    str: "text",
    int: "int",
    float: "float",
    bool: "bool",
    dt.date: "date",
    dt.datetime: "datetime",
    Any: "json",
}


def shape_of(annotation: Any) -> tuple[Shape, bool]:
    """The shape of a field annotation and whether it may be null."""
    nullable = False
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        nullable = len(options) < len(typing.get_args(annotation))
        if len(options) != 1:
            raise TypeError(f"the archive cannot hold a union {annotation!r}")
        annotation = options[0]
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is list and len(args) == 1:
        return Shape("list", shape_of(args[0])[0]), nullable
    if origin is dict and len(args) == 2 and args[0] is str:
        return Shape("dict", shape_of(args[1])[0]), nullable
    if annotation in SCALAR_KINDS:
        return Shape(SCALAR_KINDS[annotation]), nullable
    raise TypeError(f"the archive cannot hold {annotation!r}")


# Columns every synced record has, with rules beyond their Python type.
SYNCED_RULES = {
    "id": "uuid",
    "created_at": "timestamp",
    "updated_at": "timestamp",
    "hlc": "stamp",
    "device_id": "uuid_or_empty",
    "clocks": "clocks",
}


@dataclass(frozen=True)
class Column:
    name: str
    shape: Shape
    nullable: bool
    rule: str | None  # one of SYNCED_RULES' values, or "uuid" for a foreign key
    target: tuple[str, str] | None  # (table, column) a foreign key points to
    has_default: bool  # an archive of an older schema may lack it (a migration added it)


@dataclass(frozen=True)
class TableSpec:
    name: str
    model: type[tables.Synced]
    table: Table
    columns: dict[str, Column]
    unique: tuple[tuple[str, ...], ...]


def table_spec(model: type[tables.Synced]) -> TableSpec:
    table: Table = model.__table__  # type: ignore[attr-defined]
    columns: dict[str, Column] = {}
    for column in table.columns:
        shape, nullable = shape_of(model.model_fields[column.name].annotation)
        foreign = next(iter(column.foreign_keys), None)
        target = (foreign.column.table.name, foreign.column.name) if foreign else None
        rule = SYNCED_RULES.get(column.name) or ("uuid" if target else None)
        nullable = nullable and bool(column.nullable)
        # Columns added by a migration carry a server default; the original ones (id, …) do not.
        has_default = column.server_default is not None
        columns[column.name] = Column(column.name, shape, nullable, rule, target, has_default)
    unique = [
        tuple(column.name for column in constraint.columns)
        for constraint in table.constraints
        if isinstance(constraint, UniqueConstraint)
    ]
    unique += [
        tuple(column.name for column in index.columns) for index in table.indexes if index.unique
    ]
    return TableSpec(table.name, model, table, columns, tuple(sorted(set(unique))))


@cache
def table_specs() -> tuple[TableSpec, ...]:
    """Every archived table, parents before children (the order of SYNCED_TABLES)."""
    return tuple(table_spec(model) for model in tables.SYNCED_TABLES)


# --- writing --------------------------------------------------------------------------------------


def to_json(shape: Shape, value: Any) -> Any:
    """A column value as JSON; dict keys sorted so that equal content gives equal bytes."""
    if value is None:
        return None
    if shape.kind in ("date", "datetime"):
        return value.isoformat()
    if shape.kind == "list" and shape.item is not None:
        return [to_json(shape.item, item) for item in value]
    if shape.kind == "dict" and shape.item is not None:
        return {key: to_json(shape.item, value[key]) for key in sorted(value)}
    return value


def archive_document(db: Database) -> dict[str, Any]:
    """The whole database as the archive's JSON object."""
    specs = table_specs()
    content: dict[str, list[dict[str, Any]]] = {}
    with db.engine.connect() as connection:
        # One read transaction: a note saved by the app meanwhile is in all tables or in none.
        connection.exec_driver_sql("BEGIN")
        try:
            for spec in specs:
                result = connection.execute(select(spec.table).order_by(spec.table.c.id))
                content[spec.name] = [
                    {
                        name: to_json(column.shape, row[name])
                        for name, column in spec.columns.items()
                    }
                    for row in result.mappings()
                ]
        finally:
            connection.rollback()
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_version": SCHEMA_VERSION,
        "exported_at": tables.utc_now(),
        "device_id": db.device_id,
        "tables": content,
    }


def write_archive(db: Database, path: Path | str) -> Path:
    """Write the archive of `db` to `path` through a temporary file, so never half a file."""
    path = Path(path)
    data = (json.dumps(archive_document(db), ensure_ascii=False, indent=2) + "\n").encode()
    try:
        # mkstemp creates the file 0600: the archive holds personal data, like the database.
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as error:
        key = write_failure_key(error) or "archive_write_failed"
        raise ArchiveError(key, path=path, detail=error.strerror) from error
    try:
        with os.fdopen(handle, "wb") as output:
            output.write(data)
            output.flush()
            os.fsync(output.fileno())
        replace_file(temporary, path)
    except InnsiktError:
        Path(temporary).unlink(missing_ok=True)
        raise
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        key = write_failure_key(error) or "archive_write_failed"
        raise ArchiveError(key, path=path, detail=error.strerror) from error
    return path


# --- reading and validating -------------------------------------------------------------------------


class JsonObject(dict[str, Any]):
    """A parsed JSON object that remembers a key it saw twice (json keeps only the last)."""

    duplicate: str | None = None

    @classmethod
    def from_pairs(cls, pairs: list[tuple[str, Any]]) -> JsonObject:
        made = cls(pairs)
        if len(made) < len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    made.duplicate = key
                    break
                seen.add(key)
        return made


class ConstantFound(ValueError):
    pass


def reject_constant(name: str) -> Any:
    raise ConstantFound(name)


def load_json(path: Path) -> Any:
    try:
        if stat_regular(path, directory_key="archive_is_directory") is None:
            raise ArchiveError("archive_missing", path=path)
    except ArchiveError:
        raise
    except InnsiktError as error:  # a FIFO (which would block) or a device: never opened
        raise ArchiveError(error.message_key, **error.params) from error
    try:
        raw = path.read_bytes()
    except FileNotFoundError as error:
        raise ArchiveError("archive_missing", path=path) from error
    except OSError as error:
        raise ArchiveError("archive_unreadable", path=path, detail=error.strerror) from error
    file = path.name
    if not raw.strip():
        raise ArchiveError("archive_empty", file=file)
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ArchiveError("archive_not_utf8", file=file, line=line) from error
    try:
        return json.loads(
            text, object_pairs_hook=JsonObject.from_pairs, parse_constant=reject_constant
        )
    except json.JSONDecodeError as error:
        # A string left open always runs to the end: JSON strings cannot hold a raw line break.
        if error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string"):
            line = text.rstrip().count("\n") + 1
            raise ArchiveError("archive_truncated", file=file, line=line) from error
        raise ArchiveError(
            "archive_not_json", file=file, line=error.lineno, column=error.colno
        ) from error
    except ConstantFound as error:
        raise ArchiveError("archive_nan", file=file, value=str(error)) from error
    except RecursionError as error:
        raise ArchiveError("archive_too_deep", file=file) from error


SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate(value: Any) -> str | None:
    """The first lone surrogate in any string (or key) within `value`, or None."""
    if isinstance(value, str):
        found = SURROGATE.search(value)
        return found.group() if found else None
    if isinstance(value, dict):
        items: list[Any] = [*value.keys(), *value.values()]
    elif isinstance(value, list):
        items = value
    else:
        return None
    return next((lone for item in items if (lone := lone_surrogate(item)) is not None), None)


def shown(value: Any) -> str:
    """A found value for a message: JSON, on one line, short."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def is_uuid(value: str) -> bool:
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


def is_timestamp(value: str) -> bool:
    try:
        return dt.datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False


@dataclass(frozen=True)
class Reference:
    """A foreign key that points outside the archive; the database must hold its target."""

    where: str
    table: str
    column: str
    target_id: str


@dataclass(frozen=True)
class ArchiveMeta:
    format_version: int
    schema_version: int
    exported_at: str
    device_id: str


@dataclass
class Archive:
    """A validated archive: its facts and every table's records as Python values."""

    path: Path
    meta: ArchiveMeta
    rows: dict[str, list[dict[str, Any]]]  # table name → records in file order
    references: list[Reference] = field(default_factory=list)

    def where(self, table: str, index: int) -> str:
        return f"tables.{table}[{index}]"

    def max_hlc(self) -> str:
        return max((row["hlc"] for rows in self.rows.values() for row in rows), default=ZERO)


class Reader:
    """Validates one parsed archive document; every error names the file and the JSON path."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.file = path.name

    def fail(self, message_key: str, /, **params: Any) -> ArchiveError:
        return ArchiveError(message_key, file=self.file, **params)

    def wrong(self, where: str, expected: str, value: Any) -> ArchiveError:
        return self.fail("archive_type", where=where, expected=expected, found=shown(value))

    def object(self, value: Any, where: str) -> JsonObject:
        if not isinstance(value, dict):
            raise self.wrong(where, t("archive_expect_object"), value)
        if getattr(value, "duplicate", None) is not None:
            raise self.fail("archive_duplicate_key", where=where, key=value.duplicate)
        return value  # type: ignore[return-value]

    def fields(
        self, value: JsonObject, where: str, names: tuple[str, ...], optional: frozenset[str]
    ) -> None:
        """Unknown fields first, then missing ones, each named."""
        for name in value:
            if name not in names:
                raise self.fail("archive_unknown_field", where=where, field=name)
        for name in names:
            if name not in value and name not in optional:
                raise self.fail("archive_missing_field", where=where, field=name)

    def value(self, shape: Shape, value: Any, where: str) -> Any:
        """`value` converted to the Python type of `shape`, or an error naming `where`."""
        kind = shape.kind
        if kind == "text" and isinstance(value, str):
            return value
        if kind == "bool" and isinstance(value, bool):
            return value
        is_int = isinstance(value, int) and not isinstance(value, bool)
        if kind in ("int", "float") and is_int and SQLITE_INT[0] <= value <= SQLITE_INT[1]:
            return value if kind == "int" else float(value)
        if kind == "float" and isinstance(value, float):
            return value
        if kind == "date" and isinstance(value, str) and DATE_PATTERN.fullmatch(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        if kind == "datetime" and isinstance(value, str):
            try:
                return dt.datetime.fromisoformat(value)
            except ValueError:
                pass
        if kind == "list" and isinstance(value, list) and shape.item is not None:
            return [self.value(shape.item, item, f"{where}[{i}]") for i, item in enumerate(value)]
        if kind == "dict" and isinstance(value, dict) and shape.item is not None:
            checked = self.object(value, where)
            return {
                key: self.value(shape.item, item, f"{where}.{key}") for key, item in checked.items()
            }
        if kind == "json":
            self.no_duplicates(value, where)
            return value
        raise self.wrong(where, shape.expected(), value)

    def no_duplicates(self, value: Any, where: str) -> None:
        if isinstance(value, dict):
            self.object(value, where)
            for key, item in value.items():
                self.no_duplicates(item, f"{where}.{key}")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self.no_duplicates(item, f"{where}[{index}]")

    def column(self, spec: TableSpec, column: Column, value: Any, where: str) -> Any:
        if value is None:
            if column.nullable:
                return None
            expected = column.shape.expected()
            raise self.wrong(where, expected, value)
        converted = self.value(column.shape, value, where)
        rule = column.rule
        if rule == "uuid" and not is_uuid(converted):
            raise self.wrong(where, t("archive_expect_uuid"), value)
        if rule == "uuid_or_empty" and converted and not is_uuid(converted):
            raise self.wrong(where, t("archive_expect_uuid_or_empty"), value)
        if rule == "timestamp" and not is_timestamp(converted):
            raise self.wrong(where, t("archive_expect_timestamp"), value)
        if rule == "stamp" and converted and not is_stamp(converted):
            raise self.wrong(where, t("archive_expect_stamp"), value)
        if rule == "clocks":
            for name, stamp in converted.items():
                if name not in spec.columns:
                    raise self.wrong(f"{where}.{name}", t("archive_expect_clock_field"), name)
                if not is_stamp(stamp):
                    raise self.wrong(f"{where}.{name}", t("archive_expect_stamp"), stamp)
        lone = lone_surrogate(converted)
        if lone is not None:
            # JSON may spell half a character («\ud83d»); SQLite and every export cannot store it.
            raise self.fail("archive_surrogate", where=where, value=f"\\u{ord(lone):04x}")
        return converted

    def meta(self, document: Any) -> tuple[ArchiveMeta, JsonObject]:
        top = self.object(document, t("archive_top"))
        if top.get("format") != FORMAT:
            raise self.fail("archive_wrong_format", found=shown(top.get("format")))
        version = top.get("format_version")
        if "format_version" not in top:
            raise self.fail("archive_missing_field", where=t("archive_top"), field="format_version")
        if not isinstance(version, int) or isinstance(version, bool):
            raise self.wrong("format_version", t("archive_expect_int"), version)
        if version != FORMAT_VERSION:
            raise self.fail("archive_format_version", found=version, supported=FORMAT_VERSION)
        self.fields(top, t("archive_top"), TOP_FIELDS, frozenset())
        schema = top["schema_version"]
        if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
            raise self.wrong("schema_version", t("archive_expect_schema"), schema)
        if schema > SCHEMA_VERSION:
            raise self.fail("archive_newer_schema", found=schema, supported=SCHEMA_VERSION)
        exported_at = top["exported_at"]
        if not isinstance(exported_at, str) or not is_timestamp(exported_at):
            raise self.wrong("exported_at", t("archive_expect_timestamp"), exported_at)
        device_id = top["device_id"]
        if not isinstance(device_id, str) or not is_uuid(device_id):
            raise self.wrong("device_id", t("archive_expect_uuid"), device_id)
        content = self.object(top["tables"], "tables")
        return ArchiveMeta(version, schema, exported_at, device_id), content

    def read(self, document: Any) -> Archive:
        meta, content = self.meta(document)
        specs = table_specs()
        known = {spec.name for spec in specs}
        for name in content:
            if name not in known:
                raise self.fail("archive_unknown_table", table=name, known=", ".join(sorted(known)))
        archive = Archive(self.path, meta, {})
        for spec in specs:
            if spec.name not in content:
                # An archive from an older schema lacks the tables added since; a current one may not.
                if meta.schema_version == SCHEMA_VERSION:
                    raise self.fail("archive_missing_field", where="tables", field=spec.name)
                archive.rows[spec.name] = []
                continue
            archive.rows[spec.name] = self.records(spec, content[spec.name], archive)
        self.check_links(specs, archive)
        return archive

    def records(self, spec: TableSpec, value: Any, archive: Archive) -> list[dict[str, Any]]:
        if not isinstance(value, list):
            raise self.wrong(f"tables.{spec.name}", t("archive_expect_list"), value)
        records = []
        seen: dict[str, int] = {}
        # A column added to the schema after the archive was written takes its default.
        older = archive.meta.schema_version < SCHEMA_VERSION
        optional = frozenset(
            name
            for name, c in spec.columns.items()
            if older and c.has_default and name not in ALWAYS_ARCHIVED
        )
        for index, record in enumerate(value):
            where = archive.where(spec.name, index)
            checked = self.object(record, where)
            self.fields(checked, where, tuple(spec.columns), optional)
            row = {
                name: self.column(spec, column, checked[name], f"{where}.{name}")
                if name in checked
                else spec.model.model_fields[name].get_default(call_default_factory=True)
                for name, column in spec.columns.items()
            }
            if row["id"] in seen:
                other = archive.where(spec.name, seen[row["id"]])
                raise self.fail("archive_duplicate_id", where=where, id=row["id"], other=other)
            seen[row["id"]] = index
            records.append(row)
        return records

    def check_links(self, specs: tuple[TableSpec, ...], archive: Archive) -> None:
        """Unique keys inside the archive, and foreign keys to records outside it."""
        ids = {name: {row["id"] for row in rows} for name, rows in archive.rows.items()}
        for spec in specs:
            rows = archive.rows[spec.name]
            for fields in spec.unique:
                seen: dict[tuple[Any, ...], int] = {}
                for index, row in enumerate(rows):
                    key = tuple(row[name] for name in fields)
                    if None in key:
                        continue  # SQL's UNIQUE lets NULLs differ
                    if key in seen:
                        raise self.fail(
                            "archive_unique",
                            where=archive.where(spec.name, index),
                            fields=", ".join(fields),
                            other=archive.where(spec.name, seen[key]),
                        )
                    seen[key] = index
            for name, column in spec.columns.items():
                if column.target is None:
                    continue
                table, target_column = column.target
                for index, row in enumerate(rows):
                    target = row[name]
                    inside = target_column == "id" and target in ids.get(table, ())
                    if target is not None and not inside:
                        where = f"{archive.where(spec.name, index)}.{name}"
                        archive.references.append(Reference(where, table, target_column, target))


def read_archive(path: Path | str) -> Archive:
    """The archive at `path`, validated completely; ArchiveError names the first problem."""
    path = Path(path)
    return Reader(path).read(load_json(path))


# --- importing --------------------------------------------------------------------------------------


@dataclass
class ImportSummary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0  # the same or an older version of a record the database holds
    future: list[Any] = field(default_factory=list)  # models.future.FutureStamps


@dataclass
class TablePlan:
    spec: TableSpec
    inserts: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    updates: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    unchanged: int = 0


# Columns every archive of every schema version has held: an older archive may lack only others.
ALWAYS_ARCHIVED = frozenset(
    ("id", "created_at", "updated_at", "hlc", "device_id", "clocks", "deleted")
)


def chunks(values: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(values), LOOKUP_CHUNK):
        yield values[start : start + LOOKUP_CHUNK]


def check_references(archive: Archive, connection: Connection) -> None:
    """Every foreign key leaving the archive must find its record in the database."""
    by_table: dict[tuple[str, str], list[Reference]] = {}
    for reference in archive.references:
        by_table.setdefault((reference.table, reference.column), []).append(reference)
    for (table_name, column_name), references in by_table.items():
        column = tables.SQLModel.metadata.tables[table_name].c[column_name]
        wanted = sorted({reference.target_id for reference in references})
        found: set[str] = set()
        for part in chunks(wanted):
            found.update(connection.execute(select(column).where(column.in_(part))).scalars())
        for reference in references:
            if reference.target_id not in found:
                raise ArchiveError(
                    "archive_dangling",
                    file=archive.path.name,
                    where=reference.where,
                    table=table_name,
                    id=reference.target_id,
                )


def plan_table(spec: TableSpec, rows: list[dict[str, Any]], connection: Connection) -> TablePlan:
    """Which records to insert, which replace the database's (a newer hlc, then device id)."""
    table = spec.table
    existing: dict[str, tuple[str, str]] = {}
    seen: dict[str, dict[str, str]] = {}
    for part in chunks([row["id"] for row in rows]):
        query = select(table.c.id, table.c.hlc, table.c.device_id, table.c.seen).where(
            table.c.id.in_(part)
        )
        for id_, hlc, device, seen_here in connection.execute(query):
            existing[id_] = (hlc, device)
            seen[id_] = seen_here or {}
    plan = TablePlan(spec)
    for index, row in enumerate(rows):
        current = existing.get(row["id"])
        if current is None:
            plan.inserts.append((index, row))
        elif (row["hlc"], row["device_id"]) > current:
            _refuse_dropping_local_edits(spec, index, row, seen[row["id"]])
            plan.updates.append((index, row))
        else:
            plan.unchanged += 1
    return plan


def _refuse_dropping_local_edits(
    spec: TableSpec, index: int, row: dict[str, Any], seen_here: dict[str, str]
) -> None:
    """Replacing a record is only safe when the archive's copy has seen every local edit.

    Otherwise edits made here since the archive was written would vanish: that is a merge, with
    conflicts kept, and `innsikt merge` does it.
    """
    seen_there = row.get("seen") or {}
    for device, stamp in seen_here.items():
        if seen_there.get(device, "") < stamp:
            raise ArchiveError("archive_would_drop", where=f"tables.{spec.name}[{index}]")


def check_unique(archive: Archive, plan: TablePlan, connection: Connection) -> None:
    """The records after the import must not clash with the database's on a unique key."""
    spec = plan.spec
    applied = plan.updates + plan.inserts
    if not spec.unique or not applied:
        return
    names = sorted({name for fields in spec.unique for name in fields})
    query = select(spec.table.c.id, *(spec.table.c[name] for name in names))
    stored = {row.id: row._mapping for row in connection.execute(query)}
    incoming = {row["id"]: index for index, row in applied}
    for fields in spec.unique:
        owner: dict[tuple[Any, ...], str] = {}
        for id_, values in stored.items():
            key = tuple(values[name] for name in fields)
            if id_ not in incoming and None not in key:
                owner[key] = id_
        for index, row in applied:
            key = tuple(row[name] for name in fields)
            if None not in key and key in owner:
                raise ArchiveError(
                    "archive_unique",
                    file=archive.path.name,
                    where=archive.where(spec.name, index),
                    fields=", ".join(fields),
                    other=t("archive_in_database", id=owner[key]),
                )


def apply_plan(plan: TablePlan, connection: Connection) -> None:
    table = plan.spec.table
    if plan.updates:
        # Updates before inserts: a record moving off a unique key frees it for a new one.
        statement = table.update().where(table.c.id == bindparam("match_id"))
        values = [{"match_id": row["id"], **row} for _, row in plan.updates]
        connection.execute(statement, values)
    if plan.inserts:
        connection.execute(table.insert(), [row for _, row in plan.inserts])


def read_sealed_or_plain(path: Path | str, passphrase: Any = None) -> Archive:
    """`read_archive`, decrypting a sealed archive into a private temporary folder first.

    `passphrase(path)` is asked for a sealed one (`models.sealed`).
    """
    from models.sealed import opened

    with opened(Path(path).expanduser(), passphrase) as plain:
        archive = read_archive(plain)
    archive.path = Path(path)
    return archive


def import_archive(
    db: Database, path: Path | str, *, archive: Archive | None = None, passphrase: Any = None
) -> ImportSummary:
    """Read and apply the archive at `path` in one transaction; a bad one changes nothing.

    `archive` is the archive read already (the CLI reads it before it opens, or creates, the
    database); otherwise it is read here, `passphrase(path)` asked for a sealed one.
    """
    archive = archive if archive is not None else read_sealed_or_plain(path, passphrase)
    summary = ImportSummary()
    clock_before = db.clock.last
    try:
        with db.transaction() as session:
            connection = session.connection()
            # Take the write lock now, so that what is checked below is what is written to.
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            check_references(archive, connection)
            for spec in table_specs():
                plan = plan_table(spec, archive.rows[spec.name], connection)
                check_unique(archive, plan, connection)
                apply_plan(plan, connection)
                summary.added += len(plan.inserts)
                summary.updated += len(plan.updates)
                summary.unchanged += plan.unchanged
            # Erasures (ours and the archive's) apply to every record the archive brought.
            from models.erasure import load_keys, scrub_database

            raw = connection.connection.driver_connection
            scrub_database(raw, load_keys(raw))
            # A bad clock elsewhere must not move ours past tomorrow (models.future).
            from models.future import FutureStamps, capped, limit, shown

            latest, ceiling = archive.max_hlc(), limit(db.clock.wall())
            if latest > ceiling:
                late = sum(row["hlc"] > ceiling for rows in archive.rows.values() for row in rows)
                summary.future.append(FutureStamps(str(path), late, shown(latest)))
            db.clock.observe(capped(latest, db.clock.wall()))
            if db.clock.last != clock_before:
                session.merge(tables.Meta(key="clock", value=db.clock.last))
    except IntegrityError as error:
        db.clock.last = clock_before
        raise ArchiveError("archive_rejected", file=archive.path.name, detail=error.orig) from error
    except BaseException:
        db.clock.last = clock_before
        raise
    return summary
