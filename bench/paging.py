"""Benchmark PgDn/PgUp in capture on a large journey: time from the key to the next question painted.

The real app (`tui.cli.main --meeting …`) runs in a 100×30 pseudo-terminal on the demo scaled to
~366 meetings. The bench sends PgDn through every question of the guide and PgUp back again,
`--rounds` times, one key every `--gap` seconds (fast paging, but one question at a time); a
probe in the app writes the wall-clock time of the first frame written to the terminal once
the screen shows the next question (a panel not mounted yet follows in a frame of its own).
Prints median and p90 per question kind (the kind of the question arrived at), and for the
kinds with a panel also over the questions already shown once in that run (the first showing
mounts the panel). Beside each, the UI thread's CPU time from the page key's action to that
frame (`time.thread_time`): steadier than the wall time when the machine is busy.

The baseline, measured in the same run and interleaved: a bare Textual app with a question line
and a TextArea that pages through the same questions and notes (the floor any Textual app pays
for a key, a changed line and a new text painted). Printed with each kind's ratio to it.

`--freeze` runs the app with INNSIKT_GC_FREEZE=0/1 both, interleaved, to show what gc.freeze()
after start-up does.

`--against DIR` pages, interleaved as well, in the app of another checkout (a before/after
in one run: `git archive main | tar -x -C DIR`).

`--cold` mounts no panel ahead, so that the first visit to each panel question mounts its
panel, whatever the machine's load (as for a user paging from the meeting's first frame).

`--settle S`: the seconds the bench waits after the meeting's first frame before the first key
(1.5 by default: the start's background work done, the panels mounted ahead). `--settle 0`
pages from the first frame, as a user who opens a meeting and presses PgDn at once: the
database may still be opening and the panels not mounted yet.

Run: python bench/paging.py [--meetings 366] [--rounds 4] [--gap 0.08] [--settle 1.5] [--cold]
[--freeze] [--against DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from startup import Terminal

PGDN, PGUP = "\x1b[6~", "\x1b[5~"
RETURN = "again:"  # the samples of a kind on questions already shown once in that run
FIRST = "first:"  # and those of its first showing in that run
CPU = "cpu:"  # the UI thread's CPU time from the page key's action to the question painted
PANEL_KINDS = ("services", "people", "followups")

PROBE = r"""
import gc, os, sys, time
db, out, meeting = sys.argv[1:4]
if os.environ.get("INNSIKT_GC_FREEZE") == "0":  # the bench's "off": the app's freeze does nothing
    gc.freeze = lambda: None
import tui.app
from tui.screens import capture
if os.environ.get("BENCH_COLD") == "1":  # no panel mounted ahead: each first visit mounts one
    from tui.screens import capture_panels
    capture_panels.AHEAD_DELAY = 1e9

original = capture.CaptureScreen.go_to
began = [time.thread_time()]

def timed(action):
    async def run(self):
        began[0] = time.thread_time()  # the UI thread's CPU from the page key's action on
        await action(self)
    return run

for name in ("action_next_question", "action_previous_question"):
    setattr(capture.CaptureScreen, name, timed(getattr(capture.CaptureScreen, name)))

waiting = [None]

async def go_to(self, index):
    await original(self, index)
    waiting[0] = (self, self.question.key)

capture.CaptureScreen.go_to = go_to
display = tui.app.InnsiktApp._display

def painted(self, screen, update):
    display(self, screen, update)
    if waiting[0] is not None and waiting[0][0] is screen and update is not None:
        key = waiting[0][1]
        waiting[0] = None
        with open(out, "a") as handle:
            handle.write(f"{key} {time.time()} {time.thread_time() - began[0]}\n")

tui.app.InnsiktApp._display = painted
from tui.cli import main
main(["--db", db, "--author", "Kari Nordmann", "--meeting", meeting])
"""


BARE = r"""
import json, sys, time
out, questions = sys.argv[1], json.loads(sys.argv[2])
from textual.app import App
from textual.binding import Binding
from textual.widgets import Static, TextArea

class Bare(App):
    BINDINGS = [
        Binding("pagedown", "page(1)", priority=True),
        Binding("pageup", "page(-1)", priority=True),
    ]
    index = 0

    def compose(self):
        yield Static(id="question")
        yield TextArea(soft_wrap=True)

    def on_mount(self):
        self.show()

    def action_page(self, step):
        self.began = time.thread_time()
        self.index = max(0, min(len(questions) - 1, self.index + step))
        self.show()

    began = 0.0

    def show(self):
        key, text, note = questions[self.index]
        self.query_one(Static).update(f"{key}\n{text}")
        area = self.query_one(TextArea)
        area.load_text(note)
        area.focus()
        def painted():
            with open(out, "a") as handle:
                handle.write(f"{key} {time.time()} {time.thread_time() - self.began}\n")
        self.call_after_refresh(painted)

Bare().run()
"""


def bare_questions(scaled: Path, meeting: str) -> list[tuple[str, str, str]]:
    """(key, question text, the meeting's longest note on it) for the bare baseline."""
    import sqlite3

    from models.guides import find_guide

    connection = sqlite3.connect(scaled)
    try:
        key, version = connection.execute(
            "SELECT guide_key, guide_version FROM meeting WHERE id = ?", (meeting,)
        ).fetchone()
        notes = dict(
            connection.execute(
                "SELECT question_key, text FROM note WHERE meeting_id = ? AND NOT deleted"
                " ORDER BY length(text)",
                (meeting,),
            ).fetchall()
        )
    finally:
        connection.close()
    questions = find_guide(key, version or None).questions()
    return [(q.key, q.text, notes.get(q.key, "")) for q in questions]


def first_meeting(scaled: Path) -> tuple[str, list[tuple[str, str]]]:
    """The scaled copy of the demo's first meeting, and its guide's (key, kind) in order."""
    import sqlite3

    from models.guides import find_guide

    connection = sqlite3.connect(scaled)
    try:
        rows = connection.execute(
            "SELECT id, guide_key, guide_version FROM meeting WHERE NOT deleted ORDER BY date, id"
        ).fetchall()
    finally:
        connection.close()
    meeting_id, guide_id, version = rows[0]
    guide = find_guide(guide_id, version or None)
    return meeting_id, [(q.key, q.kind) for q in guide.questions()]


def page(
    scaled: Path,
    folder: Path,
    meeting: str,
    questions,
    rounds: int,
    gap: float,
    freeze: str,
    against: Path | None = None,
    settle: float = 1.5,
):
    """Latencies in seconds per kind for one app run (mode "bare": the bare baseline; mode
    "against": the app of the checkout `against`)."""
    out = folder / "paging.log"
    out.unlink(missing_ok=True)
    os.environ["INNSIKT_GC_FREEZE"] = freeze
    if freeze == "bare":
        shown = json.dumps(bare_questions(scaled, meeting))
        terminal = Terminal([sys.executable, "-c", BARE, str(out), shown])
        questions = [(key, "bare") for key, _ in questions]
    elif freeze == "against":
        assert against is not None
        here, path = Path.cwd(), os.environ.get("PYTHONPATH")
        os.environ["PYTHONPATH"] = str(against)  # `-c` puts the working folder first, too
        os.chdir(against)
        try:
            terminal = Terminal([sys.executable, "-c", PROBE, str(scaled), str(out), meeting])
        finally:
            os.chdir(here)
            if path is None:
                del os.environ["PYTHONPATH"]
            else:
                os.environ["PYTHONPATH"] = path
    else:
        terminal = Terminal([sys.executable, "-c", PROBE, str(scaled), str(out), meeting])
    by_kind: dict[str, list[float]] = {}
    seen_keys: set[str] = set()
    try:
        deadline = time.monotonic() + 60
        while not out.exists():  # the first question shown
            if time.monotonic() > deadline:
                raise SystemExit("the meeting never opened")
            time.sleep(0.01)
        time.sleep(settle)  # start-up work in the background settles
        seen = 1
        kinds = dict(questions)
        steps = [PGDN] * (len(questions) - 1) + [PGUP] * (len(questions) - 1)
        for _ in range(rounds):
            for key in steps:
                sent = time.time()
                terminal.send(key)
                while True:
                    lines = out.read_text().splitlines()
                    if len(lines) > seen:
                        break
                    if time.time() - sent > 10:
                        tail = terminal.output[-3000:].decode("utf-8", "replace")
                        alive = terminal.process.poll() is None
                        raise SystemExit(f"a page key was never answered (alive: {alive})\n{tail}")
                    time.sleep(0.001)
                seen = len(lines)
                question, stamp, cpu = lines[-1].split()
                took = float(stamp) - sent
                by_kind.setdefault(kinds[question], []).append(took)
                by_kind.setdefault(CPU + kinds[question], []).append(float(cpu))
                if question in seen_keys:  # shown before in this run: its panel is mounted
                    by_kind.setdefault(RETURN + kinds[question], []).append(took)
                else:
                    by_kind.setdefault(FIRST + kinds[question], []).append(took)
                seen_keys.add(question)
                time.sleep(gap)
    finally:
        terminal.close()
    return by_kind


def p90(values: list[float]) -> float:
    return (
        statistics.quantiles(values, n=10, method="inclusive")[-1] if len(values) > 1 else values[0]
    )


def report(
    label: str, by_kind: dict[str, list[float]], bare: list[float], bare_cpu: list[float]
) -> None:
    print(label)
    floor = p90(bare)
    for kind, values in sorted(by_kind.items()):
        if kind.startswith((RETURN, CPU, FIRST)):
            continue
        print(
            f"  {kind:10} n={len(values):3}  median {statistics.median(values) * 1000:5.1f} ms"
            f"  p90 {p90(values) * 1000:5.1f} ms  max {max(values) * 1000:5.1f} ms"
            f"  p90 {p90(values) / floor:4.2f}× bare  (target p90 ≤ 30 ms)"
        )
        cpu = by_kind[CPU + kind]
        print(
            f"    UI thread CPU  median {statistics.median(cpu) * 1000:5.1f} ms"
            f"  p90 {p90(cpu) * 1000:5.1f} ms"
            f"  median {statistics.median(cpu) / statistics.median(bare_cpu):4.2f}× bare"
        )
        for prefix, name in ((FIRST, "first visit "), (RETURN, "shown before")):
            some = by_kind.get(prefix + kind, [])
            if kind in PANEL_KINDS and some:  # the first showing may mount the kind's panel
                print(
                    f"    {name} n={len(some):3}  median {statistics.median(some) * 1000:5.1f} ms"
                    f"  p90 {p90(some) * 1000:5.1f} ms  p90 {p90(some) / floor:4.2f}× bare"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=366)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--gap", type=float, default=0.08)
    parser.add_argument(
        "--settle", type=float, default=1.5, help="seconds from the first frame to the first key"
    )
    parser.add_argument(
        "--cold", action="store_true", help="mount no panel ahead: each first visit mounts one"
    )
    parser.add_argument("--freeze", action="store_true", help="compare gc.freeze() off and on")
    parser.add_argument(
        "--against",
        type=Path,
        help="also page, interleaved, in the app of this checkout (e.g. `git archive` of main)",
    )
    options = parser.parse_args()
    from scale import build

    if options.cold:
        os.environ["BENCH_COLD"] = "1"
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        os.environ["INNSIKT_DATA_DIR"] = str(folder / "data")
        os.environ["INNSIKT_CONFIG_DIR"] = str(folder / "config")
        _demo, scaled, _first = build(folder, options.meetings)
        meeting, questions = first_meeting(scaled)
        print(
            f"{len(questions)} questions, {options.rounds} rounds down and up, gap {options.gap}s,"
            f" first key {options.settle}s after the first frame"
        )
        modes = ("bare", "0", "1") if options.freeze else ("bare", "")
        if options.against is not None:
            modes = (*modes, "against")
        results: dict[str, dict[str, list[float]]] = {mode: {} for mode in modes}
        for _ in range(2):  # interleaved, so that a busy moment touches every figure alike
            for mode in modes:
                got = page(
                    scaled,
                    folder,
                    meeting,
                    questions,
                    options.rounds,
                    options.gap,
                    mode,
                    options.against.resolve() if options.against else None,
                    options.settle,
                )
                for kind, values in got.items():
                    results[mode].setdefault(kind, []).extend(values)
        bare_results = results.pop("bare")
        bare, bare_cpu = bare_results["bare"], bare_results[CPU + "bare"]
        print(
            f"bare Textual app (a line and a TextArea): median"
            f" {statistics.median(bare) * 1000:5.1f} ms  p90 {p90(bare) * 1000:5.1f} ms"
            f"  max {max(bare) * 1000:5.1f} ms;  UI thread CPU median"
            f" {statistics.median(bare_cpu) * 1000:5.1f} ms  p90 {p90(bare_cpu) * 1000:5.1f} ms"
        )
        for mode in modes[1:]:
            label = {
                "": "PgDn/PgUp",
                "0": "gc.freeze off",
                "1": "gc.freeze on",
                "against": f"PgDn/PgUp in {options.against}",
            }[mode]
            report(label, results[mode], bare, bare_cpu)


if __name__ == "__main__":
    main()
