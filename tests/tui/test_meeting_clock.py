"""The meeting clock goes on from the meeting's start when the meeting is opened again."""

from __future__ import annotations

import datetime as dt

from tui.widgets.guide_tree import minutes_text
from tui.widgets.meeting_clock import format_elapsed, meeting_start

NOW = dt.datetime(2026, 11, 4, 10, 42, 5)


def test_a_meeting_of_today_runs_from_its_planned_start() -> None:
    started = meeting_start(NOW.date(), "09:00", NOW)
    assert format_elapsed((NOW - started).total_seconds()) == "1:42"


def test_a_reopened_meeting_goes_on_from_the_time_already_recorded() -> None:
    started = meeting_start(dt.date(2026, 10, 6), "09:00", NOW, recorded=47 * 60)
    assert format_elapsed((NOW - started).total_seconds()) == "0:47"
    assert meeting_start(None, "", NOW) == NOW  # a new meeting starts at zero


def test_the_clock_never_shows_less_than_what_was_recorded() -> None:
    started = meeting_start(NOW.date(), "10:30", NOW, recorded=40 * 60)
    assert format_elapsed((NOW - started).total_seconds()) == "0:40"
    assert meeting_start(NOW.date(), "11:00", NOW) == NOW  # a start still ahead: from now


def test_minutes_on_a_question_are_short_enough_for_the_tree() -> None:
    assert [minutes_text(s) for s in (60, 299, 3600, 3900)] == ["1m", "4m", "1t00m", "1t05m"]
