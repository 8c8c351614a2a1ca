"""The capture screen's count of time per question: what this laptop spent, added up as it goes.

The question on screen gathers time while the screen is shown; moving on, leaving, a form or
dialog on top, and every FLUSH_SECONDS write what it gathered as an increment of this device's
count (`models.question_time.add_time`, through the writer). A failed write keeps the seconds
for the next one. The guide tree and the status line show the sum over every device.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.widgets.guide_tree import GuideTree, minutes_text

if TYPE_CHECKING:
    from models.storage import Database
    from tui.writer import Writer

FLUSH_SECONDS = 30.0


class QuestionTimer:
    """Mixed into CaptureScreen; call `start_timing` when a question is shown."""

    # Seconds per question key, summed over devices (from the database, then counted on).
    question_seconds: dict[str, int]
    guide_tree: GuideTree
    ticker: Callable[[], float] = time.monotonic  # replaced in tests

    if TYPE_CHECKING:

        def show_state(self) -> None: ...

    def timing_target(self) -> tuple[Database, Writer, str] | None:
        """(database, writer, meeting id) to write to; None while the screen cannot write."""
        raise NotImplementedError

    def start_timing(self, question_key: str) -> None:
        """Write what the previous question gathered, then count for `question_key`."""
        self.flush_time()
        self._timed_key = question_key
        self._timed_since: float | None = self.ticker()

    def pause_timing(self) -> None:
        """Write what was gathered and stop counting (the screen is covered or closing)."""
        self.flush_time()
        self._timed_since = None

    def resume_timing(self) -> None:
        if getattr(self, "_timed_key", ""):
            self._timed_since = self.ticker()

    def flush_time(self) -> None:
        key = getattr(self, "_timed_key", "")
        since = getattr(self, "_timed_since", None)
        if not key or since is None:
            return
        now = self.ticker()
        pending = getattr(self, "_unsaved_seconds", {})
        seconds = now - since + pending.pop(key, 0.0)
        self._unsaved_seconds = pending
        self._timed_since = now
        if seconds < 1:
            pending[key] = seconds  # too little to write yet; kept for the next time
            return
        target = self.timing_target()
        if target is None:
            pending[key] = seconds
            return
        db, writer, meeting_id = target
        counted = int(seconds)
        pending[key] = seconds - counted
        shown = self.question_seconds.get(key, 0) + counted
        self.question_seconds[key] = shown
        self.show_question_time(key)

        def failed(_error: BaseException) -> None:
            # Not worth a message in the middle of a meeting: the next flush tries again.
            pending[key] = pending.get(key, 0.0) + counted
            self.question_seconds[key] = self.question_seconds.get(key, counted) - counted

        def write() -> None:
            from models.question_time import add_time  # the ORM: not before the screen shows

            add_time(db, meeting_id, key, counted)

        writer.submit(write, on_error=failed)

    def show_question_time(self, question_key: str) -> None:
        if self.guide_tree.is_attached:
            self.guide_tree.show_times(self.question_seconds)
        self.show_state()

    def question_time_text(self, question_key: str) -> str:
        """«4m» once a minute was spent on the question, else ""."""
        seconds = self.question_seconds.get(question_key, 0)
        return minutes_text(seconds) if seconds >= 60 else ""

    def recorded_seconds(self) -> int:
        return sum(self.question_seconds.values())
