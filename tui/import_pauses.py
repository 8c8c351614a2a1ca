"""Imports on a background thread that wait, module by module, while a key waits for its frame.

`--meeting` shows the meeting before SQLAlchemy and SQLModel are imported, then imports them on
a worker thread. The interpreter lock goes to one thread at a time: while the import ran, a
PgDn's UI thread had the lock about half the time and waited up to 5 ms (the switch interval)
for it each time it woke, and a PgDn took twice as long. Inside `between_keys()` each module
the calling thread imports is executed only once no key is unanswered
(`tui/terminal_activity.py:answering`): the import goes on between the keys, the keys are
handled as if it were not running. The thread lets go of the lock every millisecond meanwhile,
so that a key arriving in the middle of a module waits that long, not 5 ms.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from collections.abc import Iterator
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import Any

# Seconds between two looks at the keys while a module waits; and the switch interval meanwhile.
WAIT_STEP = 0.002
SWITCH_INTERVAL = 0.001
# Seconds the modules of one `between_keys()` wait at most in all: a mouse moved on and on over
# the terminal (bytes read, often no frame) must not hold the database's opening for long.
WAIT_BUDGET = 3.0


class _Between:
    """On sys.meta_path: finds nothing itself; for the threads inside `between_keys()` it hands
    out the spec the other finders give, its loader made to wait before executing the module."""

    def __init__(self) -> None:
        self.threads: set[int] = set()
        self.waited = 0.0  # seconds modules waited for keys since the first thread came in
        self.modules = 0  # modules executed inside `between_keys()`
        self.switch_interval = sys.getswitchinterval()  # the process's own, while none is inside

    def find_spec(
        self, name: str, path: Any = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if threading.get_ident() not in self.threads:
            return None
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            if finder is self or find is None:
                continue
            spec = find(name, path, target)
            if spec is not None:
                break
        else:
            return None
        loader = spec.loader
        if loader is not None and hasattr(loader, "exec_module"):
            spec.loader = _WaitingLoader(loader, self)  # type: ignore[assignment]
        return spec

    def wait(self) -> None:
        from tui import terminal_activity

        started = time.monotonic()
        budget = WAIT_BUDGET - self.waited
        while (
            terminal_activity.answering()
            and time.monotonic() - started < budget
            and not _waited_for()
        ):
            time.sleep(WAIT_STEP)
        self.waited += time.monotonic() - started
        self.modules += 1


class _WaitingLoader:
    """The module's own loader, which executes it once no key waits; the module keeps its own."""

    def __init__(self, loader: Any, between: _Between) -> None:
        self._loader = loader
        self._between = between

    def __getattr__(self, name: str) -> Any:
        return getattr(self._loader, name)

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return self._loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self._between.wait()
        module.__loader__ = self._loader  # importlib.resources and inspect ask the real one
        if module.__spec__ is not None:
            module.__spec__.loader = self._loader
        self._loader.exec_module(module)


def _waited_for() -> bool:
    """Another thread waits for a module this thread is importing (the UI thread importing it
    too): it must not wait for the keys, which wait for that thread."""
    try:
        from importlib import _bootstrap  # type: ignore[attr-defined]

        me = threading.get_ident()
        for ref in list(_bootstrap._module_locks.values()):
            lock = ref()
            if lock is not None and getattr(lock, "owner", None) == me and lock.waiters:
                return True
    except Exception:  # another Python's import internals: wait on the keys alone
        return False
    return False


_between = _Between()


@contextlib.contextmanager
def between_keys() -> Iterator[_Between]:
    """The calling thread's imports in the block wait for the keys, module by module."""
    if _between not in sys.meta_path:
        sys.meta_path.insert(0, _between)
    me = threading.get_ident()
    if not _between.threads:
        _between.waited = 0.0
        _between.switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(min(_between.switch_interval, SWITCH_INTERVAL))
    _between.threads.add(me)
    try:
        yield _between
    finally:
        _between.threads.discard(me)
        if not _between.threads:
            sys.setswitchinterval(_between.switch_interval)
