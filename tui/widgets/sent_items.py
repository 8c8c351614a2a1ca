"""The items a panel's fields sent with Enter whose save is not known yet.

Enter leaves the fields as they are: an item's text stays at their front until its save comes
back. Saved, it is taken out and what was typed after it stays (the next item's first letters,
typed in the same burst); failed, it stays as typed, nothing put back ahead of other text. A
second Enter meanwhile sends only what was typed after the items still out.

And the panel's error line: an item's success hides it only if it was shown before the item
was sent (the user saw it and sent again); one shown later (an item ahead failed, a value was
refused at Enter) is still to be seen to.

Pure bookkeeping without Textual, so that each rule is tested directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tui.forms import typed_since

Values = tuple[str, ...]  # one text per field, in the panel's order


@dataclass(eq=False)  # told apart by identity: two items may hold the same text
class SentItem:
    values: Values
    sent: int  # when, on the panel's count of sends and errors shown
    failed: bool = False


class SentItems:
    """The items out, in the order they were sent (the writer saves them in that order)."""

    def __init__(self) -> None:
        # Failed items stay listed while a later one is out: their text is still ahead of it.
        self._items: list[SentItem] = []
        self._count = 0  # sends and errors shown, in the order they happened
        self._error = 0  # when the error line was last shown (0: never)

    def __len__(self) -> int:
        """How many items are out, or failed ahead of one out."""
        return len(self._items)

    def unsent(self, values: Sequence[str]) -> Values:
        """What each field holds after the items out: what a new Enter sends."""
        return tuple(
            typed_since(value, self._ahead(field, len(self._items)))
            for field, value in enumerate(values)
        )

    def send(self, values: Sequence[str]) -> SentItem:
        self._count += 1
        item = SentItem(tuple(values), self._count)
        self._items.append(item)
        return item

    def error_shown(self) -> None:
        self._count += 1
        self._error = self._count

    def clears_error(self, item: SentItem) -> bool:
        """Whether `item`, saved, takes the error line away: it was sent after it showed."""
        return self._error < item.sent

    def saved(self, item: SentItem, values: Sequence[str]) -> Values:
        """The fields' text with `item`'s taken out. A field the user changed in front of it
        keeps all it holds: rather the item twice than a letter lost."""
        index = self._items.index(item)
        kept = []
        for field, value in enumerate(values):
            ahead = self._ahead(field, index)
            text = item.values[field]
            if value.startswith(ahead + text):
                value = ahead + value[len(ahead) + len(text) :]
            kept.append(value)
        del self._items[index]
        self._forget_if_settled()
        return tuple(kept)

    def failed(self, item: SentItem) -> None:
        """`item`'s text stays in the fields, as typed, to be corrected and sent again."""
        item.failed = True
        self._forget_if_settled()

    def _ahead(self, field: int, index: int) -> str:
        return "".join(item.values[field] for item in self._items[:index])

    def _forget_if_settled(self) -> None:
        # Nothing out any more: a failed item's text is the fields' own text from now on.
        if all(item.failed for item in self._items):
            self._items.clear()
