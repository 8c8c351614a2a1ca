"""A widget that runs its own key bindings when a key reaches it, not when the key reaches the app.

Textual looks a key's (non-priority) binding up only after the key has bubbled from the focused
widget to the app, in the bindings of whatever is focused *then*. Keys that arrive in one burst
(one read of the terminal: a fast typist, keys sent by a script) are all routed before the first
has bubbled, and on the capture screen a letter moves the focus to the note: a Space meant for
the choices, typed just before it, was then looked up in the note's bindings and dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events

if TYPE_CHECKING:
    from textual.widget import Widget

    _Base = Widget
else:
    _Base = object


class OwnKeysOnArrival(_Base):
    """Mixed in before the Textual widget class: `class ChoiceList(OwnKeysOnArrival, OptionList)`."""

    async def _on_key(self, event: events.Key) -> None:
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if binding.priority:
                continue  # the app ran those before it routed the key here
            if await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()  # the widget's other key handlers: it was this binding
                return
