"""Put on PYTHONPATH by a real-terminal test: SQLAlchemy's first import waits
INNSIKT_TEST_ORM_DELAY seconds, so that the database opens late, as on a loaded laptop, and the
keys of a burst arrive while it opens whatever the machine's speed.

The wait is in the module's loader, when it executes, not in the finder: Python 3.11 asks each
finder under the global import lock, and a sleep there stalled every first import of the UI
thread too. While the loader waits only SQLAlchemy's own module lock is held, and the
interpreter lock is let go: the app's UI thread runs, and imports, meanwhile."""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import os
import sys
import time
from types import ModuleType
from typing import Any


class _LateLoader(importlib.abc.Loader):
    def __init__(self, loader: Any, seconds: float) -> None:
        self.loader = loader
        self.seconds = seconds

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        time.sleep(self.seconds)
        module.__loader__ = self.loader  # the package's own, for what asks it later
        if module.__spec__ is not None:
            module.__spec__.loader = self.loader
        self.loader.exec_module(module)


class _LateOrm(importlib.abc.MetaPathFinder):
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.done = False  # once: SQLAlchemy's submodules import as usual

    def find_spec(
        self, name: str, path: Any = None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if name != "sqlalchemy" or self.done:
            return None
        self.done = True  # not removed from sys.meta_path: the import is looping over it
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is not None and spec.loader is not None:
            spec.loader = _LateLoader(spec.loader, self.seconds)
        return spec


_seconds = float(os.environ.get("INNSIKT_TEST_ORM_DELAY", "0"))
if _seconds > 0:
    sys.meta_path.insert(0, _LateOrm(_seconds))
