"""A screen whose footer lists its own keys in the order of its BINDINGS, whatever has the focus."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.binding import ActiveBinding, BindingsMap
    from textual.dom import DOMNode


class KeysInOrder:
    """Mixed in before `Screen`. Textual lists the focused widget's bindings first, and a
    priority binding of the screen takes the place of the widget's own for the same key: with
    the notes editor focused (TextArea binds PgDn, Ctrl+K, F6 …) the capture footer showed F6
    second, and its keys in another order than before the focus, so the footer was built
    twice before the meeting had settled. The screen's own keys come first here, in the order
    its BINDINGS list them (tui/bindings.py); the others follow as Textual has them."""

    _bindings: BindingsMap

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        bindings: dict[str, ActiveBinding] = super().active_bindings  # type: ignore[misc]
        declared = {key: rank for rank, key in enumerate(self._bindings.key_to_bindings)}
        me: DOMNode = self  # type: ignore[assignment]
        own = sorted(
            (key for key, active in bindings.items() if active.node is me and key in declared),
            key=declared.__getitem__,
        )
        ordered = {key: bindings[key] for key in own}
        ordered.update(bindings)  # the rest after them, in Textual's order
        return ordered
