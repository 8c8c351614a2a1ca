"""Helpers for the hub tests: what file merges alone would make of the same laptops."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from models.sync.merge import merge_files
from tests.merge.laptops import Laptop, content, copy_of

_copies = itertools.count(1)


def merged_content(
    folder: Path, first: Laptop, *others: Laptop
) -> dict[str, list[tuple[Any, ...]]]:
    """The content of a copy of `first` with snapshots of the others merged in, by files only."""
    db = copy_of(first, folder, f"by-files-{next(_copies)}")
    try:
        for other in others:
            merge_files(db, [other.snapshot()])
    finally:
        db.close()
    return content(db.path)


def hub_content(url: str, folder: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every synced row the hub holds, in the form of `content` (read through a full pull)."""
    from models.hub.connection import connect
    from models.hub.pull import pull

    connection = connect(url)
    try:
        with connection.transaction(), connection.cursor() as cursor:
            pulled = pull(cursor, 0, folder / f"hub-{next(_copies)}.sqlite", {})
    finally:
        connection.close()
    return content(pulled.path)
