"""Shared fixtures: every test gets its own data directory and database path.

The demo is loaded once per test process into a template and copied for each test that asks
for `demo_path` or `demo_db`: the copy is the very file `load_demo` wrote (the demo's ids are
the same on every database), at a fraction of the time of loading it again.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from models.storage import Database, open_database

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test touches the real user data directory or a real INNSIKT_DB."""
    folder = tmp_path / "innsikt-data"
    monkeypatch.setenv("INNSIKT_DATA_DIR", str(folder))
    monkeypatch.setenv("INNSIKT_CONFIG_DIR", str(tmp_path / "innsikt-config"))
    monkeypatch.delenv("INNSIKT_DB", raising=False)
    monkeypatch.delenv("INNSIKT_LANG", raising=False)
    return folder


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "innsikt.sqlite"


@pytest.fixture
def fresh_db(db_path: Path) -> Iterator[Database]:
    db = open_database(db_path)
    yield db
    db.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo as `load_demo` writes it into a new database, built once per test process."""
    from models.demo import load_demo

    folder = tmp_path_factory.mktemp("demo-template")
    path = folder / "demo.sqlite"
    with pytest.MonkeyPatch.context() as patch:  # built as isolated as the tests that copy it
        patch.setenv("INNSIKT_DATA_DIR", str(folder / "innsikt-data"))
        patch.setenv("INNSIKT_CONFIG_DIR", str(folder / "innsikt-config"))
        patch.delenv("INNSIKT_DB", raising=False)
        patch.delenv("INNSIKT_LANG", raising=False)
        db = open_database(path)
        try:
            load_demo(db)
        finally:
            db.close()
    # Everything in the one file, so that a copy of it is the whole database.
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    return path


@pytest.fixture
def demo_path(db_path: Path, demo_template: Path) -> Path:
    """The demo database at `db_path`, closed."""
    shutil.copyfile(demo_template, db_path)
    os.chmod(db_path, 0o600)  # as private as open_database makes a new file
    return db_path


@pytest.fixture
def demo_db(demo_path: Path) -> Iterator[Database]:
    """The demo database at `db_path`, open."""
    db = open_database(demo_path)
    yield db
    db.close()
