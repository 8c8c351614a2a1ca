"""Paths the user names: only regular files are touched, and SQLite gets them as exact URIs.

A device node, a FIFO or a socket given as a database, archive, guide or merge source is refused
before anything opens it (opening a FIFO blocks forever; chmod on /dev/null as root breaks the
machine). A path is never pasted into an SQLite URI or an SQLAlchemy URL by hand: «#» and «?»
in a file name would be read as URI syntax, and a Windows path needs its drive letter kept.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath
from urllib.parse import quote

from models.errors import InnsiktError
from models.file_head import in_use, read_head


def on_windows() -> bool:
    """Whether POSIX-only paths (file modes, FIFOs) are absent; one place, so tests can say so."""
    return os.name == "nt"


def stat_regular(path: Path, *, directory_key: str = "db_is_directory") -> os.stat_result | None:
    """The status of the regular file `path` (symlinks followed), or None if it does not exist.

    Raises InnsiktError with one plain line for a folder (`directory_key`), anything that is not
    a regular file, a loop of symbolic links, or a path that cannot be looked at.
    """
    try:
        status = os.stat(path)
    except FileNotFoundError:
        if os.path.lexists(path):  # a symbolic link to nothing: creating it would fail oddly
            raise InnsiktError("failure_missing", path=path, file=path) from None
        return None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise InnsiktError("failure_loop", path=path, file=path) from error
        raise InnsiktError("db_unreadable", path=path, file=path, detail=error.strerror) from error
    except ValueError as error:  # a NUL byte in the name
        raise InnsiktError("failure_missing", path=path, file=path) from error
    if stat.S_ISDIR(status.st_mode):
        raise InnsiktError(directory_key, path=path, file=path)
    if not stat.S_ISREG(status.st_mode):
        raise InnsiktError("not_regular_file", path=path, file=path)
    return status


def is_wal_file(path: Path) -> bool:
    """Whether the SQLite file at `path` is in WAL mode (its header's read/write versions are 2)."""
    try:
        head = read_head(path, 20)
    except OSError:
        return False
    return len(head) == 20 and head[18] == 2 and head[19] == 2


def sqlite_uri(path: PurePath | str, **params: str) -> str:
    """An SQLite URI naming exactly `path` (any «#», «?» or «%» escaped, drive letters kept)."""
    text = str(path)
    pure: PurePath = PureWindowsPath(text) if on_windows() else PurePosixPath(text)
    posix = pure.as_posix()
    if pure.drive and not posix.startswith("/"):
        posix = "/" + posix  # file:///C:/Users/... (SQLite's form for a Windows drive)
    # An absolute path gets an empty authority («file://» + path); so does a UNC path
    # (\\server\share becomes file:////server/share). A relative one stays relative.
    authority = "//" if posix.startswith("/") else ""
    uri = "file:" + authority + quote(posix, safe="/:")
    if params:
        uri += "?" + "&".join(f"{key}={value}" for key, value in params.items())
    return uri


def read_only_uri(path: Path) -> str:
    """A URI that reads `path` and leaves no -wal or -shm file beside it.

    A WAL database that no process has open is read as immutable: SQLite then needs no shared
    memory file (which it would create, and a read-only connection could not remove). If another
    process has it open, its -wal and -shm are there already, and a plain read-only connection
    sees that process's committed writes.
    """
    # No -wal or -shm beside it: no process has it open (`models.file_head` on why that matters).
    if not in_use(path) and is_wal_file(path):
        return sqlite_uri(path, mode="ro", immutable="1")
    return sqlite_uri(path, mode="ro")


def _program_for(path: Path) -> str:
    from models.text import t

    suffix = path.suffix.lower()
    if suffix in (".docx", ".dotx", ".doc", ".md", ".txt"):
        return t("program_word")
    if suffix in (".xlsx", ".xls", ".csv"):
        return t("program_excel")
    return t("program_other")


def replace_file(temporary: Path | str, target: Path) -> None:
    """Rename `temporary` onto `target`, saying so plainly when another program holds `target`.

    On Windows a file open in Word or Excel cannot be replaced: os.replace raises
    PermissionError, which becomes «… Lukk filen i Word og prøv igjen.»
    """
    try:
        os.replace(temporary, target)
    except PermissionError as error:
        if target.exists() and not target.is_dir():
            raise InnsiktError("file_in_use", path=target, program=_program_for(target)) from error
        raise
