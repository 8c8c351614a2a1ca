"""What screens ask of the app, as messages: a screen posts one and the app does it.

Plain classes, not dataclasses: home imports them before its first frame, and making a
dataclass (its methods compiled as the module is imported) cost a millisecond or so each.
"""

from __future__ import annotations

from textual.message import Message


class OpenMeeting(Message):
    """Show the meeting `meeting_id` on the capture screen."""

    def __init__(self, meeting_id: str) -> None:
        super().__init__()
        self.meeting_id = meeting_id


class EditMeeting(Message):
    """Open the set-up of the meeting `meeting_id` for editing."""

    def __init__(self, meeting_id: str) -> None:
        super().__init__()
        self.meeting_id = meeting_id


class NewMeeting(Message):
    """Open the set-up for a new meeting, in `journey_id` when one is chosen."""

    def __init__(self, journey_id: str | None = None) -> None:
        super().__init__()
        self.journey_id = journey_id


class NewJourney(Message):
    """Ask for a new journey's name and create it."""


class AskAuthor(Message):
    """Ask who is writing on this device."""


class LoadDemo(Message):
    """Fill the database with the demo meetings."""
