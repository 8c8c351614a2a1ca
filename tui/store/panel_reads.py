"""The capture screen's side panels' reads: one kept read-only connection, and what it read last.

A panel reads its rows again each time its question is shown. Opening a connection for that,
and SQLite parsing the schema again on it, cost more than the read; so the capture screen keeps
one connection for its panels (opened on first use, on a worker thread, used by one thread at a
time). A read asked again while no other connection committed anything to the file since
(`PRAGMA data_version` on this one) gives the rows it gave: paging past a panel reads nothing.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

RowsT = TypeVar("RowsT")


class PanelReads:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path).expanduser()
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        self._version: int | None = None
        self._read: dict[tuple[object, ...], Any] = {}
        self.reads = 0  # reads that went to the file (the rest were as read before)

    def read(self, reader: Callable[..., RowsT], *args: object) -> RowsT:
        """`reader(connection, *args)`, in one read transaction, or its last result if nothing
        was committed to the file since."""
        from models.failures import failure_error

        with self._lock:
            try:
                connection = self._connect()
                (version,) = connection.execute("PRAGMA data_version").fetchone()
                if version != self._version:
                    self._read.clear()
                    self._version = version
                key = (reader, *args)
                if key not in self._read:
                    self.reads += 1
                    connection.execute("BEGIN")
                    try:
                        self._read[key] = reader(connection, *args)
                    finally:
                        connection.execute("COMMIT")
                return self._read[key]
            except sqlite3.Error as error:
                self._close()
                raise failure_error(error, self.path) from error

    def kept(self, reader: Callable[..., RowsT], *args: object) -> RowsT | None:
        """What `read` gave for these arguments, if nothing was committed to the file since;
        else (or while a read is running on another thread) None. Asks SQLite only for the
        file's version: cheap enough for the UI thread, so that a panel shown again needs no
        worker thread to find its rows unchanged."""
        if not self._lock.acquire(blocking=False):
            return None
        try:
            connection = self._connection
            if connection is None or self._version is None:
                return None
            (version,) = connection.execute("PRAGMA data_version").fetchone()
            if version != self._version:
                return None  # `read` empties what it kept
            return self._read.get((reader, *args))
        except sqlite3.Error:
            return None  # `read`, on the worker, says what is wrong
        finally:
            self._lock.release()

    def close(self) -> None:
        with self._lock:
            self._close()

    def _connect(self) -> sqlite3.Connection:
        if self._connection is None:
            from models import atrest
            from models.dbfile import BUSY_TIMEOUT
            from models.paths import read_only_uri

            if atrest.is_encrypted(self.path):
                connection = atrest.connect(
                    self.path, timeout=BUSY_TIMEOUT, check_same_thread=False
                )
            else:
                connection = sqlite3.connect(
                    read_only_uri(self.path),
                    uri=True,
                    timeout=BUSY_TIMEOUT,
                    check_same_thread=False,
                )
            connection.isolation_level = None  # BEGIN and COMMIT are ours
            self._connection = connection
        return self._connection

    def _close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
            self._version = None
            self._read.clear()
