"""Work on a thread that the end of the process does not wait for, and a gate for its writes.

Textual's thread workers run in asyncio's default executor, which `asyncio.run` and the
interpreter's exit both join: a hang-up while SQLAlchemy still loaded (seconds on a loaded
laptop) kept the process alive until the import ended, every note long saved. The database's
opening runs on a daemon thread instead (awaited by a plain worker, so it is still a worker of
its group); `FileGate` keeps the process from ending while that thread writes the file.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import threading
from collections.abc import Callable, Iterator
from functools import partial
from typing import TypeVar

T = TypeVar("T")


async def on_daemon_thread(job: Callable[[], T], name: str) -> T:
    """`job()` on a daemon thread of its own, its result (or exception) awaited here.

    Cancelled (the app is closing), the thread runs on; the process does not wait for it."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()
    context = contextvars.copy_context()  # Textual's active app, as in its thread workers

    def settle(outcome: Callable[[], None]) -> None:
        if not future.done():  # not once the awaiting worker was cancelled
            outcome()

    def run() -> None:
        outcome: Callable[[], None]
        try:
            outcome = partial(future.set_result, context.run(job))
        except BaseException as error:  # handed to the awaiting worker, which reports it
            outcome = partial(future.set_exception, error)
        with contextlib.suppress(RuntimeError):  # the loop is closed: the app has ended
            loop.call_soon_threadsafe(settle, outcome)

    threading.Thread(target=run, name=name, daemon=True).start()
    return await future


class FileGate:
    """The database file is written by a daemon thread only inside the gate. `shut` waits for
    a write under way and lets no new one start: the process may then end at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._shut = False

    @contextlib.contextmanager
    def inside(self) -> Iterator[bool]:
        """Hold the gate; yields False once it is shut (write nothing then)."""
        with self._lock:
            yield not self._shut

    def shut(self) -> None:
        with self._lock:
            self._shut = True
