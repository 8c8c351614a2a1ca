"""Benchmark the CPU a keystroke costs in the notes editor against a bare Textual TextArea, in process.

Both apps run headless (Pilot) at 100×30, each in a process of its own. Each key is handed to
the driver as a terminal's would be, handled, and drawn in a frame of its own; the keys come
20 ms apart, with an Enter now and then, so the note is saved while they come (at the longest
wait), as when someone types steadily. The figure is the main thread's CPU time per key
(`time.thread_time`: the work, whatever the machine's load), median of interleaved rounds.
bench/scale.py measures the same in a real terminal, where the terminal's own work is counted
too and the machine's load moves the figure by ±20%.

Run: python bench/key_cost.py [--keys 200] [--rounds 5] [--against CHECKOUT]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent.parent
GAP = 0.02
TEXT = "ord for ord "


def keys(count: int) -> list[str]:
    """Letters and spaces, and an Enter every 40 keys, as a note is typed."""
    return ["enter" if n % 40 == 39 else TEXT[n % len(TEXT)] for n in range(count)]


async def typed(app: Any, editor: Any, count: int) -> float:
    """Main-thread CPU seconds per key for `count` keys typed into the focused `editor`."""
    from textual import events

    driver = app._driver
    started = time.thread_time()
    for key in keys(count):
        where = editor.selection.end
        if key == "enter":
            event = events.Key("enter", "\r")
        else:
            event = events.Key("space" if key == " " else key, key)
        event.set_sender(app)
        driver.send_message(event)
        while editor.selection.end == where:  # handled: the cursor moved on
            await asyncio.sleep(0)
        app.screen._on_timer_update()  # its frame
        await asyncio.sleep(GAP)
    return (time.thread_time() - started) / count


async def bare(count: int) -> float:
    from textual.app import App, ComposeResult
    from textual.widgets import TextArea

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield TextArea(soft_wrap=True)

    app = Bare()
    async with app.run_test(size=(100, 30)) as pilot:
        editor = app.query_one(TextArea)
        editor.focus()
        await pilot.pause()
        await asyncio.sleep(0.5)
        return await typed(app, editor, count)


async def notes(db_path: Path, meeting_id: str, count: int) -> float:
    from tests.tui.support import make_app, settle, wait_for_screen

    app = make_app(db_path, meeting_ref=meeting_id, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, "CaptureScreen")
        await settle(pilot)  # the ORM and home, loaded after the meeting shows
        await asyncio.sleep(0.5)
        editor = app.screen.notes_editor  # type: ignore[attr-defined]
        assert app.focused is editor
        return await typed(app, editor, count)


def one(mode: str, db_path: Path, meeting_id: str, count: int, out: Path) -> None:
    """One measurement, in this process (started by `run`)."""
    sys.path.insert(0, os.getcwd())  # the checkout measured: ours, or --against's
    if mode == "bare":
        result = asyncio.run(bare(count))
    else:
        result = asyncio.run(notes(db_path, meeting_id, count))
    out.write_text(json.dumps(result))


def run(mode: str, db: Path, meeting_id: str, count: int, folder: Path, code: Path) -> float:
    out = folder / "result.json"
    out.unlink(missing_ok=True)
    copy = folder / f"{mode}.sqlite"
    copy.write_bytes(db.read_bytes())  # each run types into the same note, from the same start
    env = {**os.environ, "PYTHONPATH": str(code)}
    args = ["--one", mode, str(copy), meeting_id, str(count), str(out)]
    subprocess.run([sys.executable, __file__, *args], check=True, cwd=code, env=env)
    return json.loads(out.read_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--against", type=Path, help="also the notes editor of this checkout")
    parser.add_argument("--one", nargs=5, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.one:
        mode, db, meeting_id, count, out = options.one
        one(mode, Path(db), meeting_id, int(count), Path(out))
        return
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        os.environ["INNSIKT_DATA_DIR"] = str(folder / "data")
        os.environ["INNSIKT_CONFIG_DIR"] = str(folder / "config")
        sys.path.insert(0, str(HERE))
        from tests.tui.support import demo_meeting

        db_path = folder / "demo.sqlite"
        meeting_id = demo_meeting(db_path, "Helse Vest")
        trees = [("bare TextArea", "bare", HERE), ("notes editor", "notes", HERE)]
        if options.against:
            trees.append((f"notes editor, {options.against}", "notes", options.against.resolve()))
        results: dict[str, list[float]] = {label: [] for label, _, _ in trees}
        load = [os.getloadavg()[0]]
        for _ in range(options.rounds):  # interleaved
            for label, mode, code in trees:
                results[label].append(run(mode, db_path, meeting_id, options.keys, folder, code))
        load.append(os.getloadavg()[0])
        base = statistics.median(results["bare TextArea"])
        print(f"{options.keys} keys, {GAP * 1000:.0f} ms apart, median of {options.rounds} rounds;")
        print(f"load {load[0]:.1f} → {load[-1]:.1f}; main-thread CPU per key:")
        for label, values in results.items():
            value = statistics.median(values)
            spread = f"{min(values) * 1000:.2f}–{max(values) * 1000:.2f}"
            ratio = "" if label == "bare TextArea" else f"  {value / base:5.2f}× (target ≤ 1.2×)"
            print(f"  {label:40} {value * 1000:6.2f} ms ({spread}){ratio}")


if __name__ == "__main__":
    main()
