"""A terminal read that fails for a moment (EAGAIN, EINTR) is tried again; only a terminal that
is really gone (EIO, ENXIO, EBADF, end of file) ends the app."""

from __future__ import annotations

import errno
import os
import signal
import threading
from collections.abc import Callable, Iterator

import pytest
from textual import events
from textual.app import App
from textual.message import Message

from tui import terminal
from tui.terminal import RETRY_GIVE_UP_SECONDS, ForgivingLinuxDriver, TerminalReader
from tui.terminal_gone import TerminalGone


def reads(*results: bytes | OSError) -> Callable[[int, int], bytes]:
    """A fake os.read giving `results` in turn (raising the errors)."""
    pending = list(results)

    def read(_fileno: int, _size: int) -> bytes:
        result = pending.pop(0)
        if isinstance(result, OSError):
            raise result
        return result

    return read


def failure(number: int) -> OSError:
    return OSError(number, os.strerror(number))


def test_a_read_that_would_block_or_was_interrupted_is_tried_again() -> None:
    read = TerminalReader(
        0,
        reads(BlockingIOError(errno.EAGAIN, "again"), InterruptedError(errno.EINTR, "intr"), b"ab"),
        pause=lambda _seconds: None,
    )
    assert [read(), read(), read()] == [None, None, b"ab"]


@pytest.mark.parametrize("number", [errno.EIO, errno.ENXIO, errno.EBADF])
def test_a_read_of_a_terminal_gone_says_so(number: int) -> None:
    assert TerminalReader(0, reads(failure(number)))() == b""


def test_reads_failing_for_long_take_the_terminal_as_gone_and_a_good_read_starts_afresh() -> None:
    now = [0.0]
    again = BlockingIOError(errno.EAGAIN, "again")
    read = TerminalReader(
        0, reads(again, again, b"k", again, again), clock=lambda: now[0], pause=lambda _s: None
    )
    assert read() is None
    now[0] += RETRY_GIVE_UP_SECONDS / 2
    assert read() is None
    assert read() == b"k"  # the terminal is there: the count of failures starts again
    now[0] += RETRY_GIVE_UP_SECONDS / 2
    assert read() is None
    now[0] += RETRY_GIVE_UP_SECONDS
    assert read() == b""


class Recording(ForgivingLinuxDriver):
    """The driver's input loop, its messages kept instead of sent to an app."""

    def __init__(self, app: App[None]) -> None:
        super().__init__(app)
        self.messages: list[Message] = []
        self.key_seen = threading.Event()

    def process_message(self, message: Message) -> None:
        self.messages.append(message)
        if isinstance(message, events.Key):
            self.key_seen.set()


@pytest.fixture
def signals_kept() -> Iterator[None]:
    """The driver sets handlers for ctrl+z and fg: the test process keeps its own."""
    kept = {number: signal.getsignal(number) for number in (signal.SIGTSTP, signal.SIGCONT)}
    yield
    for number, handler in kept.items():
        signal.signal(number, handler)


async def test_the_input_thread_goes_on_after_a_read_that_would_block(
    monkeypatch: pytest.MonkeyPatch, signals_kept: None
) -> None:
    output, into = os.pipe()
    real_read = os.read
    failed_once: list[bool] = []

    def read(fileno: int, size: int) -> bytes:
        if fileno == output and not failed_once:
            failed_once.append(True)  # as a non-blocking stdin whose bytes another reader took
            raise BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable")
        return real_read(fileno, size)

    monkeypatch.setattr(terminal.os, "read", read)
    driver = Recording(App())
    driver.fileno = output
    thread = threading.Thread(target=driver.run_input_thread, daemon=True)
    try:
        os.write(into, b"x")
        thread.start()
        assert driver.key_seen.wait(10), driver.messages
    finally:
        driver.exit_event.set()
        thread.join(10)
        os.close(into)
        os.close(output)
    assert failed_once
    assert [message.key for message in driver.messages if isinstance(message, events.Key)] == ["x"]
    assert not any(isinstance(message, TerminalGone) for message in driver.messages)
    assert not driver.gone.is_set()
