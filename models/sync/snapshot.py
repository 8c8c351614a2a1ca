"""A consistent copy of the database for handing over, taken while the app may be writing.

SQLite's backup API copies a consistent state even with another connection writing. The copy
gets its own device id, so that a laptop which starts from it never stamps edits with ours (the
author of ours is noted under our id, see `models.devices`), and it is switched to a rollback
journal so that it is one self-contained file.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import uuid
from pathlib import Path

from models import storage
from models.devices import name_own_device
from models.errors import DatabaseError, InnsiktError
from models.failures import classify
from models.paths import read_only_uri, replace_file
from models.storage import Database, failure_error, make_private


def _same_file(first: Path, second: Path) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def check_target(db: Database, target: Path, *, force: bool) -> None:
    """Refuse a folder, the database itself, an existing file without `force`, a missing folder."""
    if target.is_dir():
        raise DatabaseError("db_is_directory", path=target)
    if _same_file(target, db.path):
        raise InnsiktError("snapshot_self", path=target)
    if target.exists() and not force:
        raise InnsiktError("file_exists", path=target)
    if not target.parent.is_dir():
        raise InnsiktError("output_folder_missing", path=target.parent)


def write_snapshot(
    db: Database, target: Path, *, force: bool = False, plain_of_encrypted: bool = False
) -> Path:
    """Copy `db` to `target`; an existing file is replaced only with `force`, never the db.

    A plain copy of an encrypted database is only made on request (`plain_of_encrypted`), into
    the private folder whose file the caller then seals (`models.sealed.seal_written`).
    """
    from models import atrest

    target = target.expanduser()
    check_target(db, target, force=force)
    encrypted = atrest.is_encrypted(db.path)
    if encrypted and not plain_of_encrypted:
        raise InnsiktError("atrest_snapshot_plain")
    # Written beside the target and renamed into place: a failed copy leaves no half file.
    try:
        handle, partial_name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as error:
        raise failure_error(error, target) from error
    os.close(handle)
    partial = Path(partial_name)
    try:
        source = (
            atrest.connect(db.path)
            if encrypted
            else sqlite3.connect(read_only_uri(db.path), uri=True, timeout=storage.BUSY_TIMEOUT)
        )
        try:
            if encrypted:  # SQLCipher's backup API cannot change the key: export instead
                partial.unlink()
                atrest.export_plain(source, partial)
            destination = sqlite3.connect(partial)
            try:
                if not encrypted:
                    source.backup(destination)
                destination.execute("PRAGMA journal_mode = DELETE")
                with destination:
                    name_own_device(destination)
                    destination.execute(
                        "UPDATE meta SET value = ? WHERE key = 'device_id'", (str(uuid.uuid4()),)
                    )
            finally:
                destination.close()
        finally:
            source.close()
        make_private(partial)
        replace_file(partial, target)
    except (sqlite3.Error, OSError) as error:
        partial.unlink(missing_ok=True)
        # A lock is on the database; a full disk or read-only folder is where the copy goes.
        raise failure_error(error, db.path if classify(error) == "locked" else target) from error
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target
