"""Ids of association records derived from their natural key, so two laptops name them alike.

A note is one author's note on one question of one meeting: created on two laptops, it gets the
same id on both (uuid5 of the table and the key), and merging matches the two copies by id. A
key field can still change later (a participation's role edited, a mention moved by a service
join), so the merge keeps matching by natural key as well (`models.sync.table_rows.NATURAL_KEYS`);
and an id already taken by a record whose key has since changed is derived again with a count,
the same way on every laptop.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

NAMESPACE = uuid.UUID("2d0f5c1e-8a47-4b6e-9f3a-5c7e1b9d4a62")

# Table → the fields that say which thing a record is about (the unique constraints of tables.py).
DERIVED_KEYS: dict[str, tuple[str, ...]] = {
    "meeting_organisation": ("meeting_id", "organisation_id"),
    "participation": ("meeting_id", "person_id", "role"),
    "note": ("meeting_id", "question_key", "author"),
    "answer": ("meeting_id", "question_key", "author"),
    "service_mention": ("service_id", "meeting_id", "question_key"),
    "referat": ("meeting_id", "question_key", "kind"),
    "minutes_status": ("meeting_id",),
    "finding": ("journey_id", "topic"),
}


def derived_id(table: str, values: tuple[Any, ...], count: int = 0) -> str:
    """The id of the record of `table` whose natural key is `values` (the `count`th if taken)."""
    name = json.dumps([table, *values, *([count] if count else [])], ensure_ascii=False)
    return str(uuid.uuid5(NAMESPACE, name))


def free_derived_id(table: str, values: tuple[Any, ...], taken: Callable[[str], bool]) -> str:
    """The first derived id of the key that no stored record holds."""
    count = 0
    while taken(candidate := derived_id(table, values, count)):
        count += 1
    return candidate
