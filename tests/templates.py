"""The demo database, built once per test process and copied for each test that asks.

Building the demo takes seconds; a copy of the file takes a millisecond. The copy is the very
file `load_demo` wrote (the demo's ids are the same on every database, and so is the device
id of each copy: give a copy its own where two of them are merged as two laptops).
"""

from __future__ import annotations

import atexit
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from models.storage import Database, open_database

_demo: Path | None = None


@contextmanager
def isolated(folder: Path) -> Iterator[None]:
    """The environment of conftest's `isolated_data_dir`, for a template made outside a test."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("INNSIKT_DATA_DIR", str(folder / "innsikt-data"))
        patch.setenv("INNSIKT_CONFIG_DIR", str(folder / "innsikt-config"))
        patch.delenv("INNSIKT_DB", raising=False)
        patch.delenv("INNSIKT_LANG", raising=False)
        yield


def closed_template(db: Database) -> Path:
    """Close `db` with everything in its one file, so that a copy of it is the whole database."""
    db.close()
    connection = sqlite3.connect(db.path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    return db.path


def copy_template(template: Path, path: Path) -> Path:
    shutil.copyfile(template, path)
    os.chmod(path, 0o600)  # as private as open_database makes a new file
    return path


def demo_template() -> Path:
    """The demo as `load_demo` writes it into a new database, built at the first call."""
    global _demo
    if _demo is None:
        from models.demo import load_demo

        folder = Path(tempfile.mkdtemp(prefix="innsikt-demo-template-"))
        atexit.register(shutil.rmtree, folder, True)
        path = folder / "demo.sqlite"
        with isolated(folder):
            db = open_database(path)
            try:
                load_demo(db)
            finally:
                closed_template(db)
        _demo = path
    return _demo


def copy_demo(path: Path) -> Path:
    """The demo database at `path` (which must not exist yet), closed."""
    assert not path.exists(), path
    return copy_template(demo_template(), path)
