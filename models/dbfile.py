"""Recognising an innsikt database from its header bytes, without SQLite or SQLAlchemy.

Kept apart from `models.storage` so that `innsikt` can refuse a bad file before the TUI starts
without paying for importing SQLAlchemy first; `models.storage` re-exports every name here.
"""

from __future__ import annotations

import os
from pathlib import Path

from models.errors import DatabaseError, InnsiktError
from models.file_head import read_head
from models.paths import stat_regular
from models.text import t

APPLICATION_ID = 0x696E736B  # "insk" in the SQLite header: marks the file as ours.
SCHEMA_VERSION = 10
BUSY_TIMEOUT = 5.0  # seconds a connection waits for another program's lock
SQLITE_MAGIC = b"SQLite format 3\x00"


class Header:
    """The two numbers of a SQLite header innsikt reads. (A plain class: `innsikt check` reads
    this module, and importing dataclasses with the inspect module would cost it a fifth.)"""

    __slots__ = ("application_id", "user_version")

    def __init__(self, *, application_id: int, user_version: int) -> None:
        self.application_id = application_id
        self.user_version = user_version

    def __repr__(self) -> str:
        return f"Header(application_id={self.application_id}, user_version={self.user_version})"


def read_header(path: Path) -> Header | None:
    """The SQLite header of `path`, or None for an empty file. Raises for anything not SQLite."""
    head = read_head(path, 100)  # never open() and close() it: `models.file_head` says why
    if not head:
        return None
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        raise DatabaseError("db_not_sqlite", path=path)
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(head[28:32], "big")
    if page_size < 512 or page_size & (page_size - 1):
        raise DatabaseError("db_corrupt", path=path, detail=t("db_detail_page_size"))
    if page_count and path.stat().st_size < page_size * page_count:
        raise DatabaseError("db_corrupt", path=path, detail=t("db_detail_truncated"))
    return Header(
        application_id=int.from_bytes(head[68:72], "big"),
        user_version=int.from_bytes(head[60:64], "big"),
    )


def inspect_file(path: Path) -> Header | None:
    """Refuse a path that is not a usable innsikt database; None for a new or empty file.

    Only a regular file is opened at all: a device node, FIFO or loop of links is refused first.
    """
    try:
        if stat_regular(path) is None:
            return None
    except InnsiktError as error:
        raise DatabaseError(error.message_key, **error.params) from error
    try:
        header = read_header(path)
    except OSError as error:
        raise DatabaseError("db_unreadable", path=path, detail=error.strerror) from error
    if header is None:
        return None
    if header.application_id != APPLICATION_ID:
        raise DatabaseError("db_foreign", path=path)
    if header.user_version > SCHEMA_VERSION:
        raise DatabaseError(
            "db_newer", path=path, found=header.user_version, supported=SCHEMA_VERSION
        )
    if header.user_version < 1:
        raise DatabaseError("db_foreign", path=path)
    return header


def refuse_unwritable(path: Path) -> None:
    """Refuse an existing database the app could not save to: read-only file or folder.

    Without this the app would open it and fail at the first keystroke's autosave.
    """
    if not os.access(path, os.W_OK):
        raise DatabaseError("db_read_only", path=path)
    if not os.access(path.parent, os.W_OK | os.X_OK):
        # WAL needs its -wal and -shm files beside the database.
        raise DatabaseError("db_folder_read_only", path=path, folder=path.parent)
