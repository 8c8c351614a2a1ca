"""The files a merge reads: checked, and made into an SQLite file of the current schema.

A snapshot of the current schema is attached read-only as it is. An older snapshot is copied
(SQLite backup API) into a temporary folder and migrated there; a JSON archive is validated and
loaded into a temporary database. The user's files are never written to.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from models import storage
from models.dbfile import SCHEMA_VERSION, inspect_file
from models.errors import DatabaseError, InnsiktError
from models.failures import failure_error
from models.identity import REKEYED_IN, rekey_rows
from models.paths import read_only_uri, stat_regular
from models.sealed import Passphrase, SealedError, is_sealed, unseal


@dataclass(frozen=True)
class Source:
    """A file to merge: what the user named, and the SQLite file that holds its records."""

    path: Path
    sqlite_path: Path

    def uri(self) -> str:
        """Read-only, and leaving no -wal/-shm beside a source no other program has open."""
        return read_only_uri(self.sqlite_path)


def is_archive(path: Path) -> bool:
    """JSON archives are told by their first non-blank byte, whatever the file is called."""
    with path.open("rb") as handle:
        head = handle.read(64).removeprefix(b"\xef\xbb\xbf").lstrip()  # a BOM, then blanks
    return head.startswith(b"{")


def refuse_unreadable(path: Path) -> None:
    """Refuse a source that is missing, a folder, or not a regular file (a FIFO would block)."""
    if stat_regular(path.expanduser()) is None:
        raise InnsiktError("merge_missing", path=path)


def _same_file(first: Path, second: Path) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def _copy(source_path: Path, target: Path) -> None:
    source = sqlite3.connect(read_only_uri(source_path), uri=True, timeout=storage.BUSY_TIMEOUT)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()


def _from_sqlite(path: Path, folder: Path, index: int) -> Path:
    header = inspect_file(path)
    if header is None:
        raise InnsiktError("merge_empty", path=path)
    if header.user_version == SCHEMA_VERSION:
        return path
    from models.migrations import migrate

    copy = folder / f"older-{index}.sqlite"
    try:
        _copy(path, copy)
        migrate(copy, header.user_version)
    except sqlite3.Error as error:
        raise failure_error(error, path) from error
    return copy


def _from_archive(path: Path, folder: Path, index: int) -> Path:
    """The archive's records in a fresh database (foreign keys are checked when merged)."""
    from models.archive import read_archive
    from models.storage import open_database
    from models.tables import SQLModel

    archive = read_archive(path)
    if archive.meta.schema_version < REKEYED_IN:  # as the migration does a file of that version
        rekey_rows(archive.rows)
    target = folder / f"archive-{index}.sqlite"
    db = open_database(target)
    try:
        with db.engine.begin() as connection:
            connection.exec_driver_sql("PRAGMA foreign_keys = OFF")
        with db.engine.begin() as connection:
            for name, rows in archive.rows.items():
                if rows:
                    connection.execute(SQLModel.metadata.tables[name].insert(), rows)
    finally:
        db.close()
    return target


def _check_readable(source: Source) -> None:
    """Damage beyond the header shows when SQLite reads the file; say so before merging."""
    try:
        connection = sqlite3.connect(source.uri(), uri=True, timeout=storage.BUSY_TIMEOUT)
        try:
            result = connection.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error as error:
        # Locked by another program is not damaged: say which it is.
        raise failure_error(error, source.path) from error
    if result != "ok":
        raise DatabaseError("db_corrupt", path=source.path, detail=result)


@contextmanager
def prepared_sources(
    paths: list[Path], database: Path, passphrase: Passphrase | None = None
) -> Iterator[list[Source]]:
    """Every file checked and readable as the current schema; refuses the first bad one.

    A sealed (encrypted) file is decrypted into the temporary folder, which only its owner can
    open (mkdtemp makes it 0700) and which is removed afterwards, also on error.
    """
    with tempfile.TemporaryDirectory(prefix="innsikt-merge-") as folder_name:
        folder = Path(folder_name)
        sources: list[Source] = []
        for index, path in enumerate(paths):
            path = path.expanduser()
            refuse_unreadable(path)
            if _same_file(path, database):
                raise InnsiktError("merge_self", path=path)
            user_path = path
            if is_sealed(path):
                if passphrase is None:
                    raise SealedError("sealed_needs_passphrase", path=path)
                plain = folder / f"unsealed-{index}"
                unseal(path, plain, passphrase(path))
                path = plain
            try:
                archive = is_archive(path)
            except OSError as error:
                raise DatabaseError("db_unreadable", path=path, detail=error.strerror) from error
            if archive:
                sqlite_path = _from_archive(path, folder, index)
            else:
                sqlite_path = _from_sqlite(path, folder, index)
            source = Source(user_path, sqlite_path)
            _check_readable(source)
            sources.append(source)
        yield sources
