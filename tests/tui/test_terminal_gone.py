"""Textual's writer thread keeps emptying its queue when the terminal it writes to is gone."""

from __future__ import annotations

import errno
import io
import threading

from textual.drivers._writer_thread import MAX_QUEUED_WRITES, WriterThread

from tui.terminal_gone import TerminalOutput


class HungUpTerminal(io.StringIO):
    """A tty whose other side is closed: every write fails with EIO."""

    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def write(self, text: str) -> int:
        self.writes += 1
        raise OSError(errno.EIO, "Input/output error")

    def fileno(self) -> int:
        return 2


def test_a_failed_write_marks_the_terminal_gone_and_nothing_more_is_written() -> None:
    terminal = HungUpTerminal()
    output = TerminalOutput(terminal, threading.Event())
    assert output.write("frame") == len("frame")
    assert output.gone.is_set()
    output.write("next frame")
    output.flush()
    assert terminal.writes == 1


def test_frames_and_the_shutdown_never_block_on_a_terminal_that_is_gone() -> None:
    writer = WriterThread(TerminalOutput(HungUpTerminal(), threading.Event()))  # type: ignore[arg-type]
    writer.start()

    def frames_then_stop() -> None:
        for _ in range(MAX_QUEUED_WRITES * 4):  # more than the queue holds
            writer.write("frame")
        writer.stop()

    ui = threading.Thread(target=frames_then_stop, daemon=True)
    ui.start()
    ui.join(timeout=10)  # a bound only a hang reaches
    assert not ui.is_alive(), "the UI thread blocked on the writer's full queue"
