"""Keys typed before a freshly opened dialog has focused its first field land in that field."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.widgets import Input

if TYPE_CHECKING:
    from textual import events
    from textual.screen import Screen


class TypesAhead:
    """Mixed into a dialog screen: a printable key the app routed to the screen while nothing
    had the focus yet (the dialog still mounting, its focus call not yet run) goes into its first
    field. A fast typist presses «n» and the name at once; Textual would drop those letters."""

    TYPE_AHEAD_FIELD: ClassVar[str] = "Input"

    def on_key(self, event: events.Key) -> None:
        screen: Screen[object] = self  # type: ignore[assignment]
        if not event.is_printable or event.character is None:
            return
        field = next(iter(screen.query(self.TYPE_AHEAD_FIELD)), None)
        if not isinstance(field, Input) or field.disabled:
            return
        # The app sent the key here because nothing had the focus when it was routed; the
        # focus may have landed since. A printable key never bubbles up out of an Input, so
        # with the field focused this key cannot have been meant for another widget.
        if screen.focused not in (None, field):
            return
        screen.set_focus(field)
        field.insert_text_at_cursor(event.character)
        event.stop()
        event.prevent_default()
