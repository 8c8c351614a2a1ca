"""Shared fixtures: every test gets its own data directory and database path."""

from __future__ import annotations

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
