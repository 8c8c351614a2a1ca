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


def test_released_early_the_note_saves_run_while_the_other_writes_wait_in_order() -> None:
    writer = Writer(held=True)
    ran: list[str] = []
    writer.submit(lambda: ran.append("answer 1"))
    writer.submit_latest("note", lambda: ran.append("note"), early=True)
    writer.submit(lambda: ran.append("answer 2"))
    writer.drain()  # held: nothing can run, and drain does not wait for it
    assert ran == []
    writer.release_early()
    writer.submit(lambda: ran.append("answer 3"))
    writer.submit(lambda: ran.append("note 2"), early=True)
    writer.drain()
    assert ran == ["note", "note 2"]
    writer.release()
    writer.submit(lambda: ran.append("after"))
    writer.drain()
    writer.close()
    assert ran == ["note", "note 2", "answer 1", "answer 2", "answer 3", "after"]


def test_the_writes_kept_for_the_database_run_at_release_with_nothing_submitted_after() -> None:
    writer = Writer(held=True)
    done = threading.Event()
    writer.release_early()
    writer.submit(done.set)
    assert not done.wait(0.2)
    writer.release()
    assert done.wait(5)
    writer.close()


def test_closing_a_writer_released_early_runs_the_writes_it_kept() -> None:
    writer = Writer(held=True)
    writer.release_early()
    ran: list[str] = []
    writer.submit(lambda: ran.append("answer"))
    writer.close()
    assert ran == ["answer"]
