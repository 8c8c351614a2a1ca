"""Clock sanity for incoming files: stamps far in the future do not move this laptop's clock.

A laptop whose wall clock was set to 2099 stamps its writes in 2099. Those stamps are the writes'
identity on every laptop (a conflict row, a `seen` vector and the merge rules name a write by
its stamp), so they are merged as they are; but this laptop's clock only observes stamps up to
one day past its own wall clock, so one bad clock does not drag every laptop's clock along.
The merge or import says how many records were affected and what the latest stamp says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from models.clock import decode, encode

LIMIT_MS = 24 * 3600 * 1000  # a day: more than any time zone or honest drift explains
# A wall clock before this (2025-01-01) is surely the wrong one: then follow the others' stamps.
PLAUSIBLE_MS = 1_735_689_600_000
NO_LIMIT = "9" * 15 + "." + "9" * 6


@dataclass(frozen=True)
class FutureStamps:
    """Records of one file stamped more than a day ahead of this laptop's clock."""

    file: str
    records: int
    latest: str  # the latest stamp, as a UTC time


def limit(wall_ms: int) -> str:
    """The latest stamp this laptop's clock will observe now."""
    if wall_ms < PLAUSIBLE_MS:
        return NO_LIMIT
    return encode(wall_ms + LIMIT_MS, 0)


def capped(stamp: str, wall_ms: int) -> str:
    return min(stamp, limit(wall_ms)) if stamp else stamp


def shown(stamp: str) -> str:
    physical, _ = decode(stamp)
    try:
        moment = datetime.fromtimestamp(physical / 1000, UTC)
    except (OverflowError, OSError, ValueError):
        return stamp
    return moment.strftime("%Y-%m-%d %H:%M UTC")
