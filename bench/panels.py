"""Benchmark the CPU one PgDn costs in capture, by the kind of question arrived at, first visits
apart: what the side panels (services, people, follow-ups) add to a question change.

The app runs headless under Textual's Pilot at 100×30 on the demo scaled to ~366 meetings, on the
demo's first meeting; it pages through every question and back, `--rounds` times. For each PgDn
it takes the process's CPU time (every thread: a panel's read runs in one) from the key to the
screen painted, and to everything the key set off done (workers, writes, the panel's refill).
CPU, not wall time, so that other work on a shared machine moves the figures little. Pilot's own
cost is in every figure alike; the baseline is the same run's PgDn to a text question, and each
kind is printed with its ratio to it.

`--against DIR` pages, interleaved, in the app of another checkout (a before/after in one run:
`git archive main | tar -x -C DIR`).

Run: python bench/panels.py [--meetings 366] [--rounds 2] [--runs 2] [--against DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

CHILD = r"""
import asyncio, collections, json, sys, time
db, meeting, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
from tests.tui.support import make_app, settle, wait_for_screen

async def main():
    out = collections.defaultdict(list)
    app = make_app(db, meeting_ref=meeting, author="Kari Nordmann")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, "CaptureScreen")
        await settle(pilot)
        await asyncio.sleep(1.5)  # start-up work in the background settles
        await settle(pilot)
        screen = app.screen
        screen.ticker = lambda: 0.0  # no time per question written between the keys
        count, seen = len(screen.questions), set()
        for _ in range(rounds):
            for key in ["pagedown"] * (count - 1) + ["pageup"] * (count - 1):
                started = time.process_time()
                await pilot.press(key)
                await pilot.pause()
                painted = time.process_time()
                await settle(pilot)
                done = time.process_time()
                question = screen.question
                visit = "again" if question.key in seen else "first"
                seen.add(question.key)
                out[f"{question.kind} {visit}"].append((painted - started, done - started))
    print(json.dumps(out))

asyncio.run(main())
"""


def run(checkout: Path, db: Path, meeting: str, rounds: int) -> dict[str, list[list[float]]]:
    """One app run in `checkout` on a copy of `db`: CPU seconds (to paint, to done) per PgDn."""
    with tempfile.TemporaryDirectory() as name:
        copy = Path(name) / "innsikt.sqlite"
        shutil.copy(db, copy)
        env = {**os.environ, "PYTHONPATH": str(checkout)}
        result = subprocess.run(
            [sys.executable, "-c", CHILD, str(copy), meeting, str(rounds)],
            cwd=checkout,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    return json.loads(result.stdout.strip().splitlines()[-1])


def report(label: str, results: dict[str, list[list[float]]]) -> None:
    print(label)
    text = [painted for painted, _done in results.get("text again", [])]
    floor = statistics.median(text)
    for kind, values in sorted(results.items()):
        painted = statistics.median(value[0] for value in values) * 1000
        done = statistics.median(value[1] for value in values) * 1000
        print(
            f"  {kind:16} n={len(values):3}  CPU to paint {painted:6.1f} ms"
            f" ({painted / 1000 / floor:4.2f}× text)  to done {done:6.1f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=366)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--runs", type=int, default=2, help="app runs per checkout, interleaved")
    parser.add_argument("--against", type=Path, help="also page in the app of this checkout")
    options = parser.parse_args()
    from paging import first_meeting
    from scale import build

    here = Path(__file__).resolve().parent.parent
    checkouts = {"here": here}
    if options.against is not None:
        checkouts["against"] = options.against.resolve()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        os.environ["INNSIKT_DATA_DIR"] = str(folder / "data")
        os.environ["INNSIKT_CONFIG_DIR"] = str(folder / "config")
        _demo, scaled, _first = build(folder, options.meetings)
        meeting, questions = first_meeting(scaled)
        print(f"{len(questions)} questions, {options.rounds} rounds down and up per run")
        results: dict[str, dict[str, list[list[float]]]] = {label: {} for label in checkouts}
        for _ in range(options.runs):  # interleaved: a busy moment touches both alike
            for label, checkout in checkouts.items():
                for kind, values in run(checkout, scaled, meeting, options.rounds).items():
                    results[label].setdefault(kind, []).extend(values)
    for label, checkout in checkouts.items():
        report(f"PgDn/PgUp in {checkout}", results[label])


if __name__ == "__main__":
    main()
