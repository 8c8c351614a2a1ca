"""Keep the start-up objects out of Python's cyclic garbage collector: `freeze_after_start`."""

from __future__ import annotations

import gc

_frozen = False


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
