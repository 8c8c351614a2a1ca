"""The ids of `conflict` rows, derived from the losing write, so every laptop names one alike."""

from __future__ import annotations

import uuid

CONFLICT_NAMESPACE = uuid.UUID("6b1f6a8e-3c1d-4f7a-9b7e-2f0c8d5e4a31")


def conflict_id(table: str, record_id: str, name: str, stamp: str, device: str) -> str:
    """The id of the conflict row that keeps the value of `table.name` written at (stamp, device)."""
    return str(uuid.uuid5(CONFLICT_NAMESPACE, f"{table}/{record_id}/{name}/{stamp}/{device}"))
