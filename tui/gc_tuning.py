"""Keep the start-up objects out of Python's cyclic garbage collector: `freeze_after_start`."""

from __future__ import annotations

import gc

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
