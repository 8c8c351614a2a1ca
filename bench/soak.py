"""Soak the autosave: type at human speed in a real terminal, SIGKILL at random moments.

Each run starts the real app (`innsikt --db X --meeting ID --author Soak`) in its own
pseudo-terminal on a fresh copy of the demo database, types like a person (bursts of quick keys,
steady stretches of a key every 0.12–0.25 s that never pause long enough for the debounce, and
thinking pauses), and kills it without warning at a random moment. It then reads the note from
outside and counts the characters typed at least 1 s before the kill that are not in it
(target 0), and runs `innsikt check` on the file (target 0 failures).

`--measure` (or `--measure-only`) also types 10 characters a second for `--seconds` into the
real app and reports fsyncs a second (strace) and CPU, against a baseline measured in the same
run: the same app with the old debounce-only autosave (no deadline).

Run: python bench/soak.py [--runs 100] [--seed 1] [--measure] [--seconds 10]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import random
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

ALPHABET = "abcdefghijklmnopqrstuvwxyz æøå ABC"
AUTHOR = "Soak"
# The app as `innsikt` starts it; the baseline variant switches the autosave deadline off.
LAUNCH = r"""
import sys
if sys.argv[1] == "debounce-only":
    import tui.widgets.notes_editor as editor
    editor.MAX_WAIT_SECONDS = 1e9
sys.argv = ["innsikt", *sys.argv[2:]]
from tui.cli import main
main()
"""


class Terminal:
    """A child process in a 100×30 pseudo-terminal; what it draws is kept."""

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

    def wait_for(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while text.encode() not in self.output:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"the app never showed {text!r}")
            time.sleep(0.02)

    def send(self, char: str) -> None:
        os.write(self.master, char.encode())

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        os.close(self.master)


def make_demo(folder: Path) -> tuple[Path, str]:
    from models.demo import load_demo
    from models.storage import open_database

    path = folder / "template.sqlite"
    db = open_database(path)
    load_demo(db)
    db.close()
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        row = connection.execute("SELECT id FROM meeting WHERE title LIKE '%HEMIT%'").fetchone()
    return path, row[0]


def copy_database(template: Path, target: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{template}{suffix}")
        if source.exists():
            shutil.copyfile(source, f"{target}{suffix}")
    os.chmod(target, 0o600)


def start(db_path: Path, meeting_id: str, variant: str = "app") -> Terminal:
    terminal = Terminal(
        [
            sys.executable,
            "-c",
            LAUNCH,
            variant,
            "--db",
            str(db_path),
            "--meeting",
            meeting_id[:8],
            "--author",
            AUTHOR,
        ]
    )
    terminal.wait_for(f"Notat – {AUTHOR}")
    time.sleep(0.3)
    return terminal


def human_typing(rng: random.Random, seconds: float) -> list[tuple[float, str]]:
    """(delay before the key, key) for `seconds` of typing: bursts, steady stretches, pauses."""
    plan: list[tuple[float, str]] = []
    total = 0.0
    while total < seconds:
        style = rng.random()
        if style < 0.45:  # a burst of a word or two
            steps = [
                (rng.uniform(0.04, 0.11), rng.choice(ALPHABET)) for _ in range(rng.randint(3, 15))
            ]
        elif style < 0.8:  # steady typing that never pauses for the 0.3 s debounce
            steps = [
                (rng.uniform(0.12, 0.25), rng.choice(ALPHABET)) for _ in range(rng.randint(8, 30))
            ]
        else:  # thinking, then one key
            steps = [(rng.uniform(0.3, 1.6), rng.choice(ALPHABET))]
        plan += steps
        total += sum(delay for delay, _ in steps)
    return plan


def common_prefix(first: str, second: str) -> int:
    for index, (a, b) in enumerate(zip(first, second, strict=False)):
        if a != b:
            return index
    return min(len(first), len(second))


def stored_note(db_path: Path, meeting_id: str) -> str:
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10) as connection:
        row = connection.execute(
            "SELECT text FROM note WHERE meeting_id = ? AND question_key = 'A1' AND author = ?",
            (meeting_id, AUTHOR),
        ).fetchone()
    return row[0] if row else ""


def check_passes(db_path: Path) -> bool:
    result = subprocess.run(
        [sys.executable, "-m", "tui.cli", "check", "--db", str(db_path)],
        capture_output=True,
        text=True,
    )
    return result.returncode == 0


def one_run(rng: random.Random, template: Path, meeting_id: str, folder: Path) -> dict[str, float]:
    db_path = folder / "soak.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    copy_database(template, db_path)
    plan = human_typing(rng, rng.uniform(3.0, 9.0))
    kill_after = rng.uniform(1.5, sum(delay for delay, _ in plan) + 0.5)
    terminal = start(db_path, meeting_id)
    typed: list[tuple[float, str]] = []
    began = time.monotonic()
    try:
        for delay, char in plan:
            wake = time.monotonic() + delay
            if wake - began > kill_after:
                time.sleep(max(began + kill_after - time.monotonic(), 0))
                break
            time.sleep(max(wake - time.monotonic(), 0))
            terminal.send(char)
            typed.append((time.monotonic(), char))
        else:
            time.sleep(max(began + kill_after - time.monotonic(), 0))
    finally:
        killed_at = time.monotonic()
        terminal.kill()
    due = "".join(char for at, char in typed if at <= killed_at - 1.0)
    stored = stored_note(db_path, meeting_id)
    kept = common_prefix(due, stored)
    return {
        "typed": len(typed),
        "due": len(due),
        "lost": len(due) - kept,
        "check_failed": 0 if check_passes(db_path) else 1,
        "seconds": killed_at - began,
    }


def soak(runs: int, seed: int, template: Path, meeting_id: str, folder: Path) -> None:
    rng = random.Random(seed)
    results = []
    for number in range(1, runs + 1):
        result = one_run(rng, template, meeting_id, folder)
        results.append(result)
        flag = "  LOST" if result["lost"] else ""
        print(
            f"run {number:3d}: typed {result['typed']:3d}, due {result['due']:3d}, "
            f"lost {result['lost']:3d}, killed after {result['seconds']:.1f} s{flag}",
            flush=True,
        )
    lost = sum(r["lost"] for r in results)
    print(f"soak: {runs} runs, seed {seed}, SIGKILL at random moments while typing")
    print(f"  characters typed                       {sum(r['typed'] for r in results):6.0f}")
    print(f"  typed ≥ 1 s before the kill            {sum(r['due'] for r in results):6.0f}")
    print(f"  of those lost                          {lost:6.0f}  (target 0)")
    print(f"  runs that lost any                     {sum(1 for r in results if r['lost']):6d}")
    print(
        f"  databases failing `innsikt check`      {sum(r['check_failed'] for r in results):6.0f}  (target 0)"
    )


def cpu_seconds(pid: int) -> float:
    """User + system CPU of the process and all its threads."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure_typing(
    variant: str, template: Path, meeting_id: str, folder: Path, seconds: float
) -> dict[str, float]:
    """Type 10 characters a second; count fsyncs (strace) and CPU while doing so."""
    db_path = folder / f"measure-{variant}.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    copy_database(template, db_path)
    terminal = start(db_path, meeting_id, variant)
    trace = folder / f"strace-{variant}.txt"
    tracer = subprocess.Popen(
        [
            "strace",
            "-f",
            "-e",
            "trace=fsync,fdatasync",
            "-o",
            str(trace),
            "-p",
            str(terminal.process.pid),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.0)  # strace attached to every thread
    try:
        cpu_before, began = cpu_seconds(terminal.process.pid), time.monotonic()
        keys = int(seconds * 10)
        for index in range(keys):
            time.sleep(max(began + index * 0.1 - time.monotonic(), 0))
            terminal.send(ALPHABET[index % 26])
        time.sleep(max(began + seconds - time.monotonic(), 0))
        elapsed = time.monotonic() - began
        cpu = cpu_seconds(terminal.process.pid) - cpu_before
    finally:
        tracer.send_signal(signal.SIGINT)
        tracer.wait(timeout=10)
        terminal.kill()
    lines = trace.read_text().splitlines() if trace.exists() else []
    fsyncs = sum(1 for line in lines if "fsync(" in line or "fdatasync(" in line)
    return {"fsyncs_per_s": fsyncs / elapsed, "cpu_percent": 100 * cpu / elapsed, "keys": keys}


def measure(template: Path, meeting_id: str, folder: Path, seconds: float) -> None:
    if shutil.which("strace") is None:
        print("measure: strace is not installed; fsyncs cannot be counted")
        return
    new = measure_typing("app", template, meeting_id, folder, seconds)
    old = measure_typing("debounce-only", template, meeting_id, folder, seconds)
    print(f"typing 10 characters a second for {seconds:.0f} s into the real app:")
    print(f"  {'':32s} {'fsyncs/s':>9s} {'CPU %':>7s}")
    print(
        f"  {'debounce only (baseline)':32s} {old['fsyncs_per_s']:9.2f} {old['cpu_percent']:7.1f}"
    )
    print(
        f"  {'debounce + 0.6 s deadline':32s} {new['fsyncs_per_s']:9.2f} {new['cpu_percent']:7.1f}"
    )
    if old["fsyncs_per_s"]:
        print(
            f"  ratio fsyncs deadline / baseline {new['fsyncs_per_s'] / old['fsyncs_per_s']:9.2f}"
        )
    if old["cpu_percent"]:
        print(f"  ratio CPU deadline / baseline    {new['cpu_percent'] / old['cpu_percent']:9.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--measure", action="store_true", help="also measure fsyncs and CPU")
    parser.add_argument("--measure-only", action="store_true")
    parser.add_argument("--seconds", type=float, default=10.0)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        os.environ["INNSIKT_DATA_DIR"] = str(folder / "data")
        template, meeting_id = make_demo(folder)
        if options.measure or options.measure_only:
            measure(template, meeting_id, folder, options.seconds)
        if not options.measure_only:
            soak(options.runs, options.seed, template, meeting_id, folder)


if __name__ == "__main__":
    main()
