"""Benchmark the capture TUI: start-up against a bare Textual app, and keystroke-to-disk latency.

Start-up, measured in the same run and interleaved, each process in its own pseudo-terminal:

- bare: a Textual app with one Static (the floor any Textual app pays);
- innsikt: `innsikt --db DEMO.sqlite` through the real console-script path (`tui.cli.main`,
  `run_app`, `InnsiktApp`), with a probe subclass that records when the first frame of the home
  screen was painted and when the home screen had the demo's meetings on it.

Time is from just before the process is spawned to the paint, as wall-clock seconds written by
the child. Prints the median of N runs of each and the ratio innsikt / bare (target ≤ 2.0).

Keystroke to durable: the real app on a demo meeting; one character is typed at a time and the
note row is polled in the file (another SQLite connection) until it holds that character.

Keystrokes to a new meeting: the real app on the demo database is sent `m`, space, ctrl+s and
then text; the bench checks that a new meeting holds that text.

Run: python bench/startup.py [--runs 7] [--keys 10]
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pty
import sqlite3
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

PROBE = r"""
import json, sys, time
mode, db, out = sys.argv[1:4]

def record(**times):
    with open(out, "w") as handle:
        json.dump(times, handle)

if mode == "bare":
    from textual.app import App
    from textual.widgets import Static

    class Bare(App):
        def compose(self):
            yield Static("innsikt")

        def on_mount(self):
            self.call_after_refresh(self.painted)

        def painted(self):
            record(frame=time.time())
            self.exit()

    Bare().run()
else:
    import tui.app

    class Probe(tui.app.InnsiktApp):
        frame = None

        def on_mount(self):  # Textual calls InnsiktApp.on_mount too: no super() here
            self.call_after_refresh(self.painted)
            self.set_interval(0.002, self.poll)

        def painted(self):
            self.frame = time.time()

        def poll(self):
            if self.frame and getattr(self.screen, "loaded", False):
                self.call_after_refresh(self.loaded)

        def loaded(self):
            record(frame=self.frame, loaded=time.time())
            self.exit()

    tui.app.InnsiktApp = Probe
    from tui.cli import main

    main(["--db", db, "--author", "Bench"])
"""


class Terminal:
    """A child process in a 100×30 pseudo-terminal whose output is read and thrown away."""

    def __init__(self, args: list[str]) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color"}
        self.process = subprocess.Popen(
            args, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.output = bytearray()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output.extend(chunk)

    def wait_for(self, text: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while text.encode() not in self.output:
            if time.monotonic() > deadline:
                raise SystemExit(f"the app never showed {text!r}")
            time.sleep(0.01)

    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)
        os.close(self.master)


def make_demo(folder: Path) -> Path:
    from models.demo import load_demo
    from models.storage import open_database

    path = folder / "demo.sqlite"
    db = open_database(path)
    load_demo(db)
    db.close()
    return path


def start_once(mode: str, db_path: Path, folder: Path) -> dict[str, float]:
    out = folder / f"{mode}.json"
    out.unlink(missing_ok=True)
    started = time.time()
    terminal = Terminal([sys.executable, "-c", PROBE, mode, str(db_path), str(out)])
    try:
        terminal.process.wait(timeout=60)
    finally:
        terminal.close()
    times = json.loads(out.read_text())
    return {name: value - started for name, value in times.items()}


def note_text(db_path: Path, author: str) -> str:
    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
    try:
        row = connection.execute(
            "SELECT text FROM note WHERE author = ? ORDER BY updated_at DESC LIMIT 1", (author,)
        ).fetchone()
    finally:
        connection.close()
    return row[0] if row else ""


def wait_for_note(db_path: Path, author: str, expected: str, timeout: float = 10) -> float:
    started = time.perf_counter()
    while note_text(db_path, author) != expected:
        if time.perf_counter() - started > timeout:
            raise SystemExit(f"the note never reached the disk: {expected!r}")
        time.sleep(0.002)
    return time.perf_counter() - started


def keystroke_latency(db_path: Path, keys: int) -> list[float]:
    connection = sqlite3.connect(db_path)
    meeting_id = connection.execute("SELECT id FROM meeting ORDER BY date LIMIT 1").fetchone()[0]
    connection.close()
    innsikt = [sys.executable, "-m", "tui.cli", "--db", str(db_path)]
    terminal = Terminal([*innsikt, "--meeting", meeting_id, "--author", "Latens"])
    latencies = []
    try:
        terminal.wait_for("Notat")
        time.sleep(0.5)
        typed = ""
        for number in range(keys):
            char = "abcdefghijklmnopqrstuvwxyzæøå"[number % 29]
            typed += char
            sent = time.perf_counter()
            terminal.send(char)
            wait_for_note(db_path, "Latens", typed)
            latencies.append(time.perf_counter() - sent)
            time.sleep(0.2)
    finally:
        terminal.close()
    return latencies


# What a returning user presses from the home screen to the notes editor of a new meeting.
NEW_MEETING_KEYS = (("m", "m"), (" ", "space"), ("\x13", "ctrl+s"))


def keystrokes_to_new_meeting(db_path: Path) -> list[str]:
    """Sends NEW_MEETING_KEYS, then text; returns the key names once the text is on disk."""
    innsikt = [sys.executable, "-m", "tui.cli", "--db", str(db_path), "--author", "Ny"]
    terminal = Terminal(innsikt)
    try:
        terminal.wait_for("Du skriver som")
        time.sleep(0.5)
        for key, _name in NEW_MEETING_KEYS:
            terminal.send(key)
            time.sleep(0.4)
        terminal.send("Første ord")
        wait_for_note(db_path, "Ny", "Første ord")
    finally:
        terminal.close()
    return [name for _key, name in NEW_MEETING_KEYS]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keys", type=int, default=10)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        os.environ["INNSIKT_DATA_DIR"] = str(folder / "data")
        db_path = make_demo(folder)
        start_once("bare", db_path, folder)  # warm the file cache for both
        bare: list[float] = []
        frame: list[float] = []
        loaded: list[float] = []
        for _ in range(options.runs):
            bare.append(start_once("bare", db_path, folder)["frame"])
            times = start_once("innsikt", db_path, folder)
            frame.append(times["frame"])
            loaded.append(times["loaded"])
        bare_ms = statistics.median(bare) * 1000
        frame_ms = statistics.median(frame) * 1000
        loaded_ms = statistics.median(loaded) * 1000
        print(f"start-up, median of {options.runs} interleaved runs each:")
        print(f"  bare Textual app, first frame     {bare_ms:7.0f} ms")
        print(f"  innsikt home, first frame         {frame_ms:7.0f} ms")
        print(f"  innsikt home, demo meetings shown {loaded_ms:7.0f} ms")
        print(f"  ratio first frame innsikt / bare  {frame_ms / bare_ms:7.2f}  (target ≤ 2.0)")
        print(f"  ratio meetings shown / bare       {loaded_ms / bare_ms:7.2f}")
        latencies = keystroke_latency(db_path, options.keys)
        print(f"keystroke to durable row, {len(latencies)} keys (debounce 0.3 s included):")
        print(
            f"  median {statistics.median(latencies) * 1000:.0f} ms, "
            f"max {max(latencies) * 1000:.0f} ms"
        )
        keys = keystrokes_to_new_meeting(db_path)
        print(f"keystrokes from launch to typing in a new meeting: {len(keys)} ({', '.join(keys)})")


if __name__ == "__main__":
    main()
