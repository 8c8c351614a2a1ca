"""The meeting clock goes on from the meeting's start when the meeting is opened again."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Static

from tui.widgets.guide_tree import minutes_text
from tui.widgets.meeting_clock import MeetingClock, format_elapsed, meeting_start

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


async def test_the_clock_line_is_updated_only_when_its_text_changes_and_relaid_out_when_wider(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    now = [dt.datetime(2026, 11, 4, 9, 58, 10)]

    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield MeetingClock("Møte", dt.datetime(2026, 11, 4, 9, 0), lambda: now[0])

    updates: list[tuple[str, bool]] = []
    original = Static.update

    def counted(self: Static, content: object = "", *, layout: bool = True) -> None:
        if self.id == "meeting-time":
            updates.append((str(content), layout))
        original(self, content, layout=layout)  # type: ignore[arg-type]

    app = One()
    async with app.run_test(size=(60, 3)) as pilot:
        clock = app.query_one(MeetingClock)
        monkeypatch.setattr(Static, "update", counted)
        now[0] += dt.timedelta(seconds=5)
        clock.tick()  # the same minute: nothing to show
        assert updates == []
        now[0] = dt.datetime(2026, 11, 4, 9, 59, 1)
        clock.tick()  # «09:59 · 0:59»: as wide as before, no layout of the screen
        now[0] = dt.datetime(2026, 11, 4, 10, 0, 1)
        clock.tick()  # «10:00 · 1:00»: still as wide
        await pilot.pause()
        assert [layout for _, layout in updates] == [False, False]
        assert "0:59" in updates[0][0] and "1:00" in updates[1][0]
        assert "1:00" in str(app.query_one("#meeting-time", Static).content)
