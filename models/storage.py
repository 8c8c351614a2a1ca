"""Opening, creating and migrating the SQLite file safely.

A file that is not ours (not SQLite, another application's database, damaged, or from a newer
innsikt) is recognised from its header bytes before SQLite touches it, so it is refused and left
byte-identical, without WAL or SHM files beside it.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, create_engine

from models import tables
from models.clock import HybridClock

# The header rules live in models.dbfile, so that checking a file needs no SQLAlchemy.
from models.dbfile import (  # noqa: F401  (re-exported: callers import them from here)
    APPLICATION_ID,
    SCHEMA_VERSION,
    SQLITE_MAGIC,
    Header,
    inspect_file,
    read_header,
)
from models.errors import DatabaseError


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    # FULL, not NORMAL: in WAL mode NORMAL already survives a killed process, but FULL also
    # syncs the WAL on every commit, so a note survives a power cut or a dead laptop battery.
    # The cost is one fsync per autosave, a few milliseconds, invisible while typing.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.close()


def make_engine(path: Path) -> Engine:
    from models import atrest  # privacy: an encrypted file connects through SQLCipher

    creator = atrest.creator(path)
    if creator is not None:
        engine = create_engine(f"sqlite:///{path}", creator=creator)
        event.listen(engine, "connect", _set_pragmas)
        return engine
    engine = create_engine(
        f"sqlite:///{path}", connect_args={"check_same_thread": False, "timeout": 5}
    )
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

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session committed on success and rolled back on any error."""
        with self.session() as session:
            try:
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


def _initialise(path: Path) -> None:
    """Lay out a new, empty database at the current schema version."""
    import uuid

    engine = make_engine(path)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("PRAGMA journal_mode = WAL")
        SQLModel.metadata.create_all(engine)
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO meta (key, value) VALUES ('device_id', ?)", (str(uuid.uuid4()),)
            )
            connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            connection.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
    finally:
        engine.dispose()


def open_database(path: Path | str, *, create: bool = True) -> Database:
    """Open (creating or migrating as needed) the innsikt database at `path`."""
    from models import atrest, migrations

    path = Path(path).expanduser()
    header = atrest.inspect(path) if atrest.is_encrypted(path) else inspect_file(path)
    if header is None:
        if not create:
            raise DatabaseError("db_unreadable", path=path, detail="filen finnes ikke")
        if not path.exists():
            _create_private_file(path)
        else:
            os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
        _initialise(path)
    migrated_from = backup = None
    if header is not None and header.user_version < SCHEMA_VERSION:
        migrated_from = header.user_version
        backup = migrations.migrate(path, header.user_version)
    engine = make_engine(path)
    try:
        with engine.connect() as connection:
            version = connection.exec_driver_sql("PRAGMA user_version").scalar_one()
            if version != SCHEMA_VERSION:
                raise DatabaseError("db_newer", path=path, found=version, supported=SCHEMA_VERSION)
            rows = dict(connection.exec_driver_sql("SELECT key, value FROM meta").all())
    except sqlite3.DatabaseError as error:
        engine.dispose()
        raise DatabaseError("db_corrupt", path=path, detail=str(error)) from error
    except Exception as error:
        engine.dispose()
        original = getattr(error, "orig", None)
        if isinstance(original, sqlite3.DatabaseError):
            raise DatabaseError("db_corrupt", path=path, detail=str(original)) from error
        raise
    clock = HybridClock(last=rows.get("clock", HybridClock().last))
    return Database(
        path=path,
        engine=engine,
        device_id=rows["device_id"],
        clock=clock,
        migrated_from=migrated_from,
        backup_path=backup,
    )
