"""Held keys and pastes typed straight into a text field, when the app cannot wait any more.

On quit and on hang-up the keys `tui/key_order.py:KeyHold` still holds (F2 while the database
opens, a form still being composed) cannot wait for the panel or the form: the app leaves now.
What they type goes in at once, by the fields' own public edits (not as key events queued behind
the exit), so that the notes flushed right after hold it.

Imported with the app, so that leaving loads no module (an import can wait for the import lock
while the ORM loads). TextArea and the notes editor are imported where used, already loaded by
any screen with a note; home's first frame needs neither.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import events
from textual.widgets import Input

from tui.screens.holds_notes import HoldsNotes

# Keys that move between a form's fields (a panel's «Hva», «Hvem», «Frist»).
FIELD_KEYS = frozenset({"tab", "shift+tab"})

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.widgets import TextArea

    from tui.key_order import Held

    TextField = Input | TextArea


def typing_target(stack: Sequence[Screen[object]]) -> TextField | None:
    """Where held typing goes now: the text field focused on the screen on top, if it is shown;
    else (a panel or form not there yet, the focus on a list) the note of the screen beneath."""
    top = stack[-1] if stack else None
    focused = top.focused if top is not None and top.is_mounted else None
    if isinstance(focused, Input):
        return focused
    from textual.widgets import TextArea

    if isinstance(focused, TextArea) and not focused.read_only:
        return focused
    for screen in reversed(stack):
        if isinstance(screen, HoldsNotes):
            note = screen.typing_fallback()
            if note is not None:
                return note
    return None


async def type_into(field: TextField, event: Held) -> bool:
    """Do in `field` what `event` types there; False for a key that types nothing (an arrow,
    F2, ctrl+q: an action whose screen is leaving). Tab between a panel's fields becomes a
    space in the note the keys fall back to: the words stay apart."""
    if not isinstance(field, Input) and field.read_only:
        return False
    if isinstance(event, events.Paste):
        _paste(field, event.text)
        return True
    if event.key == "backspace":
        field.action_delete_left()
        return True
    if event.key == "enter":
        if isinstance(field, Input):
            await field.action_submit()  # a panel's field sends its item, as Enter does there
        else:
            _insert(field, "\n")  # in the note, a field's line ends where Enter sent it
        return True
    if event.key in FIELD_KEYS:
        if isinstance(field, Input):
            if event.key == "tab":  # on to the form's next field, as the key does there
                field.screen.focus_next()
            else:
                field.screen.focus_previous()
        else:
            _separate(field)  # «ring⇥Ola» meant two fields: in the note, two words
        return True
    if event.is_printable and event.character is not None:
        _insert(field, event.character)
        return True
    return False


def _separate(note: TextArea) -> None:
    """A space between the words typed for two fields, unless one is there already."""
    row, column = note.selection.start
    before = note.document.get_line(row)[:column]
    if before and not before[-1].isspace():
        _insert(note, " ")


def _insert(field: TextField, text: str) -> None:
    if isinstance(field, Input):
        field.replace(text, *field.selection)
    else:
        field.replace(text, *field.selection, maintain_selection_offset=False)


def _paste(field: TextField, text: str) -> None:
    from tui.widgets.notes_editor import NotesEditor

    if isinstance(field, NotesEditor):
        field.paste(text)  # cleaned as the note's own paste is
    elif isinstance(field, Input):
        lines = text.splitlines()
        if lines:
            _insert(field, lines[0])  # a one-line field takes the first line, as Textual's does
    else:
        _insert(field, text)
