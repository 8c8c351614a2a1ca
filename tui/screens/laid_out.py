"""A screen that is not laid out a second time at the size it was just laid out at."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual import events
    from textual._compositor import Compositor


class LaidOutOnce:
    """Mixed in before `Screen`: a screen's first layout sends a Resize to every widget it
    shows, the screen itself among them, and Textual answers a screen's Resize with a whole
    layout and a repaint at that size again, before the screen's first frame has settled.
    A Resize to the size the screen is laid out at already is taken as done; any other (the
    terminal resized) is Textual's as always. The screen's own `on_resize` still runs.

    Textual calls the `_on_resize` of every class in the MRO in turn (not through super()):
    preventing the default stops the walk before `Screen._on_resize`."""

    _compositor: Compositor

    def _on_resize(self, event: events.Resize) -> None:
        if event.size == self._compositor.size:
            event.stop()
            event.prevent_default()
