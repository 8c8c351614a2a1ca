"""Terminal key decoding the app relies on: alt+digit arrives as «alt+1», not as «¡»."""

from __future__ import annotations

from typing import NamedTuple

DIGITS = "1234567890"


class _KeyName(NamedTuple):
    """Stands in for a `Keys` member in Textual's sequence table: only `.value` is read (a
    named tuple, not a dataclass: made as the app starts, it costs a tenth as much)."""

    value: str


def use_alt_digits() -> None:
    """Make ESC+digit (how xterm-like terminals send alt+digit) decode as «alt+digit».

    Textual 8 maps ESC+1 … ESC+0 to the characters macOS types for Option+digit («¡», «™», «£»,
    …, «§»), so alt+6 would be indistinguishable from a typed «§» and would land in the note.
    The capture screen binds alt+1 … alt+0 to the choices of the question instead.
    """
    from textual import _ansi_sequences

    for digit in DIGITS:
        _ansi_sequences.ANSI_SEQUENCES_KEYS[f"\x1b{digit}"] = (_KeyName(f"alt+{digit}"),)  # type: ignore[assignment]
