"""The project's own error types; each carries a one-line user-facing message."""

from __future__ import annotations

from models.text import t


class InnsiktError(Exception):
    """A user error: bad input, a file that is not ours, something not found.

    The CLI prints `str(error)` on one line and exits 1; the TUI shows it as a notification.
    """

    def __init__(self, message_key: str, /, **params: object) -> None:
        self.message_key = message_key
        self.params = params
        super().__init__(t(message_key, **params))


class DatabaseError(InnsiktError):
    """The database file cannot be used (not SQLite, corrupt, foreign, newer)."""


class GuideError(InnsiktError):
    """An interview guide file is invalid."""


class ArchiveError(InnsiktError):
    """A JSON archive is invalid; nothing was imported."""


class NotFoundError(InnsiktError):
    """No record matches the given id or prefix, or several do."""


class ExportError(InnsiktError):
    """An export cannot be written: bad template, output path or choice."""


class GuideLocked(InnsiktError):
    """The guide of a meeting with notes, answers or services cannot be changed."""
