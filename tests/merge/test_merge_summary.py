"""A merge's summary names every kind of record it may count, in both languages."""

from __future__ import annotations

import pytest

from models import tables
from models.text import EN, NB


@pytest.mark.parametrize("catalogue", [NB, EN], ids=["nb", "en"])
def test_every_synced_table_has_a_name_for_the_merge_summary(catalogue: dict[str, str]) -> None:
    missing = [
        model.__tablename__
        for model in tables.SYNCED_TABLES
        if f"kind_{model.__tablename__}" not in catalogue
    ]
    assert missing == []
