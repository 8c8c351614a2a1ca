"""Writing the archive: the whole database as one JSON file, written through a temporary file."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import select

from models import tables
from models.archive.format import FORMAT, FORMAT_VERSION, Shape, table_specs
from models.dbfile import SCHEMA_VERSION
from models.errors import ArchiveError, InnsiktError
from models.failures import write_failure_key
from models.paths import replace_file
from models.storage import Database


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
