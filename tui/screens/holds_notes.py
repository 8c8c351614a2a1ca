"""What the app asks of a screen that holds typed notes, so that it never looks screens up by name."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.key_order import KeyHold, key_hold_of

if TYPE_CHECKING:
    from textual import events
    from textual.dom import DOMNode
    from textual.widgets import TextArea

    from models.storage import Database


class HoldsNotes:
    """A screen with a notes editor: before leaving it, the app hands its unsaved text over."""

    def flush_notes(self) -> None:
        raise NotImplementedError

    @property
    def shown_meeting_id(self) -> str | None:
        """The meeting whose notes are shown, if the screen is about one meeting."""
        return None

    @property
    def shown_question_key(self) -> str | None:
        """The question shown, if the screen shows one."""
        return None

    def typing_fallback(self) -> TextArea | None:
        """The note that typing goes to when its own field is not there (quit, hang-up)."""
        return None


class RoutesKeys:
    """A screen that sees every key before the focused widget does (to keep typed keys in order)."""

    def route_key(self, event: events.Key) -> tuple[DOMNode, str] | None:
        """Move the focus where `event` belongs; or name an action (its namespace and name)
        that the app runs at once, before the next key is routed, in place of delivering it."""
        raise NotImplementedError

    def route_paste(self, event: events.Paste) -> None:
        """Move the focus where a paste belongs before it is sent to the focused widget."""

    if TYPE_CHECKING:

        @property
        def app(self) -> object: ...

    @property
    def key_hold(self) -> KeyHold:
        """Keys held by the app while an action of the screen moves the focus (then given)."""
        return key_hold_of(self.app)


class OpensLate:
    """A screen that can be shown before the database is open, and is told when it is."""

    # False until its first content is on screen: keys typed before then are kept by the app.
    shown = True

    def database_opened(self, db: Database) -> None:
        """Called before the writer lets the held writes run: they may need `db` at once."""
        raise NotImplementedError

    def database_not_opened(self) -> None:
        """The database failed to open: what waits for it waits no longer."""
