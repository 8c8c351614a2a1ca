"""One background thread that makes every database write of the app, in order.

The UI thread never waits for the disk: it hands a write over and gets a callback when it is
durable. One thread (not a worker per write) keeps writes in the order they were typed, keeps
the database's clock single-threaded, and lets a burst of keystrokes on one note collapse into
one write of the newest text.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import queue
import threading
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.dom import DOMNode

log = logging.getLogger(__name__)

Job = Callable[[], Any]
Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


Item = tuple[Job, Done | None, Failed | None, bool]  # the job, its callbacks, early
_WAKE = object()  # wakes the thread to run the jobs it kept waiting


class Writer:
    """A single writer thread with a queue of jobs and per-key coalescing."""

    def __init__(self, *, held: bool = False) -> None:
        # Held: jobs queue up but none runs until `release` (the app's writes wait for its
        # database to open, so that keys typed while it opens are saved in order). Jobs
        # submitted as `early` (note saves, which need no ORM) may run from `release_early` on;
        # the others wait, in order, and run at `release` before any job submitted after them.
        self._released = threading.Event()
        self._early = threading.Event()
        if not held:
            self._released.set()
            self._early.set()
        self._jobs: queue.Queue[Item | object | None] = queue.Queue()
        self._waiting: list[Item] = []  # the writer thread's own: jobs kept until `release`
        self._latest: dict[object, tuple[Job, Done | None, Failed | None]] = {}
        self._lock = threading.Lock()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="innsikt-writer", daemon=True)
        self._thread.start()

    def submit(
        self,
        job: Job,
        on_done: Done | None = None,
        on_error: Failed | None = None,
        *,
        early: bool = False,
    ) -> None:
        """Run `job` after every job submitted before it (at once, here, after `close`).

        `early`: the job may run once the writer is released early, ahead of held jobs
        submitted before it (it touches nothing they write)."""
        if self._closed:
            self._execute(job, on_done, on_error)
            return
        self._jobs.put((job, on_done, on_error, early))

    def submit_latest(
        self,
        key: object,
        job: Job,
        on_done: Done | None = None,
        on_error: Failed | None = None,
        *,
        early: bool = False,
    ) -> None:
        """Run `job`, unless a newer job with the same `key` arrives before it starts."""
        if self._closed:
            self._execute(job, on_done, on_error)
            return
        with self._lock:
            queued = key in self._latest
            self._latest[key] = (job, on_done, on_error)
        if not queued:
            self._jobs.put((lambda: self._run_latest(key), None, None, early))

    def _run_latest(self, key: object) -> None:
        with self._lock:
            job, on_done, on_error = self._latest.pop(key)
        self._execute(job, on_done, on_error)

    def _execute(self, job: Job, on_done: Done | None, on_error: Failed | None) -> None:
        try:
            result = job()
        except Exception as error:  # reported to the UI; the writer must keep running
            # Not to stderr: that is the terminal the app draws on (and the text holds SQL).
            log.debug("write failed", exc_info=True)
            if on_error is not None:
                on_error(error)
            return
        if on_done is not None:
            on_done(result)

    def release_early(self) -> None:
        """Let the early jobs run (the notes can be saved); the others wait for `release`."""
        self._early.set()

    def release(self) -> None:
        """Let the held jobs run: the database they write to is open (or never will be)."""
        self._released.set()
        self._early.set()
        self._jobs.put(_WAKE)

    def _run_waiting(self) -> None:
        if self._released.is_set():
            waiting, self._waiting = self._waiting, []
            for job, on_done, on_error, _early in waiting:
                self._execute(job, on_done, on_error)

    def _run(self) -> None:
        self._early.wait()
        while True:
            item = self._jobs.get()
            try:
                if item is None:
                    self._run_waiting()
                    return
                if item is _WAKE:
                    self._run_waiting()
                    continue
                job, on_done, on_error, early = item  # type: ignore[misc]
                if not early and not self._released.is_set():
                    self._waiting.append((job, on_done, on_error, early))
                    continue
                self._run_waiting()  # in the order they came, before this one
                self._execute(job, on_done, on_error)
            finally:
                self._jobs.task_done()

    def drain(self) -> None:
        """Block until every job submitted so far is done (used at exit); while held, the jobs
        cannot run yet, and `close` lets them (a note still unsaved then goes to recovery).
        Released early, it waits for the early jobs (the held ones are kept for `close`)."""
        if self._early.is_set():
            self._jobs.join()

    def close(self) -> None:
        """Finish the queued writes and stop the thread."""
        if not self._closed:
            self._released.set()
            self._early.set()
            self._jobs.put(None)
            self._thread.join()
            self._closed = True


_WRITERS: weakref.WeakKeyDictionary[object, Writer] = weakref.WeakKeyDictionary()


def attach_writer(app: object, writer: Writer) -> None:
    """Make `writer` the one that `write_from` uses for every widget of `app`."""
    _WRITERS[app] = writer


def app_writer(app: object) -> Writer:
    """The writer attached to `app`; an app that attached none (a small app of the tests that
    shows one panel) gets one of its own, kept for as long as the app lives."""
    writer = _WRITERS.get(app)
    if writer is None:
        writer = _WRITERS[app] = Writer()
    return writer


def write_from(
    node: DOMNode,
    job: Job,
    on_done: Done | None = None,
    on_error: Failed | None = None,
) -> None:
    """Run `job` on the app's writer; call back on the UI thread, for as long as `node` is shown.

    Call from the UI thread. The callbacks never block the writer (a writer waiting for the UI
    could deadlock an exit that waits for the writer). A failure whose widget is gone is still
    told, in one plain line.
    """
    from tui.widgets.write_failure import failure_text

    app = node.app
    writer = app_writer(app)
    loop = asyncio.get_running_loop()
    context = contextvars.copy_context()  # Textual finds its active app in a context variable

    def on_ui(callback: Callable[[], None]) -> None:
        with contextlib.suppress(RuntimeError):  # the loop is closed: the app is gone
            loop.call_soon_threadsafe(callback, context=context.copy())

    def done(result: Any) -> None:
        if on_done is not None and node.is_attached:
            on_done(result)

    def failed(error: BaseException) -> None:
        if on_error is not None and node.is_attached:
            on_error(error)
        else:
            app.notify(failure_text(error), severity="error", markup=False)

    writer.submit(
        job,
        on_done=lambda result: on_ui(lambda: done(result)),
        on_error=lambda error: on_ui(lambda: failed(error)),
    )
