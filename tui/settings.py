"""Per-device settings kept in the user's config directory: the author's name and the theme.

The name is per laptop, not per database, so «huskes på denne maskinen» holds when the user opens
another database file. A missing or damaged file counts as empty; writing replaces the file
atomically and a failure only means the setting is not remembered.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path

ENV_CONFIG_DIR = "INNSIKT_CONFIG_DIR"
VALUE_LIMIT = 200


def config_path() -> Path:
    """INNSIKT_CONFIG_DIR/settings.json, or settings.json in the platform's config directory."""
    if os.environ.get(ENV_CONFIG_DIR):
        folder = Path(os.environ[ENV_CONFIG_DIR]).expanduser()
    else:
        from platformdirs import user_config_path

        folder = user_config_path("innsikt", appauthor=False)
    return folder / "settings.json"


def load_settings() -> dict[str, str]:
    try:
        raw = json.loads(config_path().read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(raw, dict):
        return {}
    return {str(key): value[:VALUE_LIMIT] for key, value in raw.items() if isinstance(value, str)}


def remember(key: str, value: str) -> bool:
    """Store one setting; False when the config directory cannot be written."""
    path = config_path()
    settings = load_settings() | {key: value}
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".settings-")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(settings, file, ensure_ascii=False, indent=2)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(temporary)
        return False
    return True
