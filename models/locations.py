"""Where innsikt keeps its files: the user data directory, unless the environment says otherwise."""

from __future__ import annotations

import os
from pathlib import Path

ENV_DB = "INNSIKT_DB"
ENV_DATA_DIR = "INNSIKT_DATA_DIR"


def data_dir() -> Path:
    """INNSIKT_DATA_DIR, or the platform's user data directory for innsikt."""
    if os.environ.get(ENV_DATA_DIR):
        return Path(os.environ[ENV_DATA_DIR]).expanduser()
    from platformdirs import user_data_path

    return user_data_path("innsikt", appauthor=False)


def default_db_path() -> Path:
    """INNSIKT_DB, or innsikt.sqlite in the data directory."""
    if os.environ.get(ENV_DB):
        return Path(os.environ[ENV_DB]).expanduser()
    return data_dir() / "innsikt.sqlite"


def user_guides_dir() -> Path:
    return data_dir() / "guides"


def settings_path() -> Path:
    return data_dir() / "settings.json"
