"""Work the process's end does not wait for, and the gate that keeps its writes whole."""

from __future__ import annotations

import asyncio
import threading

import pytest

from tui.daemon_work import FileGate, on_daemon_thread


async def test_the_job_runs_on_a_daemon_thread_and_its_result_comes_back() -> None:
    def job() -> tuple[str, bool]:
        return threading.current_thread().name, threading.current_thread().daemon

    assert await on_daemon_thread(job, name="innsikt-test") == ("innsikt-test", True)


async def test_the_jobs_exception_is_raised_where_it_is_awaited() -> None:
    def job() -> None:
        raise ValueError("bad file")

    with pytest.raises(ValueError, match="bad file"):
        await on_daemon_thread(job, name="innsikt-test")


async def test_a_job_that_ends_after_its_wait_was_cancelled_upsets_nothing() -> None:
    loop = asyncio.get_running_loop()
    problems: list[dict[str, object]] = []
    loop.set_exception_handler(lambda _loop, context: problems.append(context))
    go_on, ended = threading.Event(), threading.Event()

    def job() -> str:
        go_on.wait(10)
        ended.set()
        return "late"

    waiting = asyncio.ensure_future(on_daemon_thread(job, name="innsikt-test"))
    await asyncio.sleep(0)
    waiting.cancel()  # the app closing cancels its workers
    with pytest.raises(asyncio.CancelledError):
        await waiting
    go_on.set()
    assert await asyncio.to_thread(ended.wait, 10)
    for _ in range(5):  # the thread's call back to the loop has run
        await asyncio.sleep(0.01)
    assert problems == []


def test_shutting_the_gate_waits_for_a_write_under_way_and_refuses_later_ones() -> None:
    gate = FileGate()
    inside, finish, shut = threading.Event(), threading.Event(), threading.Event()
    allowed: list[bool] = []

    def writer() -> None:
        with gate.inside() as may_write:
            allowed.append(may_write)
            inside.set()
            finish.wait(10)

    def closer() -> None:
        gate.shut()
        shut.set()

    thread = threading.Thread(target=writer)
    thread.start()
    assert inside.wait(10)
    closing = threading.Thread(target=closer)
    closing.start()
    assert not shut.wait(0.2)  # the write under way is let finish
    finish.set()
    assert shut.wait(10)
    thread.join(10)
    closing.join(10)
    with gate.inside() as may_write:
        allowed.append(may_write)
    assert allowed == [True, False]
