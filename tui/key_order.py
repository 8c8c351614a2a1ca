"""Keys handled in the order they were typed, although Textual runs some of them elsewhere.

Textual hands a printable key to the focused widget's own queue, but runs a priority binding
(PgDn to the next question, ctrl+s to save) at once in the app. When a burst of keys arrives
faster than the widget handles them (a loaded laptop), PgDn would change the question before
the letters typed just ahead of it reached the note, and they would land in the next note.
"""

from __future__ import annotations

import asyncio
import contextlib

from textual import events
from textual.screen import Screen
from textual.widget import Widget

# A widget that does not answer within this time is busy in a way waiting cannot fix; the key
# then goes on as Textual would send it.
WAIT_SECONDS = 1.0


def runs_ahead(screen: Screen[object], event: events.Key) -> bool:
    """Whether `event` is a priority binding: run by the app before queued keys are handled."""
    if event.is_printable or screen.focused is None:
        return False
    active = screen.active_bindings.get(event.key)
    return active is not None and active.binding.priority


async def keys_handled(widget: Widget) -> None:
    """Return once `widget` has handled every message queued for it before this call."""
    handled = asyncio.Event()
    if not widget.call_later(handled.set):
        return  # the widget is closing: nothing more will be handled
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(handled.wait(), WAIT_SECONDS)
