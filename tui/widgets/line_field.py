"""A field of a panel's line: an item typed over one or a few fields, sent with Enter in any.

Enter takes the whole line as it is at that key. The panel read the other fields when the
field's Submitted message reached it, a few message hops later, so which of the keys typed
behind Enter in one burst (Shift+Tab, the next item's words) were sent with the item hung on
how the event loop ran those hops. Taken at the key, it no longer does.

A panel that moves the focus at Enter (the follow-ups' next item starts in «Hva») takes the
line at the key too (`TakesLine`): as a message, the keys typed behind Enter were routed to
the old field before the panel had moved the focus, the next item's first word in «Frist».
"""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.widgets import Input

from tui.widgets.text_field import TextField


class TakesLine:
    """A widget that takes its line fields' Enter at the key, before the next key is routed
    (the app runs Enter in a panel's field as an action: `tui/screens/capture_keys.py`)."""

    def line_sent(self, field: LineField, line: dict[str, str]) -> None:
        raise NotImplementedError


class LineField(TextField):
    """A `TextField` whose Enter notes its line: the `LineField`s beside it, as they are."""

    @dataclass
    class Submitted(Input.Submitted):
        """Enter in a line field, with every field of the line as it was then."""

        line: dict[str, str] = field(default_factory=dict)  # by field id

    async def action_submit(self) -> None:
        # The panels' fields have no validators: what they hold is checked as it is sent.
        parent = self.parent
        fields = parent.query_children(LineField) if parent is not None else [self]
        line = {each.id or "": each.value for each in fields}
        owner = next((node for node in self.ancestors if isinstance(node, TakesLine)), None)
        if owner is not None:
            owner.line_sent(self, line)
        else:
            self.post_message(self.Submitted(self, self.value, line=line))
