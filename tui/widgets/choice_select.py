"""A Select that picks an option by typing its first letters while closed, as in a web form.

Saves keystrokes when filling in a form during a meeting: Tab, «i» sets status to «i drift»
without opening the list. The same letter again moves to the next option with that letter.

The pause between letters is measured with the keys' own times (when the terminal's bytes were
read), not when they are handled: on a loaded laptop, letters typed together may be handled a
second apart, and letters typed apart may wait and be handled together.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widgets import Select

TYPEAHEAD_PAUSE = 1.0  # seconds of quiet after which typing starts a new search


def option_label(prompt: object) -> str:
    """The plain text of an option's prompt."""
    return prompt.plain if isinstance(prompt, Text) else str(prompt)


class ChoiceSelect(Select[str]):
    """A Select of strings that answers to typed letters while closed."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._typed = ""
        self._typed_at = float("-inf")  # the first letter starts a search

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        # Letters belong to the select, so screen bindings on letters do not fire here.
        return character is not None and character.isprintable() and character != " "

    def on_key(self, event: events.Key) -> None:
        if self.expanded or not self.check_consume_key(event.key, event.character):
            return
        event.stop()
        event.prevent_default()
        assert event.character is not None
        self.type_letter(event.character, event.time)

    def type_letter(self, character: str, typed_at: float) -> None:
        """Select the option that the letters typed so far point to; `typed_at` is the key's
        time (`events.Key.time`), on the clock of Textual's events."""
        if typed_at - self._typed_at > TYPEAHEAD_PAUSE:
            self._typed = ""
        self._typed_at = typed_at
        self._typed += character.casefold()
        options = [
            (option_label(prompt).casefold(), value)
            for prompt, value in self._options
            if value != Select.NULL
        ]
        if len(set(self._typed)) == 1:
            # One letter, typed once or repeatedly: cycle through the options it starts.
            matches = [value for label, value in options if label.startswith(self._typed[0])]
            if matches:
                current = matches.index(self.value) if self.value in matches else -1
                self.value = matches[(current + 1) % len(matches)]
            return
        match = next((value for label, value in options if label.startswith(self._typed)), None)
        if match is None:
            match = next((value for label, value in options if self._typed in label), None)
        if match is not None:
            self.value = match
