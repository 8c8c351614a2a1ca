"""Keep the start-up objects out of Python's cyclic garbage collector (`freeze_after_start`), and
its collections out of the keys (`PauseCollector`)."""

from __future__ import annotations

import gc
from time import monotonic

_frozen = False
_frozen_open = False


def freeze_imports() -> None:
    """Just before the app runs: every module imported by now (Textual, Rich, ours) moves to
    the permanent generation. Building the first screen makes enough objects to set off a
    full collection, which walked all of them first: about 30 ms before the first frame, a
    tenth of a bare Textual app's whole start. Later collections still see every new object."""
    gc.freeze()


def freeze_after_start() -> None:
    """Move every object alive now (modules, the ORM, the meeting on screen) to the collector's
    permanent generation, once. Full collections then no longer walk them: at 366 meetings such
    a pass took 34–106 ms and showed as a stall on PgDn. Objects made later are collected as
    usual."""
    global _frozen
    if _frozen:
        return
    _frozen = True
    gc.freeze()


def freeze_once_open() -> None:
    """Once more, once: the database open and capture's side panels mounted. `--meeting`
    freezes at its first frame, before the ORM is loaded; the ORM's modules and the panels,
    made after, were walked by every full collection then (about 90 ms at 366 meetings, a
    PgDn's stall). A capture screen closed later stays in memory (the collector no longer
    frees its cycles): one screen's widgets, once a process."""
    global _frozen_open
    if _frozen_open:
        return
    _frozen_open = True
    gc.freeze()


# Seconds between two looks for a collection due, and the quiet since the last key a collection
# of the young generations waits for (a full one, which walks every object made since the last
# freeze, for a real pause).
PAUSE_TICK = 0.1
YOUNG_QUIET = 0.03
FULL_QUIET = 0.5
# Allocations after which Python collects the youngest generation by itself all the same, when
# keys come without a pause that long (a held-down key).
SAFETY_THRESHOLD = 50_000
_PYTHON_THRESHOLD = gc.get_threshold()
_collectors = 0  # started and not stopped


class PauseCollector:
    """Python's collections, run between keys instead of inside them.

    Python collects when allocations pass a threshold, in whatever code makes the object that
    passes it: a PgDn (a few thousand objects) set off one or two collections of the young
    generations, 1-5 ms each, and now and then a full one, 10-30 ms, that walked every object
    made since the freeze (the panels' tables, the editors' caches). Here the threshold is
    raised out of reach and a timer runs the same generations by the same counts, each when
    no key waits for its frame (`tui/terminal_activity.py`)."""

    def __init__(self) -> None:
        self.threshold = _PYTHON_THRESHOLD
        self.collections = 0  # run by `tick` (the tests tell them from Python's own)
        self.running = False  # inside one of ours
        self.started = False

    def start(self) -> None:
        global _collectors
        if not self.started:
            self.started = True
            _collectors += 1
            gc.set_threshold(SAFETY_THRESHOLD, *self.threshold[1:])

    def stop(self) -> None:
        """Python collects by itself again once no collector is running."""
        global _collectors
        if self.started:
            self.started = False
            _collectors -= 1
            if not _collectors:
                gc.set_threshold(*self.threshold)

    def tick(self) -> int | None:
        """Run the collection due, if the keys leave room for it; the generation collected."""
        from tui import terminal_activity

        now = monotonic()
        quiet = terminal_activity.quiet_for(now)
        if terminal_activity.answering(now) or quiet < YOUNG_QUIET:
            return None
        young, middle, old = gc.get_count()
        first, second, third = self.threshold
        if middle >= second and old >= third and quiet >= FULL_QUIET:
            generation = 2
        elif middle >= second:
            generation = 1
        elif young >= first:
            generation = 0
        else:
            return None
        self.running = True
        try:
            gc.collect(generation)
        finally:
            self.running = False
        self.collections += 1
        return generation
