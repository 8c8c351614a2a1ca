"""The first bytes of a database file, read without dropping this process's SQLite locks.

POSIX drops every lock a process holds on a file when the process closes any descriptor of that
file. Closing one opened only to read the header would drop the locks of this process's open
SQLite connections (the app's note file, its database); the next process to open and close the
database would then take itself for the last one, checkpoint, and delete the -wal file this
process goes on writing into — every later note in no file. While a -wal or -shm is beside the
file (some connection has it open), the descriptor is therefore kept open and reused, as SQLite
itself keeps its own; it is closed once neither is there any more.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

_kept: dict[tuple[int, int], tuple[int, Path]] = {}  # (device, inode) → descriptor, path
_lock = threading.Lock()


def in_use(path: Path) -> bool:
    """Whether some connection may have the WAL database `path` open (a -wal or -shm is there)."""
    return any(os.path.exists(f"{path}{suffix}") for suffix in ("-wal", "-shm"))


def read_head(path: Path, size: int) -> bytes:
    """The first `size` bytes of `path` (fewer for a shorter file). Raises OSError."""
    with _lock:
        _close_unused()
    if os.name == "nt" or not in_use(path):  # no POSIX locks, or none that can be held
        with open(path, "rb") as handle:
            return handle.read(size)
    with _lock:
        status = os.stat(path)
        key = (status.st_dev, status.st_ino)
        if key not in _kept:
            descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
            opened = os.fstat(descriptor)
            key = (opened.st_dev, opened.st_ino)  # the file as opened, if it was just replaced
            # Just replaced by a file we already hold: this second descriptor must not be
            # closed either while that file is in use, so it is kept under a key of its own.
            key = (-1, descriptor) if key in _kept else key
            _kept[key] = (descriptor, Path(path))
        return os.pread(_kept[key][0], size, 0)


def _close_unused() -> None:
    """Close kept descriptors of files no connection has open any more (so none is leaked)."""
    for key, (descriptor, path) in list(_kept.items()):
        if not in_use(path):
            os.close(descriptor)
            del _kept[key]
