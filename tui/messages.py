"""What screens ask of the app, as messages: a screen posts one and the app does it."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class OpenMeeting(Message):
    """Show the meeting `meeting_id` on the capture screen."""

    meeting_id: str


@dataclass
class EditMeeting(Message):
    """Open the set-up of the meeting `meeting_id` for editing."""

    meeting_id: str


@dataclass
class NewMeeting(Message):
    """Open the set-up for a new meeting, in `journey_id` when one is chosen."""

    journey_id: str | None = None


@dataclass
class NewJourney(Message):
    """Ask for a new journey's name and create it."""


@dataclass
class AskAuthor(Message):
    """Ask who is writing on this device."""


@dataclass
class LoadDemo(Message):
    """Fill the database with the demo meetings."""
