"""The terminal went away (its window closed, its ssh dropped): know it, and stop writing to it.

On a hung-up tty every write fails with EIO and every read ends. Textual 8.2.8's writer thread
died at its first failed write, and the UI thread then blocked for good on the thread's full
queue (30 writes), in a frame or in the shutdown. `TerminalOutput` is the file that thread
writes to: from the first failed write on it drops everything, so the thread keeps emptying its
queue and the app can save and end.
"""

from __future__ import annotations

import threading
from typing import IO, Any

from textual.message import Message


class TerminalGone(Message):
    """The driver found its terminal gone: the app saves what was typed and ends."""


class TerminalOutput:
    """A file-like wrapper of the terminal's output that never raises nor writes once the
    terminal is gone (`gone` is set by the first failed write, or by the driver)."""

    def __init__(self, file: IO[str], gone: threading.Event) -> None:
        self._file = file
        self.gone = gone

    def write(self, text: str) -> int:
        if not self.gone.is_set():
            try:
                return self._file.write(text)
            except (OSError, ValueError):  # EIO: hung up; EPIPE; ValueError: file closed
                self.gone.set()
        return len(text)

    def flush(self) -> None:
        if not self.gone.is_set():
            try:
                self._file.flush()
            except (OSError, ValueError):
                self.gone.set()

    def fileno(self) -> int:
        return self._file.fileno()

    def isatty(self) -> bool:
        return self._file.isatty()

    def __getattr__(self, name: str) -> Any:
        # Anything else Textual may ask of the file (encoding, …) is the real file's.
        return getattr(self._file, name)
