"""What really went wrong with a file or database: a reason key and one plain catalogue line.

SQLAlchemy wraps the sqlite3 error (`.orig`), and our own errors chain the original
(`__cause__`); `classify` walks that chain to the first sqlite3 or OS error and reads its error
code, so that a locked, full or read-only database is never reported as a damaged one. No SQL,
SQLAlchemy text or library URL ever reaches `describe`'s line.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from models.errors import DatabaseError
from models.text import t

# The reasons `classify` returns; each has a catalogue line «failure_<reason>».
REASONS = (
    "locked",
    "disk_full",
    "read_only",
    "permission",
    "damaged",
    "cant_open",
    "io",
    "missing",
    "loop",
    "other",
)

# SQLite's primary result codes (the low byte of an extended code).
_SQLITE_REASONS = {
    3: "permission",  # SQLITE_PERM
    5: "locked",  # SQLITE_BUSY
    6: "locked",  # SQLITE_LOCKED
    8: "read_only",  # SQLITE_READONLY
    10: "io",  # SQLITE_IOERR
    11: "damaged",  # SQLITE_CORRUPT
    13: "disk_full",  # SQLITE_FULL
    14: "cant_open",  # SQLITE_CANTOPEN
    23: "permission",  # SQLITE_AUTH
    26: "damaged",  # SQLITE_NOTADB
}
# Without a code (older Python, or an error made by hand) the message tells.
_SQLITE_MESSAGES = (
    ("database is locked", "locked"),
    ("database table is locked", "locked"),
    ("disk is full", "disk_full"),
    ("readonly database", "read_only"),
    ("read-only", "read_only"),
    ("malformed", "damaged"),
    ("not a database", "damaged"),
    ("unable to open", "cant_open"),
    ("disk i/o error", "io"),
)
_OS_REASONS = {
    errno.ENOSPC: "disk_full",
    getattr(errno, "EDQUOT", errno.ENOSPC): "disk_full",  # no EDQUOT on Windows
    errno.EROFS: "read_only",
    errno.EACCES: "permission",
    errno.EPERM: "permission",
    errno.ENOENT: "missing",
    errno.ELOOP: "loop",
    errno.EIO: "io",
}


def chain(error: BaseException) -> Iterator[BaseException]:
    """`error`, then what it wraps: SQLAlchemy's `.orig`, then `__cause__` / `__context__`."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        original = getattr(current, "orig", None)
        if isinstance(original, BaseException):
            current = original
        else:
            current = current.__cause__ or current.__context__


def _sqlite_reason(error: sqlite3.Error) -> str:
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in _SQLITE_REASONS:
        return _SQLITE_REASONS[code & 0xFF]
    message = str(error).lower()
    return next((reason for text, reason in _SQLITE_MESSAGES if text in message), "other")


def classify(error: BaseException) -> str:
    """The reason behind `error`: one of REASONS, read from the first sqlite3 or OS error."""
    for link in chain(error):
        if isinstance(link, sqlite3.Error):
            return _sqlite_reason(link)
        if isinstance(link, OSError) and link.errno in _OS_REASONS:
            return _OS_REASONS[link.errno]
    return "other"


# Less free space than this where the file lives turns a bare I/O error into «disk full».
NEARLY_FULL = 1 << 20


def classify_at(error: BaseException, path: Path | str | None) -> str:
    """`classify`, knowing the file: SQLite often reports a full disk as a bare I/O error."""
    reason = classify(error)
    if reason == "io" and path is not None:
        import shutil

        folder = Path(path).parent
        try:
            if shutil.disk_usage(folder).free < NEARLY_FULL:
                return "disk_full"
        except OSError:
            pass
    return reason


def plain_detail(error: BaseException) -> str:
    """A short, safe description of `error` for «other»: never SQL, never a library URL."""
    innermost = next((link for link in chain(error) if isinstance(link, sqlite3.Error)), None)
    if innermost is None:
        innermost = next((link for link in chain(error) if isinstance(link, OSError)), error)
    if isinstance(innermost, OSError) and innermost.strerror:
        text = innermost.strerror
    else:
        text = str(innermost.args[0]) if innermost.args else ""
    text = text.split("[SQL:")[0].split("(Background on this error")[0]
    text = " ".join(text.split())
    name = type(innermost).__name__
    return f"{name}: {text}" if text else name


def _file_named(error: BaseException) -> str | None:
    for link in chain(error):
        if isinstance(link, OSError) and link.filename is not None:
            return str(link.filename)
    return None


def describe(error: BaseException, path: Path | str | None = None) -> str:
    """The one catalogue line (models/text.py) saying what is wrong; `path` names the file.

    Without `path` the file an OS error names is used, else «the database» for a database
    error; an error that is neither gets «Uventet feil: …» with its plain detail.
    """
    shown = str(path) if path is not None else _file_named(error)
    reason = classify_at(error, shown)
    if shown is None:
        if reason == "other":
            return t("unexpected", detail=plain_detail(error))
        shown = t("failure_the_database")
    return t(f"failure_{reason}", path=shown, detail=plain_detail(error))


def write_failure_key(error: OSError) -> str | None:
    """The catalogue key for a failed file write that has a plain reason (full, read-only …)."""
    reason = classify(error)
    return f"failure_{reason}" if reason in ("disk_full", "read_only", "permission", "io") else None


def failure_error(error: BaseException, path: Path) -> DatabaseError:
    """`error` as one plain line: locked, disk full, read-only … or damaged only if it is."""
    reason = classify_at(error, path)
    if reason == "damaged":
        detail = plain_detail(error).split(": ", 1)[-1]
        return DatabaseError("db_corrupt", path=path, detail=detail)
    return DatabaseError(f"failure_{reason}", path=path, detail=plain_detail(error))
