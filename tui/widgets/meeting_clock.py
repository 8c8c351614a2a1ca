"""The header line of the capture screen: meeting title, the time of day and time in the meeting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from tui.text import tx


def meeting_start(
    date: dt.date | None, start_time: str, opened: dt.datetime, recorded: int = 0
) -> dt.datetime:
    """When the meeting began, so that its clock goes on where it was when the meeting is
    opened again: the planned start if that is today and past, else `recorded` seconds (the
    time already spent on its questions) before now, whichever is earlier: the clock never
    shows less than the time recorded."""
    resumed = opened - dt.timedelta(seconds=max(recorded, 0))
    if date == opened.date() and start_time:
        hours, minutes = (int(part) for part in start_time.split(":"))
        planned = dt.datetime.combine(date, dt.time(hours, minutes))
        if planned <= opened:
            return min(planned, resumed)
    return resumed


def format_elapsed(seconds: float) -> str:
    minutes = int(max(seconds, 0)) // 60
    return f"{minutes // 60}:{minutes % 60:02d}"


class MeetingClock(Horizontal):
    """Title on the left; «hh:mm · t:mm i møtet» on the right, updated every few seconds."""

    DEFAULT_CSS = """
    MeetingClock { height: 1; background: $panel; color: $foreground; }
    MeetingClock #meeting-title { width: 1fr; padding: 0 1; text-style: bold; }
    MeetingClock #meeting-time { width: auto; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, title: str, started: dt.datetime, clock: Callable[[], dt.datetime]) -> None:
        super().__init__()
        self.title_text = title
        self.started = started
        self.clock = clock

    def compose(self) -> ComposeResult:
        yield Static(self.title_text, id="meeting-title", markup=False)
        yield Static(self._time_text(), id="meeting-time")

    def on_mount(self) -> None:
        self.set_interval(5, self.tick)

    def _time_text(self) -> str:
        now = self.clock()
        elapsed = format_elapsed((now - self.started).total_seconds())
        return tx("capture_elapsed", clock=now.strftime("%H:%M"), elapsed=elapsed)

    def tick(self) -> None:
        # It shows minutes: most ticks change nothing, and an update of a width-auto line
        # relays the whole screen out (a paint that a PgDn or a key at that moment waits for).
        shown = self.query_one("#meeting-time", Static)
        text, before = self._time_text(), str(shown.content)
        if text != before:
            shown.update(text, layout=len(text) != len(before))
