"""When the terminal last sent a key and when the app last answered with a frame.

The terminal's driver notes both (`tui/terminal.py:ForgivingLinuxDriver`): the input thread as it
reads bytes, the UI thread as it flushes a frame. Work that can wait (a garbage collection, the
ORM's import on a thread) asks `answering()` and waits while a key is still unanswered, so that
it runs between keys and not inside one. Under Pilot (no terminal driver) nothing is noted and
the app always looks quiet.
"""

from __future__ import annotations

from time import monotonic

# A key unanswered for longer than this (one that paints nothing: a modifier, a key a screen
# ignores) no longer counts as being answered.
ANSWER_SECONDS = 0.25

_key_at = 0.0  # monotonic time of the last bytes read from the terminal
_frame_at = 0.0  # monotonic time of the last frame flushed to it


def key_read() -> None:
    """The input thread read bytes (a key, a paste, a mouse event)."""
    global _key_at
    _key_at = monotonic()


def frame_written() -> None:
    """The UI thread flushed a frame."""
    global _frame_at
    _frame_at = monotonic()


def answering(now: float | None = None) -> bool:
    """A key was read and no frame written since (for at most ANSWER_SECONDS)."""
    now = monotonic() if now is None else now
    return _key_at > _frame_at and now - _key_at < ANSWER_SECONDS


def quiet_for(now: float | None = None) -> float:
    """Seconds since the last key read (a large number when none was)."""
    return (monotonic() if now is None else now) - _key_at


def reset() -> None:
    """Forget both times (tests)."""
    global _key_at, _frame_at
    _key_at = _frame_at = 0.0
