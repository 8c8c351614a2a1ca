"""Keys handled in the order they were typed, although Textual runs some of them elsewhere.

Textual hands a printable key to the focused widget's own queue, but runs a priority binding
(PgDn to the next question, ctrl+s to save) at once in the app. When a burst of keys arrives
faster than the widget handles them (a loaded laptop), PgDn would change the question before
the letters typed just ahead of it reached the note, and they would land in the next note.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import weakref
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from textual import events

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.screen import Screen
    from textual.widget import Widget

log = logging.getLogger(__name__)

# A widget that does not answer within this time is busy in a way waiting cannot fix; the key
# then goes on as Textual would send it.
WAIT_SECONDS = 1.0


def runs_ahead(screen: Screen[object], event: events.Key) -> bool:
    """Whether `event` is a priority binding: run by the app before queued keys are handled.

    Asked for every key that is not a letter (Backspace, arrows, Enter), so only `event.key`
    is looked up, along the focus chain as Textual does: `screen.active_bindings` copies and
    checks every binding of the chain, about half a millisecond per key.
    """
    focused = screen.focused
    if event.is_printable or focused is None:
        return False
    app = screen.app
    if app._keymap:  # bindings remapped by id: Textual's own resolution knows how
        active = screen.active_bindings.get(event.key)
        return active is not None and active.binding.priority
    below: list[DOMNode] = []  # nearer the focus: a key one of them consumes binds no further
    for node in focused.ancestors_with_self:  # up to the screen and the app
        for binding in node._bindings.key_to_bindings.get(event.key, ()):
            if (
                binding.priority
                and not any(inner.check_consume_key(event.key, event.character) for inner in below)
                and app._check_action_state(binding.action, node) is not False
            ):
                return True
        below.append(node)
    return False


async def keys_handled(widget: Widget) -> None:
    """Return once `widget` has handled every message queued for it before this call."""
    handled = asyncio.Event()
    if not widget.call_later(handled.set):
        return  # the widget is closing: nothing more will be handled
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(handled.wait(), WAIT_SECONDS)


# A paste goes where the keys around it go: Textual sends it to whatever has the focus when it
# arrives, ahead of the keys held before it.
Held = events.Key | events.Paste
Deliver = Callable[[Held], Awaitable[None]]


class KeyHold:
    """Keys (and pastes) that arrive while a focus-moving action is still in progress (F2
    before the database is open: its panel cannot be mounted yet) are held, and given in order,
    once it is done, to the widget it focused: routed then as if they had been typed then.

    `begin` and `end` pair up; holds may nest (a held F2, given, holds again). `release` ends
    them all at once (quit, hang-up): an `end` of a hold begun before it does nothing."""

    def __init__(self) -> None:
        self._held: list[Held] | None = None  # None: keys pass
        self._holds = 0
        self._giving = False
        self._deliver: Deliver | None = None
        self._round = 0  # counts releases: a hold of an earlier round has been ended by one
        self._aside: list[Held] = []  # held while a question is asked over them (quit)

    @property
    def holding(self) -> bool:
        """Whether keys are held now (or being given): a key that arrives joins them."""
        return self._held is not None

    @property
    def waiting(self) -> bool:
        """Whether an action that moves the focus is still under way (no key is given then)."""
        return self._holds > 0

    def begin(self) -> int:
        """Hold the keys from now on; the number returned is for `end`."""
        self._holds += 1
        if self._held is None:
            self._held = []
        return self._round

    def release(self) -> list[Held]:
        """End every hold now and hand back what they held, in order; keys pass again. The
        actions still under way that began them end later: their `end` does nothing."""
        held, self._held = [*self._aside, *(self._held or [])], None
        self._aside = []
        self._holds = 0
        self._round += 1
        return held

    def set_aside(self) -> None:
        """Keys pass from now on, but the holds go on: the keys held so far wait aside until
        `take_back` (a question is asked over them: «Bli» gives them where they were going) or
        `release` (leaving: typed at once)."""
        self._aside.extend(self._held or [])
        self._held = None

    async def take_back(self) -> None:
        """The keys set aside are held again, ahead of any held since; given at once if the
        action they waited for is over meanwhile (F2's panel opened under the question)."""
        aside, self._aside = self._aside, []
        if not aside:
            return
        self._held = [*aside, *(self._held or [])]
        if not self._holds and not self._giving:
            self._holds += 1
            await self.end()

    def released_since(self, began: int) -> bool:
        """Whether the hold `begin` returned `began` for was ended by `release`: the action
        that began it should not go on (its keys were given elsewhere; the app is leaving)."""
        return began != self._round

    def put_back(self, event: Held, deliver: Deliver) -> None:
        """Hold `event` ahead of the keys held already: it was being given when a hold began."""
        self._deliver = deliver
        if self._held is None:
            self._held = []
        self._held.insert(0, event)

    def keep(self, event: Held, deliver: Deliver) -> bool:
        """Hold `event` if a hold is on (it is given later through `deliver`); else False."""
        if self._held is None:
            return False
        self._deliver = deliver
        self._held.append(event)
        return True

    async def end(self, began: int | None = None) -> None:
        """One hold is over: once none is left, give the held keys, in order, as they came.
        Keys that arrive meanwhile join the end of the line; a given key that begins a new hold
        stops the giving until that one ends. `began`: what `begin` returned (a hold released
        since then is over already)."""
        if began is not None and self.released_since(began):
            return
        self._holds = max(0, self._holds - 1)
        if self._holds or self._giving:
            return  # the giving under way goes on once the holds are over
        self._giving = True
        try:
            while self._held and not self._holds and self._deliver is not None:
                event = self._held.pop(0)
                try:
                    await self._deliver(event)
                except Exception:
                    # One key that fails to act must not take the keys typed after it along.
                    # Its name only: a paste's text is the user's, not the log's.
                    name = event.key if isinstance(event, events.Key) else "paste"
                    log.debug("held %s could not be given", name, exc_info=True)
        finally:
            self._giving = False
            if not self._holds:
                self._held = None  # keys pass again (never held for good, whatever failed)


_HOLDS: weakref.WeakKeyDictionary[object, KeyHold] = weakref.WeakKeyDictionary()


def key_hold_of(app: object) -> KeyHold:
    """The app's one `KeyHold`: the screens' actions and the app hold and give the same keys."""
    hold = _HOLDS.get(app)
    if hold is None:
        hold = _HOLDS[app] = KeyHold()
    return hold
