"""A deletion in a panel that «u» can undo at once, before its write has run.

The deletion is known to the panel from the key on, not from its write's callback: a «u» typed
right after the Delete (in one burst, on a loaded laptop) then finds it, and its undo is queued
on the same writer, behind the deletion. The writer runs them in order; the undo checks on the
writer thread that the deletion was stored (a failed one is said, and there is nothing to undo).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

Row = TypeVar("Row")


@dataclass
class Deletion(Generic[Row]):
    """The row deleted; `stored` is set on the writer thread once the deletion is on disk."""

    row: Row
    stored: bool = False
