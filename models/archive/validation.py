"""Reading an archive and validating all of it before anything touches a database."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.archive.format import (
    ALWAYS_ARCHIVED,
    DATE_PATTERN,
    FORMAT,
    FORMAT_VERSION,
    SQLITE_INT,
    TOP_FIELDS,
    Column,
    Shape,
    TableSpec,
    table_specs,
)
from models.clock import ZERO, is_stamp
from models.dbfile import SCHEMA_VERSION
from models.errors import ArchiveError, InnsiktError
from models.paths import stat_regular
from models.text import t


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


def read_sealed_or_plain(path: Path | str, passphrase: Any = None) -> Archive:
    """`read_archive`, decrypting a sealed archive into a private temporary folder first.

    `passphrase(path)` is asked for a sealed one (`models.sealed`).
    """
    from models.sealed import opened

    with opened(Path(path).expanduser(), passphrase) as plain:
        archive = read_archive(plain)
    archive.path = Path(path)
    return archive
