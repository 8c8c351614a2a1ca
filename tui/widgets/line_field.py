"""A field of a panel's line: an item typed over one or a few fields, sent with Enter in any.

Enter takes the whole line as it is at that key. The panel read the other fields when the
field's Submitted message reached it, a few message hops later, so which of the keys typed
behind Enter in one burst (Shift+Tab, the next item's words) were sent with the item hung on
how the event loop ran those hops. Taken at the key, it no longer does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.widgets import Input

from tui.widgets.text_field import TextField


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
        self.post_message(self.Submitted(self, self.value, line=line))
