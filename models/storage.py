"""Opening, creating and migrating the SQLite file safely.

A file that is not ours (not SQLite, another application's database, damaged, or from a newer
innsikt) is recognised from its header bytes before SQLite touches it, so it is refused and left
byte-identical, without WAL or SHM files beside it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, event
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, SQLModel, create_engine

from models import migrations, paths, search_index, tables
from models.clock import HybridClock
from models.dbfile import (
    APPLICATION_ID,
    BUSY_TIMEOUT,
    SCHEMA_VERSION,
    inspect_file,
    refuse_unwritable,
)
from models.errors import DatabaseError

# The header rules live in models.dbfile, so that checking a file needs no SQLAlchemy.
from models.failures import failure_error
from models.note_save import set_pragmas
from models.paths import read_only_uri

# How long a command waits for another program's write lock before it says the file is locked.


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    set_pragmas(dbapi_connection)


def make_engine(path: Path, *, read_only: bool = False) -> Engine:
    """An engine on exactly `path`; `read_only` reads it without leaving -wal/-shm beside it."""
    from models import atrest  # an encrypted file connects through SQLCipher

    creator = atrest.creator(path)
    if creator is not None:
        engine = create_engine(URL.create("sqlite", database=str(path)), creator=creator)
        event.listen(engine, "connect", _set_pragmas)
        return engine
    connect_args: dict[str, object] = {"check_same_thread": False, "timeout": BUSY_TIMEOUT}
    if read_only:
        # The URI is built by models.paths, so «#» or «?» in the name stay part of the name.
        url = URL.create("sqlite", database=read_only_uri(path), query={"uri": "true"})
    else:
        url = URL.create("sqlite", database=str(path))
    engine = create_engine(url, connect_args=connect_args)
    event.listen(engine, "connect", _set_pragmas)
    return engine


@dataclass
class Database:
    """An open innsikt database: its engine, this device's id and clock."""

    path: Path
    engine: Engine
    device_id: str
    clock: HybridClock = field(default_factory=HybridClock)
    migrated_from: int | None = None
    backup_path: Path | None = None
    read_only: bool = False

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self, *, immediate: bool = False) -> Iterator[Session]:
        """A session committed on success and rolled back on any error.

        `immediate` takes the write lock before the first read, so that a read-then-write (a
        note's stamp check) is one step against other processes on the file: Python's sqlite3
        begins a transaction only at the first write, so without it another window's save can
        land between the read and the write and be overwritten unseen.
        """
        with self.session() as session:
            try:
                if immediate:
                    session.connection().exec_driver_sql("BEGIN IMMEDIATE")
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def stamp(self, session: Session) -> str:
        """A new clock stamp for a local edit, persisted with the edit's transaction."""
        value = self.clock.now()
        session.merge(tables.Meta(key="clock", value=value))
        return value

    def close(self) -> None:
        self.engine.dispose()


def _create_private_file(path: Path) -> None:
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def make_private(path: Path) -> None:
    """Owner-only permissions where the platform has them.

    Windows has no POSIX modes (chmod there only sets the read-only flag); there the file is
    private because it lives in the user's own profile folder (see docs/security.md).
    """
    if not paths.on_windows():
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)


def _initialise(path: Path) -> None:
    """Lay out a new, empty database at the current schema version."""
    import uuid

    engine = make_engine(path)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("PRAGMA journal_mode = WAL")
        SQLModel.metadata.create_all(engine)
        with engine.begin() as connection:
            search_index.install(connection.connection.driver_connection)
            connection.exec_driver_sql(
                "INSERT INTO meta (key, value) VALUES ('device_id', ?)", (str(uuid.uuid4()),)
            )
            connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            connection.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
    finally:
        engine.dispose()


def _create(path: Path) -> None:
    """A new database at `path` (absent or empty); on any failure the path is left as it was."""
    created = not path.exists()
    try:
        if created:
            _create_private_file(path)
        else:
            make_private(path)
        _initialise(path)
    except (OSError, sqlite3.Error, SQLAlchemyError) as error:
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        if created:
            path.unlink(missing_ok=True)
        elif path.exists():
            os.truncate(path, 0)
        raise failure_error(error, path) from error


@contextmanager
def undone_if_new(path: Path) -> Iterator[None]:
    """A command that may create the database at `path`: if it fails, the new file goes again.

    A refused merge or import changes nothing, and that includes not leaving behind an empty
    database (or the folders made for it) that was created only to be refused into.
    """
    path = Path(path).expanduser()
    missing_folders = []
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        missing_folders.append(folder)
        folder = folder.parent
    existed = path.exists() or path.is_symlink()
    try:
        yield
    except BaseException:
        if not existed:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            for made in missing_folders:  # innermost first; only if still empty
                with contextlib.suppress(OSError):
                    made.rmdir()
        raise


def _missing_tables(connection: Connection) -> list[str]:
    present = {row[0] for row in connection.exec_driver_sql("SELECT name FROM sqlite_master").all()}
    return [name for name in SQLModel.metadata.tables if name not in present]


def open_database(path: Path | str, *, create: bool = True, read_only: bool = False) -> Database:
    """Open (creating or migrating as needed) the innsikt database at `path`.

    `create=False` is for commands that only read: a missing database is refused with one line
    and nothing is created. `read_only` opens the file without writing to it (an older schema is
    still migrated, after a backup); otherwise a file that cannot be written is refused, since
    the app would fail at its first save.
    """
    from models import atrest

    path = Path(path).expanduser()
    header = atrest.inspect(path) if atrest.is_encrypted(path) else inspect_file(path)
    if header is None:
        if not create:
            key = "db_empty" if path.exists() else "db_missing"
            raise DatabaseError(key, path=path)
        _create(path)
    elif not read_only:
        refuse_unwritable(path)
    migrated_from = backup = None
    if header is not None and header.user_version < SCHEMA_VERSION:
        migrated_from = header.user_version
        backup = migrations.migrate(path, header.user_version)
    engine = make_engine(path, read_only=read_only)
    try:
        with engine.connect() as connection:
            version = connection.exec_driver_sql("PRAGMA user_version").scalar_one()
            if version != SCHEMA_VERSION:
                raise DatabaseError("db_newer", path=path, found=version, supported=SCHEMA_VERSION)
            missing = _missing_tables(connection)
            if missing:
                raise DatabaseError("db_incomplete", path=path, table=missing[0])
            rows = dict(connection.exec_driver_sql("SELECT key, value FROM meta").all())
    except DatabaseError:
        engine.dispose()
        raise
    except (sqlite3.Error, SQLAlchemyError) as error:
        engine.dispose()
        raise failure_error(error, path) from error
    if "device_id" not in rows:
        engine.dispose()
        raise DatabaseError("db_no_device", path=path)
    clock = HybridClock(last=rows.get("clock", HybridClock().last))
    return Database(
        path=path,
        engine=engine,
        device_id=rows["device_id"],
        clock=clock,
        migrated_from=migrated_from,
        backup_path=backup,
        read_only=read_only,
    )
