"""What the app reads from and writes to the database, as plain functions run off the UI thread.

Every function takes the open `Database`; reads return frozen dataclasses so that nothing lazy
from SQLAlchemy reaches a widget; writes run on the writer thread (tui/writer.py) and go through
`models.records` so that clocks are stamped. One module per part of the app; the names are
re-exported here so that a screen imports them from `tui.store`.
"""

from __future__ import annotations

from models.meeting_form import MeetingSetup
from tui.home_data import HomeData, HomeJourney, HomeMeeting, load_home
from tui.store.capture import CaptureData, load_capture
from tui.store.home import create_journey, remember_author, remembered_author
from tui.store.setup import (
    GuideChoice,
    KnownPerson,
    SetupChoices,
    known_organisations,
    known_people,
    load_meeting_setup,
    load_setup_choices,
)

__all__ = [
    "CaptureData",
    "GuideChoice",
    "HomeData",
    "HomeJourney",
    "HomeMeeting",
    "KnownPerson",
    "MeetingSetup",
    "SetupChoices",
    "create_journey",
    "known_organisations",
    "known_people",
    "load_capture",
    "load_home",
    "load_meeting_setup",
    "load_setup_choices",
    "remember_author",
    "remembered_author",
]
