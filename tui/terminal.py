"""Terminal input that never ends the app: bad bytes become U+FFFD, a paste arrives whole.

Textual 8.2.8's LinuxDriver decodes stdin with a strict UTF-8 decoder (a Latin-1 «æ» raises
UnicodeDecodeError on the input thread, and the app panics) and its XTermParser treats an ESC
inside a bracketed paste as the start of a key sequence (the rest of the paste is executed as
keys). This driver decodes with errors="replace" and cuts bracketed pastes out of the stream
before the parser sees them, so a paste is one `events.Paste` whatever it holds.
"""

from __future__ import annotations

import errno
import logging
import os
import selectors
import signal
import threading
import time
from codecs import getincrementaldecoder
from collections.abc import Callable
from typing import Any

from textual import events
from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

from tui import terminal_activity
from tui.terminal_gone import TerminalGone, TerminalOutput

log = logging.getLogger(__name__)

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"


READ_SIZE = 4096
# Seconds the driver's close waits for Textual's writer thread once the terminal is gone.
CLOSE_GONE_SECONDS = 1.0
# A read failing with these means the terminal is gone: the other side of the pty is closed
# (EIO), the device went away (ENXIO), the descriptor is no longer open (EBADF).
GONE_ERRNOS = frozenset({errno.EIO, errno.ENXIO, errno.EBADF})
# Any other failure (EAGAIN on a non-blocking stdin, EINTR) is tried again, a moment later so
# that a select that keeps saying «ready» does not spin; failing without a byte read for this
# long, the terminal is taken as gone (no key can come through it).
RETRY_PAUSE_SECONDS = 0.01
RETRY_GIVE_UP_SECONDS = 5.0


class TerminalReader:
    """One read of the terminal: its bytes; b"" once the terminal is gone; None when the read
    failed in a way that may pass (tried again at the next select)."""

    def __init__(
        self,
        fileno: int,
        read: Callable[[int, int], bytes] | None = None,
        clock: Callable[[], float] = time.monotonic,
        pause: Callable[[float], None] = time.sleep,
    ) -> None:
        self.fileno = fileno
        self._read = read or os.read
        self._clock, self._pause = clock, pause
        self._failing_since: float | None = None

    def __call__(self) -> bytes | None:
        try:
            raw = self._read(self.fileno, READ_SIZE)
        except OSError as error:
            if error.errno in GONE_ERRNOS:
                return b""
            now = self._clock()
            if self._failing_since is None:
                self._failing_since = now
            elif now - self._failing_since >= RETRY_GIVE_UP_SECONDS:
                log.debug("terminal reads keep failing: taken as gone", exc_info=True)
                return b""
            self._pause(RETRY_PAUSE_SECONDS)
            return None
        self._failing_since = None
        return raw


def _partial_suffix(text: str, marker: str) -> int:
    """The length of the longest end of `text` that is a proper start of `marker`."""
    for length in range(min(len(marker) - 1, len(text)), 0, -1):
        if marker.startswith(text[-length:]):
            return length
    return 0


class PasteSplitter:
    """Splits decoded terminal input into key text and whole pastes, across reads."""

    def __init__(self) -> None:
        self.in_paste = False
        self._held = ""  # a marker that may be cut in two by the read
        self._paste: list[str] = []

    def feed(self, text: str, more: bool = False) -> list[tuple[str, str]]:
        """Pieces ("keys", text) and ("paste", text) in the order they arrived.

        `more`: the read filled the buffer, so a paste marker may be cut at its end. Otherwise
        the terminal's write was read whole, and a lone ESC at the end is the Escape key.
        """
        text, self._held = self._held + text, ""
        pieces: list[tuple[str, str]] = []
        while text:
            if self.in_paste:
                end = text.find(PASTE_END)
                if end < 0:
                    held = _partial_suffix(text, PASTE_END)
                    self._paste.append(text[: len(text) - held])
                    self._held = text[len(text) - held :]
                    break
                self._paste.append(text[:end])
                pieces.append(("paste", "".join(self._paste).replace("\x00", "")))
                self._paste.clear()
                self.in_paste = False
                text = text[end + len(PASTE_END) :]
            else:
                start = text.find(PASTE_START)
                if start < 0:
                    held = _partial_suffix(text, PASTE_START) if more else 0
                    keys, self._held = text[: len(text) - held], text[len(text) - held :]
                    if keys:
                        pieces.append(("keys", keys))
                    break
                if start:
                    pieces.append(("keys", text[:start]))
                self.in_paste = True
                text = text[start + len(PASTE_START) :]
        return pieces

    def idle(self) -> str:
        """Key text held back for a marker that never came (nothing more was read)."""
        if self.in_paste:
            return ""
        held, self._held = self._held, ""
        return held


class ForgivingLinuxDriver(LinuxDriver):
    """LinuxDriver whose input thread replaces bad bytes and keeps pastes whole, which notes
    when a key was read and a frame written (`tui/terminal_activity.py`), and which tells the
    app when the terminal is gone (`TerminalGone`) instead of blocking on it."""

    def __init__(self, app: Any, **kwargs: Any) -> None:
        super().__init__(app, **kwargs)
        self.gone = threading.Event()
        self._gone_told = False
        # The file Textual's writer thread writes to (`_file`, private in 8.2.8: left as it is
        # where a later Textual has none).
        if hasattr(self, "_file"):
            self._file = TerminalOutput(self._file, self.gone)
        # The kernel sends SIGCONT with the SIGHUP of a hang-up; Textual's handler would start
        # application mode again on the dead terminal (a second writer thread, which dies).
        signal.signal(signal.SIGCONT, self._continued)

    def _continued(self, signal_number: int, frame: Any) -> None:
        if self.gone.is_set() or (self.input_tty and not os.isatty(self.fileno)):
            # Hung up: the SIGHUP that came with it, and the input thread, tell the app.
            self.gone.set()
            return
        resume = getattr(LinuxDriver, "_sigcont_application", None)  # back from ctrl+z
        if resume is not None:
            resume(self, signal_number, frame)

    def hung_up(self) -> None:
        """The terminal is gone: write nothing more to it, and tell the app (once)."""
        self.gone.set()
        if not self._gone_told:
            self._gone_told = True
            self.process_message(TerminalGone())

    def write(self, data: str) -> None:
        if not self.gone.is_set():  # nothing queued for a terminal that is gone
            super().write(data)

    def flush(self) -> None:
        super().flush()
        terminal_activity.frame_written()

    def close(self) -> None:
        """Stop Textual's writer thread; once the terminal is gone, wait for it only a moment
        (a write the terminal never takes would block the shutdown for good)."""
        if not self.gone.is_set():
            super().close()
            return
        closing = threading.Thread(target=super().close, name="innsikt-close", daemon=True)
        closing.start()
        closing.join(CLOSE_GONE_SECONDS)

    def run_input_thread(self) -> None:
        """Textual's loop (8.2.8), with a replacing decoder and the paste splitter."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        read = TerminalReader(self.fileno)
        parser = XTermParser(self._debug)
        decoder = getincrementaldecoder("utf-8")(errors="replace")
        splitter = PasteSplitter()

        def feed_keys(text: str) -> None:
            for event in parser.feed(text):
                self.process_message(event)

        def process(ready: list[tuple[selectors.SelectorKey, int]], final: bool = False) -> bool:
            """False once the terminal is gone (its reads end or fail: hung up)."""
            read_any = ended = False
            for _key, mask in ready:
                if mask & selectors.EVENT_READ:
                    raw = read()
                    if raw is None:  # EAGAIN, EINTR: the terminal is still there
                        continue
                    if not raw:
                        ended = True  # the keys read before still go to the app, below
                        break
                    terminal_activity.key_read()
                    data = decoder.decode(raw, final=final)
                    read_any = True
                    for kind, text in splitter.feed(data, more=len(raw) == READ_SIZE):
                        if kind == "paste":
                            self.process_message(events.Paste(text))
                        else:
                            feed_keys(text)
            if not read_any and (held := splitter.idle()):
                feed_keys(held)
            for event in parser.tick():
                self.process_message(event)
            return not ended

        try:
            while not self.exit_event.is_set():
                if not process(selector.select(0.1)):
                    self.hung_up()  # no key can come any more
                    return
            selector.unregister(self.fileno)
            process(selector.select(0.1), final=True)
        finally:
            selector.close()
            try:
                for _event in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass
