"""Encryption at rest: the database as an SQLCipher file, opened with the user's passphrase.

SQLCipher (through the `sqlcipher3` binding, whose wheels bundle it) encrypts every page; the header is encrypted too, so an encrypted database is recognised by a
small sidecar file `<db>.innsikt-encrypted` beside it (no secrets in it) and then by its
passphrase. `models.storage` asks this module for a connection creator; every other plain
`sqlite3.connect` of a database file goes through `connect` here.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from models.dbfile import SQLITE_MAGIC, Header
from models.errors import DatabaseError
from models.file_head import read_head

TYPE_CHECKING = False  # typing is not imported at run time: `innsikt check` reads this module
if TYPE_CHECKING:
    from typing import Any

SIDECAR_SUFFIX = ".innsikt-encrypted"
_passphrases: dict[str, str] = {}
_lock = threading.Lock()


def sidecar(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


def is_encrypted(path: Path) -> bool:
    """An encrypted innsikt database: its sidecar is there and its header is not plain SQLite."""
    if not sidecar(path).exists() or not path.exists():
        return False
    return not read_head(path, 16).startswith(SQLITE_MAGIC)  # keeps this process's locks


def remember(path: Path, passphrase: str) -> None:
    with _lock:
        _passphrases[str(Path(path).expanduser().resolve())] = passphrase


def forget(path: Path) -> None:
    with _lock:
        _passphrases.pop(str(Path(path).expanduser().resolve()), None)


def passphrase_of(path: Path) -> str | None:
    with _lock:
        return _passphrases.get(str(Path(path).expanduser().resolve()))


def _module() -> Any:
    try:
        from sqlcipher3 import dbapi2
    except ImportError as error:
        raise DatabaseError("atrest_no_binding") from error
    return dbapi2


def _quote(passphrase: str) -> str:
    return "'" + passphrase.replace("'", "''") + "'"


def open_encrypted(path: Path, passphrase: str, **kwargs: Any) -> Any:
    """An SQLCipher connection to `path`, keyed and checked; a wrong passphrase is refused."""
    dbapi = _module()
    connection = dbapi.connect(str(path), **kwargs)
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")  # no log lines on stderr
        connection.execute(f"PRAGMA key = {_quote(passphrase)}")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except dbapi.DatabaseError as error:
        connection.close()
        raise DatabaseError("atrest_wrong_passphrase", path=path) from error
    return connection


def connect(path: Path, **kwargs: Any) -> Any:
    """A connection to the database file `path`, encrypted or not."""
    if is_encrypted(path):
        passphrase = passphrase_of(path)
        if passphrase is None:
            raise DatabaseError("atrest_needs_passphrase", path=path)
        return open_encrypted(path, passphrase, **kwargs)
    return sqlite3.connect(path, **kwargs)


def creator(path: Path) -> Callable[[], Any] | None:
    """For `models.storage.make_engine`: how to connect to an encrypted file, or None."""
    if not is_encrypted(path):
        return None
    passphrase = passphrase_of(path)
    if passphrase is None:
        raise DatabaseError("atrest_needs_passphrase", path=path)
    return lambda: open_encrypted(path, passphrase, check_same_thread=False, timeout=5)


def inspect(path: Path) -> Header:
    """The header facts of an encrypted database (read through SQLCipher)."""
    connection = connect(path)
    try:
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
        user_version = connection.execute("PRAGMA user_version").fetchone()[0]
    finally:
        connection.close()
    return Header(application_id=application_id, user_version=user_version)


def attach_plain(connection: Any, schema: str, uri: str) -> None:
    """ATTACH a plain file to a connection that may be encrypted (SQLCipher needs `KEY ''`)."""
    if type(connection).__module__.startswith("sqlcipher3"):
        connection.execute(f"ATTACH DATABASE ? AS {schema} KEY ''", (uri,))
    else:
        connection.execute(f"ATTACH DATABASE ? AS {schema}", (uri,))


def _export(source: Any, target: Path, key: str, facts: tuple[int, int]) -> None:
    """Copy every table of the open `source` into the new file `target` under `key`."""
    source.execute(f"ATTACH DATABASE ? AS converted KEY {_quote(key)}", (str(target),))
    source.execute("SELECT sqlcipher_export('converted')").fetchall()
    source.execute(f"PRAGMA converted.application_id = {int(facts[0])}")
    source.execute(f"PRAGMA converted.user_version = {int(facts[1])}")
    source.execute("DETACH DATABASE converted")


def export_plain(source: Any, target: Path) -> None:
    """A plain copy of the open encrypted database `source` at the new file `target`."""
    facts = (
        source.execute("PRAGMA application_id").fetchone()[0],
        source.execute("PRAGMA user_version").fetchone()[0],
    )
    _export(source, target, "", facts)


def _convert(path: Path, passphrase: str, *, encrypt: bool) -> Path:
    """Rewrite the database at `path` encrypted (or plain); returns the backup's path."""
    dbapi = _module()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    partial = path.with_name(f".{path.name}.converting")
    partial.unlink(missing_ok=True)
    if encrypt:
        source = dbapi.connect(str(path))
        source.execute("PRAGMA cipher_log_level = NONE")
    else:
        source = open_encrypted(path, passphrase)
    try:
        source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        facts = (
            source.execute("PRAGMA application_id").fetchone()[0],
            source.execute("PRAGMA user_version").fetchone()[0],
        )
        # The backup holds what the file held: an encrypted file stays encrypted in its backup,
        # and a plain one is sealed with the new passphrase (models.sealed), never left plain.
        backup = path.with_name(f"{path.name}.bak-{'plain' if encrypt else 'encrypted'}-{stamp}")
        if encrypt:
            from models.sealed import seal

            backup = backup.with_name(backup.name + ".sealed")
            seal(path, backup, passphrase)
        else:
            import shutil

            shutil.copyfile(path, backup)
            backup.chmod(0o600)
        fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        _export(source, partial, passphrase if encrypt else "", facts)
    except BaseException:
        source.close()
        partial.unlink(missing_ok=True)
        raise
    source.close()
    check = (
        open_encrypted(partial, passphrase) if encrypt else sqlite3.connect(partial)
    )  # the new file is whole before it replaces the old
    try:
        check.execute("PRAGMA journal_mode = WAL")
        if check.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise DatabaseError("db_corrupt", path=partial, detail="quick_check")
    finally:
        check.close()
    if encrypt:
        sidecar(path).write_text(
            json.dumps(
                {"format": "innsikt-encrypted-database", "version": 1, "cipher": "sqlcipher4"}
            )
            + "\n",
            encoding="utf-8",
        )
        sidecar(path).chmod(0o600)
    os.replace(partial, path)
    for extra in ("-wal", "-shm"):
        path.with_name(path.name + extra).unlink(missing_ok=True)
    if not encrypt:
        sidecar(path).unlink(missing_ok=True)
    return backup


def encrypt_database(path: Path, passphrase: str) -> Path:
    """Convert the plain database at `path` in place; returns the (sealed) backup's path."""
    if is_encrypted(path):
        raise DatabaseError("atrest_already", path=path)
    if not passphrase:
        raise DatabaseError("sealed_empty_passphrase")
    backup = _convert(path, passphrase, encrypt=True)
    remember(path, passphrase)
    return backup


def decrypt_database(path: Path, passphrase: str) -> Path:
    """Convert the encrypted database at `path` back to a plain one; returns the backup's path."""
    if not is_encrypted(path):
        raise DatabaseError("atrest_not_encrypted", path=path)
    return _convert(path, passphrase, encrypt=False)
