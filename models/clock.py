"""Hybrid logical clock: orders edits across laptops whose wall clocks disagree.

A stamp is the text ``"<physical ms, 15 digits>.<logical counter, 6 digits>"`` so that
string order equals clock order. Ties between devices are broken by device id, which is
stored beside the stamp on every record.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

ZERO = "000000000000000.000000"


def encode(physical_ms: int, logical: int) -> str:
    return f"{physical_ms:015d}.{logical:06d}"


def decode(stamp: str) -> tuple[int, int]:
    physical, _, logical = stamp.partition(".")
    return int(physical), int(logical)


def is_stamp(value: object) -> bool:
    if not isinstance(value, str) or len(value) != 22 or value[15] != ".":
        return False
    return value[:15].isdigit() and value[16:].isdigit()


def wall_ms() -> int:
    return time.time_ns() // 1_000_000


def utc_now() -> str:
    """Now as a record's `created_at`/`updated_at` text (UTC, microseconds, «Z»)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def stamp_time(stamp: str) -> str:
    """The wall time of a clock stamp, in the format of `utc_now`."""
    physical, _ = decode(stamp)
    moment = datetime.fromtimestamp(physical / 1000, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass
class HybridClock:
    """One device's clock. `now()` for a local edit, `observe()` for a stamp seen in a merge."""

    last: str = ZERO
    wall: Callable[[], int] = field(default=wall_ms, repr=False)
    # Every TUI write runs on one thread, but a clock shared by two threads must still never
    # hand out one stamp twice.
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def now(self) -> str:
        with self._lock:
            physical, logical = decode(self.last)
            current = self.wall()
            if current > physical:
                physical, logical = current, 0
            else:
                logical += 1
            self.last = encode(physical, logical)
            return self.last

    def observe(self, stamp: str) -> None:
        """Move past a remote stamp so that later local edits order after it."""
        with self._lock:
            if stamp > self.last:
                self.last = stamp
