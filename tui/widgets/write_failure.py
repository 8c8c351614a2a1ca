"""The one plain line shown when a background write fails: the user's error, or what went wrong.

An error of our own (`InnsiktError`, a locked guide) carries its user text. Anything else comes
from the database or the disk, and its text may hold SQL or a library URL: it is never shown;
the user reads what the failure means (locked, disk full, read-only, damaged) instead.
"""

from __future__ import annotations

from pathlib import Path

from tui.text import tx


def is_user_error(error: BaseException) -> bool:
    from models.errors import InnsiktError

    return isinstance(error, InnsiktError)


def reason(error: BaseException, path: Path | None = None) -> str:
    """What went wrong; knowing the file, a bare I/O error on a nearly full disk is «disk full»."""
    from models.failures import classify_at

    return classify_at(error, path)


def failure_text(error: BaseException) -> str:
    """The line for a failed write: «Kunne ikke lagre: …», never SQL or a traceback."""
    if is_user_error(error):
        lines = str(error).splitlines()
        return lines[0] if lines else tx("write_failed_other")
    return tx(f"write_failed_{reason(error)}")


def save_failed_text(error: BaseException, path: Path | None = None) -> str:
    """The save indicator's line for a note that will be retried."""
    return tx(f"save_failed_{reason(error, path)}")
