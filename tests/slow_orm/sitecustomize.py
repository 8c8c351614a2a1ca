"""Put on PYTHONPATH by a real-terminal test: SQLAlchemy's first import waits
INNSIKT_TEST_ORM_DELAY seconds, so that the database opens late, as on a loaded laptop, and the
keys of a burst arrive while it opens whatever the machine's speed. The wait lets the
interpreter lock go: the app's UI thread runs on meanwhile."""

from __future__ import annotations

import importlib.abc
import os
import sys
import time


class _LateOrm(importlib.abc.MetaPathFinder):
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def find_spec(self, name: str, path: object, target: object = None) -> None:
        if name == "sqlalchemy":
            sys.meta_path.remove(self)
            time.sleep(self.seconds)
        return None  # found as usual, by the finders after this one


_seconds = float(os.environ.get("INNSIKT_TEST_ORM_DELAY", "0"))
if _seconds > 0:
    sys.meta_path.insert(0, _LateOrm(_seconds))
