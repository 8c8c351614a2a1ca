"""A new database and the demo, each built once per test process and copied for each test.

Building the demo takes seconds and a new database a tenth of one; a copy of the file takes a
millisecond. A copy is the very file `open_database` or `load_demo` wrote. A new database's
copy gets a device id of its own (`copy_empty`), as one made anew has; the demo's ids are the
same on every copy, and so is its device id (give a copy its own where two are merged as two
laptops).
"""

from __future__ import annotations

import atexit
import os
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from models.storage import Database, open_database

_demo: Path | None = None
_empty: Path | None = None
_folders: list[Path] = []  # made by this process, removed as it ends


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


def _template_folder(prefix: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    _folders.append(folder)
    atexit.register(remove_folders)
    return folder


def remove_folders() -> None:
    """Remove the templates' folders. Called by conftest as pytest ends: an xdist worker leaves
    with os._exit, which runs no atexit handler (each run left a demo in /dev/shm)."""
    global _demo, _empty
    while _folders:
        shutil.rmtree(_folders.pop(), ignore_errors=True)
    _demo = _empty = None


def empty_template() -> Path:
    """A new, empty database as `open_database` lays it out, made at the first call."""
    global _empty
    if _empty is None:
        folder = _template_folder("innsikt-empty-template-")
        with isolated(folder):
            _empty = closed_template(open_database(folder / "empty.sqlite"))
    return _empty


def copy_empty(path: Path) -> Path:
    """A new, empty database at `path` (which must not exist yet), closed, with a device id of
    its own: `uuid.uuid4()`, as `open_database` makes it (so a patched uuid4 gives it too)."""
    assert not path.exists(), path
    copy_template(empty_template(), path)
    connection = sqlite3.connect(path)
    try:
        with connection:
            connection.execute(
                "UPDATE meta SET value = ? WHERE key = 'device_id'", (str(uuid.uuid4()),)
            )
    finally:
        connection.close()
    return path


def demo_template() -> Path:
    """The demo as `load_demo` writes it into a new database, built at the first call."""
    global _demo
    if _demo is None:
        from models.demo import load_demo

        folder = _template_folder("innsikt-demo-template-")
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
