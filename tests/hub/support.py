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
