"""The writer thread: writes run in order, a burst on one note collapses, errors are reported."""

from __future__ import annotations

import threading

from tui.writer import Writer


def test_jobs_run_in_the_order_they_were_submitted() -> None:
    writer = Writer()
    seen: list[int] = []
    for number in range(50):
        writer.submit(lambda number=number: seen.append(number))
    writer.drain()
    writer.close()
    assert seen == list(range(50))


def test_a_burst_of_saves_of_one_note_writes_only_the_newest_text() -> None:
    writer = Writer()
    gate = threading.Event()
    writer.submit(gate.wait)  # hold the thread so that the saves queue up behind it
    written: list[str] = []
    for text in ("H", "He", "Hei"):
        writer.submit_latest("note", lambda text=text: written.append(text))
    gate.set()
    writer.drain()
    writer.close()
    assert written == ["Hei"]


def test_a_failing_job_is_reported_and_later_jobs_still_run() -> None:
    writer = Writer()
    errors: list[str] = []
    done: list[str] = []
    writer.submit(lambda: 1 / 0, on_error=lambda error: errors.append(type(error).__name__))
    writer.submit(lambda: "ok", on_done=done.append)
    writer.drain()
    writer.close()
    assert errors == ["ZeroDivisionError"]
    assert done == ["ok"]


def test_after_close_a_job_runs_at_once_rather_than_being_lost() -> None:
    writer = Writer()
    writer.close()
    done: list[str] = []
    writer.submit_latest("note", lambda: "late", on_done=done.append)
    assert done == ["late"]
