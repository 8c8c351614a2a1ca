"""Benchmark the storage layer against raw sqlite3 and the CLI against a bare interpreter.

Prints: median time to save one 5 KB note edit through `models.records.save_note` vs a raw
sqlite3 UPDATE + COMMIT on the same kind of file with the same pragmas (target ≤ 20×, well under
10 ms), and the wall time of `innsikt list meetings` on the demo vs `python -c pass`.

Run: python bench/storage.py [--rounds N]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from models import records
from models.demo import load_demo
from models.storage import open_database
from models.tables import Journey, Meeting

NOTE = ("Ambulansene bruker nettbrett med LifeX og hodekamera. " * 100)[:5000]


def bench_note_saves(folder: Path, rounds: int) -> tuple[float, float]:
    db = open_database(folder / "lag.sqlite")
    with db.transaction() as session:
        journey = records.create(db, session, Journey, name="Bench")
        meeting = records.create(db, session, Meeting, journey_id=journey.id, title="Bench")
    records.save_note(db, meeting.id, "A2", "Kari", NOTE)

    raw = sqlite3.connect(folder / "raw.sqlite", isolation_level=None)
    raw.execute("PRAGMA journal_mode = WAL")
    raw.execute("PRAGMA synchronous = FULL")
    raw.execute("CREATE TABLE note (id TEXT PRIMARY KEY, text TEXT)")
    raw.execute("INSERT INTO note VALUES ('n', ?)", (NOTE,))

    ours, theirs = [], []
    for index in range(rounds):  # interleaved so that disk noise hits both alike
        text = NOTE[:-8] + f"{index:08d}"
        start = time.perf_counter()
        records.save_note(db, meeting.id, "A2", "Kari", text)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        raw.execute("BEGIN")
        raw.execute("UPDATE note SET text = ? WHERE id = 'n'", (text,))
        raw.execute("COMMIT")
        theirs.append(time.perf_counter() - start)
    db.close()
    raw.close()
    return statistics.median(ours), statistics.median(theirs)


def bench_cli(folder: Path, rounds: int) -> tuple[float, float]:
    path = folder / "demo.sqlite"
    db = open_database(path)
    load_demo(db)
    db.close()
    list_cmd = [sys.executable, "-m", "tui.cli", "list", "meetings", "--db", str(path)]
    bare_cmd = [sys.executable, "-c", "pass"]
    ours, bare = [], []
    for _ in range(rounds):
        for command, times in ((list_cmd, ours), (bare_cmd, bare)):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
    return statistics.median(ours), statistics.median(bare)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        ours, raw = bench_note_saves(folder, args.rounds)
        print(f"note save (5 KB), median of {args.rounds}:")
        print(f"  innsikt save_note   {ours * 1000:8.3f} ms")
        print(f"  raw sqlite3 UPDATE  {raw * 1000:8.3f} ms")
        print(f"  ratio               {ours / raw:8.2f}x  (target <= 20x, absolute < 10 ms)")
        cli_rounds = max(5, args.rounds // 40)
        listing, bare = bench_cli(folder, cli_rounds)
        print(f"innsikt list meetings on the demo, median of {cli_rounds}:")
        print(f"  innsikt list meetings {listing * 1000:8.1f} ms")
        print(f"  python -c pass        {bare * 1000:8.1f} ms")
        print(f"  ratio                 {listing / bare:8.2f}x")


if __name__ == "__main__":
    main()
