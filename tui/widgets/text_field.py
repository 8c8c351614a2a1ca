"""The app's one-line text field: focusing it never selects what it holds.

Textual's Input selects all of its text when it gets the focus, so the first key typed after
Tab into a filled field (a service's name, a meeting's title, the author) replaced the whole
text unseen. Here the cursor stays where it was: at the end of the text a field opens with,
where the user left it after that; typing adds, nothing is wiped.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Input


class TextField(Input):
    """An `Input` that keeps its text on focus (`select_on_focus` is off unless asked for)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)
