"""Textual's footer, rebuilt only when the keys it shows change.

Textual's Footer builds all its keys anew (a widget each, with their styles) every time the
screen's bindings are updated: on every change of focus, several times while a screen opens.
On the capture screen that was a third of the time from the meeting read to its first frame.
Its keys are made in the footer's own style (compact or not) at once: a key is born compact and
then bound to the footer's setting, and each change of its class restyled it, twice per key.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

Shown = tuple[tuple[str, str, str, bool, str], ...]


class QuietFooter(Footer):
    """A Footer that recomposes at most once a frame, and only when what it shows differs."""

    _shown: Shown | None = None
    _queued = False

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._queued:
            self._queued = True
            self.call_after_refresh(self._recompose_if_changed)

    def __init__(self, *, keys_at_once: bool = False) -> None:
        super().__init__()
        # The keys in the screen's first frame, not a recompose (and a frame) later, for a
        # screen whose keys do not change with its first focus (Textual's footer waits for
        # that change: a screen that focuses its editor as it mounts would show them twice).
        self._keys_at_once = keys_at_once

    def compose(self) -> ComposeResult:
        if self._keys_at_once and not self._bindings_ready:
            self.set_reactive(Footer._bindings_ready, True)
            self._shown = self._keys()
        for widget in super().compose():
            # A key bound to the footer's setting takes it now, not by a class change (and
            # a restyle) when it mounts. The command palette's key is not bound: left as it is.
            bound = getattr(widget, "_reactive_connect", None) or {}
            if isinstance(widget, FooterKey) and "compact" in bound:
                widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

    def _keys(self) -> Shown:
        """What the footer shows: the keys shown and the palette's (focusing a table, whose
        keys are hidden, changes nothing on it)."""
        palette = self.app.COMMAND_PALETTE_BINDING
        return tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == palette
        )

    async def _recompose_if_changed(self) -> None:
        self._queued = False
        if not self.is_attached:
            return
        keys = self._keys()
        if keys != self._shown:
            self._shown = keys
            await self.recompose()
