"""Benchmark `tui.key_order.runs_ahead` for keys that are not letters, in the capture screen.

The app asks it for every Backspace, arrow, Enter, PgDn… before the key is delivered. Measured
against Textual's own answer in the same run (`screen.active_bindings`, which builds every
binding of the focus chain: what runs_ahead used before). Headless (Pilot), on the demo, with
the note focused and then the services panel entered.

Run: python bench/key_order.py [--calls 500]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

KEYS = ("backspace", "delete", "left", "right", "up", "down", "home", "end", "enter", "pagedown")


async def measure(db_path: Path, meeting_id: str, calls: int) -> None:
    from textual import events

    from tests.tui.support import make_app, settle, wait_for_screen
    from tui.key_order import runs_ahead

    app = make_app(db_path, meeting_ref=meeting_id, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, "CaptureScreen")
        screen = app.screen
        kinds = [question.kind for question in screen.questions]  # type: ignore[attr-defined]
        for place, steps in (("note", []), ("services panel", ["f2"])):
            await pilot.press(*["pagedown"] * (kinds.index("services") if steps else 0), *steps)
            await settle(pilot)
            print(f"focus in the {place} ({type(screen.focused).__name__}):")
            for key in KEYS:
                event = events.Key(key, None)
                times = {"runs_ahead": [], "active_bindings": []}
                for _ in range(5):  # interleaved, so that a busy moment touches both alike
                    start = time.perf_counter()
                    for _ in range(calls):
                        runs_ahead(screen, event)
                    times["runs_ahead"].append((time.perf_counter() - start) / calls)
                    start = time.perf_counter()
                    for _ in range(calls):
                        screen.active_bindings.get(key)
                    times["active_bindings"].append((time.perf_counter() - start) / calls)
                new, old = (statistics.median(times[name]) * 1e6 for name in times)
                print(
                    f"  {key:10} runs_ahead {new:6.1f} µs   active_bindings {old:6.1f} µs"
                    f"   {new / old:5.3f}×"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=500)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        os.environ["INNSIKT_DATA_DIR"] = str(folder / "data")
        os.environ["INNSIKT_CONFIG_DIR"] = str(folder / "config")
        from tests.tui.test_capture_keyboard import demo_meeting

        db_path = folder / "demo.sqlite"
        meeting_id = demo_meeting(db_path)
        print(f"load: {os.getloadavg()[0]:.1f}")
        asyncio.run(measure(db_path, meeting_id, options.calls))


if __name__ == "__main__":
    main()
