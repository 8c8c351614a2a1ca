"""Benchmark what a user feels at the demo's size and at ~200 meetings, against same-run baselines.

Every figure is a median of interleaved runs, each app in its own pseudo-terminal (100×30), and
is printed with its baseline measured in the same run and the ratio to it:

- meetings on screen: `innsikt --db …` until the home screen shows the meetings, against a bare
  Textual app's first frame; on the demo and on the demo scaled to ~200 meetings (copied through
  the JSON archive with new ids, as bench/export.py does);
- `--meeting`: until the notes editor is focused with the author's note in it, against the bare
  first frame;
- `innsikt list meetings` and `innsikt check` against `python -c pass`;
- the service catalogue at 2,000 services: its data (the SQL read, filtered and sorted as the
  screen does; target ≤ 300 ms) and the screen from being pushed to its first rows painted and
  to every row in the table (Pilot, a process per run, its module imported beforehand; wall and
  UI-thread CPU, the latter steadier under load; with `--against` also the other checkout's,
  interleaved); the data and the services export (.csv) at half and at the full number of
  services, whose ratio shows them linear (≈ 2×), and the ORM read of every meeting's records
  that the export used before, in the same run;
- CPU per keystroke in the notes editor against a bare Textual TextArea (process CPU time while
  100 keys are typed 30 ms apart, minus the same length idle);
- peak RSS of the app with the meetings on screen, demo and ~200 meetings.

Each start-up figure also gives the process's CPU time by then (every thread's) and the UI
thread's alone, which a busy machine disturbs less than the wall time (the latter leaves out
the ORM's import in a worker, which may overlap the wait for the settled frame). This
machine's sandboxes set PYTHONDONTWRITEBYTECODE, so every run compiles innsikt's modules (not
Textual's, installed with their bytecode);
`--bytecode` keeps a cache of compiled bytecode, as a user's installed copy has.

Run: python bench/scale.py [--runs 5] [--meetings 200] [--services 2000] [--skip-keys]
                           [--skip-services] [--against CHECKOUT] [--bytecode] [--key-rounds 3]
     python bench/scale.py --keys-only [--against CHECKOUT]   (CPU per keystroke alone)
     python bench/scale.py --services-only   (the catalogue and the services export alone)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from export import scaled_archive
from startup import Terminal

AUTHOR = "Kari Nordmann"
NOTE = "Notatet som skal stå i editoren når møtet åpnes."

PROBE = r"""
import json, sys, time
mode, db, out, extra = sys.argv[1:5]

def record(**times):
    # VmHWM, not ru_maxrss: the latter is inherited across exec from the (large) bench process
    with open("/proc/self/status") as status:
        peak = next(line for line in status if line.startswith("VmHWM:"))
    times["rss_mb"] = int(peak.split()[1]) / 1024
    times["cpu_s"] = time.process_time()  # every thread's CPU: the work, whatever the load
    # The UI thread's alone (record runs on it): not the ORM's import in a worker once the
    # meeting is painted, which a busy machine lets overlap the wait for the settled frame.
    times["ui_s"] = time.thread_time()
    with open(out, "w") as handle:
        json.dump(times, handle)

if mode in ("bare", "textarea"):
    from textual.app import App
    from textual.widgets import Static, TextArea

    class Bare(App):
        def compose(self):
            yield TextArea(soft_wrap=True) if mode == "textarea" else Static("innsikt")

        def on_mount(self):
            if mode == "textarea":
                self.query_one(TextArea).focus()
            self.call_after_refresh(self.painted)

        def painted(self):
            record(frame=time.time())
            if mode == "bare":
                self.exit()

    Bare().run()
else:
    import tui.app

    class Probe(tui.app.InnsiktApp):
        done = False

        def on_mount(self):  # Textual calls InnsiktApp.on_mount too: no super() here
            self.poller = self.set_interval(0.002, self.poll)

        def ready(self):
            if mode == "home":
                return getattr(self.screen, "loaded", False)
            focused = self.focused
            if type(focused).__name__ != "NotesEditor":
                return False
            if mode == "type" and (self.db is None or not getattr(self.home, "loaded", False)):
                return False  # the ORM and home load after the meeting shows: not typing's CPU
            # typing runs add to the note, so the next one finds more than the author's note
            return focused.text == extra or (mode == "type" and focused.text.startswith(extra))

        def poll(self):
            if not self.done and self.ready():
                self.done = True
                self.poller.stop()  # its CPU would count in the typing runs' idle stretch
                self.call_after_refresh(self.painted)

        def painted(self):
            record(loaded=time.time())
            if mode != "type":
                self.exit()

    tui.app.InnsiktApp = Probe
    from tui.cli import main

    args = ["--db", db, "--author", "Kari Nordmann"]
    if mode in ("meeting", "type"):
        args += ["--meeting", sys.argv[5]]
    main(args)
"""


def build(folder: Path, meetings: int) -> tuple[Path, Path, str]:
    """The demo, and the demo scaled to about `meetings` meetings; the first meeting's id."""
    from models.archive import import_archive, write_archive
    from models.demo import load_demo
    from models.records import save_note
    from models.storage import open_database

    demo = open_database(folder / "demo.sqlite")
    load_demo(demo)
    with demo.session() as session:
        from sqlmodel import select

        from models.tables import Meeting

        first = session.exec(select(Meeting).order_by(Meeting.date)).first()
        assert first is not None
        meeting_id, count = first.id, len(session.exec(select(Meeting)).all())
    save_note(demo, meeting_id, "A1", AUTHOR, NOTE)
    write_archive(demo, folder / "demo.json")
    demo.close()
    archive = json.loads((folder / "demo.json").read_text("utf-8"))
    copies = max(1, round(meetings / count))
    (folder / "scaled.json").write_text(json.dumps(scaled_archive(archive, copies)), "utf-8")
    scaled = open_database(folder / "scaled.sqlite")
    import_archive(scaled, folder / "scaled.json")
    scaled.close()
    return folder / "demo.sqlite", folder / "scaled.sqlite", meeting_id


def add_services(path: Path, total: int) -> int:
    """Services up to `total` in the database at `path`, each with an owner and one mention."""
    from sqlmodel import select

    from models import records
    from models.storage import open_database
    from models.tables import Meeting, Organisation, Service, ServiceMention

    db = open_database(path)
    with db.transaction() as session:
        have = len(session.exec(records.live(Service)).all())
        owners = session.exec(select(Organisation)).all()
        meetings = session.exec(select(Meeting)).all()
        for number in range(have, total):
            service = records.create(
                db,
                session,
                Service,
                name=f"Tjeneste {number:04d}",
                owner_id=owners[number % len(owners)].id,
                status="i drift",
                criticality="viktig",
                nodnett_dependency="delvis",
            )
            records.create(
                db,
                session,
                ServiceMention,
                service_id=service.id,
                meeting_id=meetings[number % len(meetings)].id,
                question_key="C1",
            )
    db.close()
    return max(total, have)


def probe_terminal(
    mode: str, db: Path, out: Path, extra: list[str] | tuple[str, ...], code: str | None
) -> Terminal:
    """The probe in its own terminal; `code`: a checkout whose innsikt it runs instead.

    `python -c` puts the working directory first on sys.path, before PYTHONPATH: run from this
    checkout, the probe would import this checkout's code whatever PYTHONPATH says. The probe
    is started in `code`, with `code` on PYTHONPATH too."""
    args = [sys.executable, "-c", PROBE, mode, str(db), str(out), *extra]
    if code is None:
        return Terminal(args)
    saved_path, saved_cwd = os.environ.get("PYTHONPATH"), os.getcwd()
    os.environ["PYTHONPATH"] = code
    os.chdir(code)
    try:
        return Terminal(args)
    finally:
        os.chdir(saved_cwd)
        if saved_path is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = saved_path


def run_probe(
    folder: Path, mode: str, db: Path, *extra: str, code: str | None = None
) -> dict[str, float]:
    """One probe run; `code`: a checkout whose innsikt runs instead (first on PYTHONPATH)."""
    out = folder / f"{mode}.json"
    out.unlink(missing_ok=True)
    started = time.time()
    extra = (*extra, "", "")[:2]
    terminal = probe_terminal(mode, db, out, extra, code)
    try:
        terminal.process.wait(timeout=120)
    finally:
        terminal.close()
    times = json.loads(out.read_text())
    return {k: (v if k in ("rss_mb", "cpu_s", "ui_s") else v - started) for k, v in times.items()}


def run_command(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    return time.perf_counter() - started


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_per_key(
    folder: Path, mode: str, db: Path, meeting_id: str, keys: int = 100, code: str | None = None
) -> float:
    """CPU seconds per key typed 30 ms apart, less the CPU of an equal idle stretch."""
    out = folder / f"{mode}-keys.json"
    out.unlink(missing_ok=True)
    extra = [NOTE, meeting_id] if mode == "type" else ["", ""]
    terminal = probe_terminal(mode, db, out, extra, code)
    try:
        deadline = time.monotonic() + 60
        while not out.exists():
            if time.monotonic() > deadline:
                raise SystemExit(f"{mode} never became ready")
            time.sleep(0.01)
        time.sleep(1.0)
        pid, gap = terminal.process.pid, 0.03
        idle = cpu_seconds(pid)
        time.sleep(keys * gap + 1.0)
        idle = cpu_seconds(pid) - idle
        typing = cpu_seconds(pid)
        for number in range(keys):
            terminal.send("abcdefghijklmnopqrstuvwxyz"[number % 26])
            time.sleep(gap)
        time.sleep(1.0)  # the debounced save of the last keys
        typing = cpu_seconds(pid) - typing
    finally:
        terminal.close()
    return max(typing - idle, 0.0) / keys


CATALOGUE_PROBE = r"""
import asyncio, json, sys, time
from pathlib import Path

async def run(db_path):
    from tui.app import InnsiktApp
    import tui.screens.service_catalogue  # imported beforehand: the push alone is timed
    from tui.screens.service_catalogue import ServiceCatalogueScreen

    app = InnsiktApp(Path(db_path), author="Bench")
    async with app.run_test(size=(120, 40)) as pilot:
        while app.db is None or not app.home.loaded:
            await asyncio.sleep(0.01)
        await pilot.pause()
        painted = []
        started, cpu = time.perf_counter(), time.thread_time()
        app.action_catalogue()
        while not (isinstance(app.screen, ServiceCatalogueScreen) and app.screen.loaded):
            await asyncio.sleep(0.002)
        screen = app.screen
        screen.call_after_refresh(
            lambda: painted.append((time.perf_counter() - started, time.thread_time() - cpu))
        )
        while not painted or not screen.filled:
            await asyncio.sleep(0.002)
        await pilot.pause()
        every = (time.perf_counter() - started, time.thread_time() - cpu)
        rows = screen.query_one("#catalogue-table").row_count
    return [*painted[0], *every, rows]

print(json.dumps(asyncio.run(run(sys.argv[1]))))
"""


def catalogue_time(
    db_path: Path, code: str | None = None
) -> tuple[float, float, float, float, int]:
    """From pushing the catalogue (its module imported) to its first rows painted and to every
    row in the table: wall and UI-thread CPU seconds of each, and the rows; in a process of
    its own, with this checkout's code or `code`'s."""
    checkout = code or str(Path(__file__).resolve().parent.parent)
    env = dict(os.environ, PYTHONPATH=checkout)
    done = subprocess.run(
        [sys.executable, "-c", CATALOGUE_PROBE, str(db_path)],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    first, first_cpu, every, every_cpu, rows = json.loads(done.stdout.splitlines()[-1])
    return first, first_cpu, every, every_cpu, rows


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--meetings", type=int, default=200)
    parser.add_argument("--services", type=int, default=2000)
    parser.add_argument("--skip-keys", action="store_true")
    parser.add_argument("--skip-services", action="store_true", help="no catalogue or export")
    parser.add_argument(
        "--against",
        metavar="CHECKOUT",
        help="also time home, --meeting and the catalogue screen with this checkout",
    )
    parser.add_argument("--keys-only", action="store_true", help="only CPU per keystroke")
    parser.add_argument(
        "--bytecode",
        action="store_true",
        help="cache compiled bytecode, as an installed copy has (see bench/cli.py)",
    )
    parser.add_argument("--key-rounds", type=int, default=3, help="typing runs of each app")
    parser.add_argument("--services-only", action="store_true", help="only catalogue and export")
    options = parser.parse_args()
    if options.bytecode:  # children inherit it; PYTHONDONTWRITEBYTECODE compiles ours each run
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="innsikt-pycache-")
    if options.services_only:
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            os.environ["INNSIKT_DATA_DIR"] = str(folder / "data")
            _demo, scaled, _meeting_id = build(folder, options.meetings)
            services_figures(folder, scaled, options.services, options.runs, options.against)
        return
    if options.keys_only:
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            os.environ["INNSIKT_DATA_DIR"] = str(folder / "data")
            demo, _scaled, meeting_id = build(folder, 6)
            keystroke_cpu(folder, demo, meeting_id, options.key_rounds, options.against)
        return
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        os.environ["INNSIKT_DATA_DIR"] = str(folder / "data")
        demo, scaled, meeting_id = build(folder, options.meetings)
        count = _count(scaled)
        results: dict[str, list[float]] = {}
        rss: dict[str, list[float]] = {}

        def add(key: str, value: float) -> None:
            results.setdefault(key, []).append(value)

        def probe(key: str, mode: str, db: Path, *extra: str, code: str | None = None) -> None:
            times = run_probe(folder, mode, db, *extra, code=code)
            add(key, times["frame" if mode == "bare" else "loaded"])
            add(f"{key} cpu", times["cpu_s"])
            add(f"{key} ui", times["ui_s"])
            if mode == "home" and code is None:
                rss.setdefault(key, []).append(times["rss_mb"])

        run_probe(folder, "bare", demo)  # warm the file cache (and the bytecode cache)
        for code in (None, options.against) if options.against else (None,):
            run_probe(folder, "home", demo, code=code)
            run_probe(folder, "meeting", demo, NOTE, meeting_id, code=code)
        innsikt = [sys.executable, "-m", "tui.cli"]
        for _ in range(options.runs):
            probe("bare", "bare", demo)
            for key, db in (("demo", demo), ("scaled", scaled)):
                probe(key, "home", db)
            probe("meeting", "meeting", demo, NOTE, meeting_id)
            if options.against:  # the same, with the other checkout's code, interleaved
                for key, db in (("demo", demo), ("scaled", scaled)):
                    probe(f"{key} before", "home", db, code=options.against)
                probe("meeting before", "meeting", demo, NOTE, meeting_id, code=options.against)
            add("pass", run_command([sys.executable, "-c", "pass"]))
            add("list", run_command([*innsikt, "--db", str(scaled), "list", "meetings"]))
            add("check", run_command([*innsikt, "--db", str(scaled), "check"]))
        bare = median_ms(results["bare"])
        python = median_ms(results["pass"])
        cached = "cached" if options.bytecode else "as the environment"
        print(
            f"median of {options.runs} interleaved runs; scaled demo: {count} meetings;"
            f" bytecode {cached}; load {os.getloadavg()[0]:.1f}"
        )
        before = f"  the same, {options.against}"
        lines = [
            ("bare Textual app, first frame", "bare", bare, None),
            ("meetings on screen, demo", "demo", bare, 1.5),
            *([(before, "demo before", bare, 1.5)] if options.against else []),
            (f"meetings on screen, {count} meetings", "scaled", bare, 2.5),
            *([(before, "scaled before", bare, 2.5)] if options.against else []),
            ("--meeting to a focused editor with the note", "meeting", bare, 2.0),
            *([(before, "meeting before", bare, 2.0)] if options.against else []),
            ("python -c pass", "pass", python, None),
            (f"innsikt list meetings ({count} meetings)", "list", python, 4.0),
            (f"innsikt check ({count} meetings)", "check", python, 2.5),
        ]
        bare_cpu = median_ms(results["bare cpu"])
        bare_ui = median_ms(results["bare ui"])
        for label, key, base, target in lines:
            value = median_ms(results[key])
            ratio = "" if target is None else f"  {value / base:5.2f}× (target ≤ {target}×)"
            if f"{key} cpu" in results:  # the process's CPU by then: steadier under load
                cpu, ui = median_ms(results[f"{key} cpu"]), median_ms(results[f"{key} ui"])
                ratio += f"  CPU {cpu:4.0f} ms" + (
                    "" if key == "bare" else f" {cpu / bare_cpu:.2f}×"
                )
                ratio += f"  UI thread {ui:4.0f} ms" + (
                    "" if key == "bare" else f" {ui / bare_ui:.2f}×"
                )
            print(f"  {label:46} {value:7.0f} ms{ratio}")
        print(
            f"  peak RSS, meetings on screen: demo {statistics.median(rss['demo']):.0f} MB, "
            f"{count} meetings {statistics.median(rss['scaled']):.0f} MB"
        )
        if not options.skip_services:
            services_figures(folder, scaled, options.services, options.runs, options.against)
        if not options.skip_keys:
            keystroke_cpu(folder, demo, meeting_id, options.key_rounds, options.against)


def catalogue_data(db_path: Path) -> int:
    """What the catalogue screen reads and shows: rows, short names, filtered and sorted."""
    from models.read import organisation_short_names, reading, service_rows
    from models.service_search import ServiceFilter, filter_services, sort_services

    with reading(db_path) as connection:
        rows = service_rows(connection)
        organisation_short_names(connection)
    shown = sort_services(filter_services(rows, ServiceFilter()), "criticality", descending=True)
    return len(shown)


def export_csv(db_path: Path, target: Path) -> None:
    from exports.services import write_services
    from models.storage import open_database

    db = open_database(db_path)
    try:
        target.unlink(missing_ok=True)
        write_services(db, target)
    finally:
        db.close()


def orm_records(db_path: Path) -> None:
    """The ORM read of every meeting's records that the services export made before."""
    from models.content_queries import load_meeting_records
    from models.storage import open_database

    db = open_database(db_path)
    try:
        with db.session() as session:
            load_meeting_records(session)
    finally:
        db.close()


def timed(action: Any) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def services_figures(
    folder: Path, scaled: Path, total: int, runs: int, against: str | None = None
) -> None:
    """The catalogue's data and screen and the services export, at total / 2 and at total;
    the screen also with the checkout `against`, interleaved."""
    import shutil

    half_path = folder / "half.sqlite"
    shutil.copy(scaled, half_path)
    half = add_services(half_path, total // 2)
    services = add_services(scaled, total)
    assert catalogue_data(scaled) == services and catalogue_data(half_path) == half
    figures: dict[str, list[float]] = {}
    for _ in range(runs):  # interleaved, so that a busy moment touches every figure alike
        for key, path in (("half", half_path), ("full", scaled)):
            figures.setdefault(f"data {key}", []).append(timed(lambda p=path: catalogue_data(p)))
            out = folder / f"services-{key}.csv"
            figures.setdefault(f"csv {key}", []).append(
                timed(lambda p=path, o=out: export_csv(p, o))
            )
        figures.setdefault("orm", []).append(timed(lambda: orm_records(scaled)))
    shown: dict[str, list[tuple[float, float, float, float, int]]] = {"now": [], "before": []}
    for _ in range(runs):  # interleaved with the other checkout's, if any
        shown["now"].append(catalogue_time(scaled))
        if against:
            shown["before"].append(catalogue_time(scaled, against))
    assert all(t[4] == services for t in shown["now"] + shown["before"]), (shown, services)
    ms = {key: median_ms(values) for key, values in figures.items()}
    linear = f"linear: {services / half:.2f}"
    print(f"services: median of {runs} interleaved runs; {half} and {services} services")
    print(
        f"  catalogue data, {services} services {ms['data full']:19.0f} ms  (target ≤ 300 ms);"
        f" {half}: {ms['data half']:.0f} ms, ratio {ms['data full'] / ms['data half']:.2f} ({linear})"
    )
    for key, label in (("now", ""), ("before", f" ({against})")):
        if not shown[key]:
            continue
        first, first_cpu, every, every_cpu = (
            median_ms([t[i] for t in shown[key]]) for i in range(4)
        )
        print(
            f"  catalogue screen{label}, {services} services, first rows painted {first:6.0f} ms"
            f" (UI thread CPU {first_cpu:.0f} ms; target ≤ 300 ms)"
        )
        print(
            f"  catalogue screen{label}, all {services} rows in the table {every:9.0f} ms"
            f" (UI thread CPU {every_cpu:.0f} ms)"
        )
    print(
        f"  services export (.csv), {services} services {ms['csv full']:9.0f} ms;"
        f" {half}: {ms['csv half']:.0f} ms, ratio {ms['csv full'] / ms['csv half']:.2f} ({linear})"
    )
    print(
        f"  the ORM read of every meeting's records it replaced {ms['orm']:5.0f} ms"
        f"  (export / ORM read {ms['csv full'] / ms['orm']:.2f}×)"
    )


def keystroke_cpu(
    folder: Path, demo: Path, meeting_id: str, rounds: int = 3, against: str | None = None
) -> None:
    bare, ours, before = [], [], []
    for _ in range(rounds):  # interleaved, like the start-up runs
        bare.append(cpu_per_key(folder, "textarea", demo, meeting_id))
        ours.append(cpu_per_key(folder, "type", demo, meeting_id))
        if against:
            before.append(cpu_per_key(folder, "type", demo, meeting_id, code=against))
    bare_key = statistics.median(bare)
    print(f"  CPU per key, bare TextArea {bare_key * 1000:19.1f} ms")
    for label, values in (("notes editor", ours), (f"the same, {against}", before)):
        if values:
            key = statistics.median(values)
            print(
                f"  CPU per key, {label:31} {key * 1000:5.1f} ms"
                f"  {key / max(bare_key, 1e-6):5.2f}× (target ≤ 1.2×)"
            )


def _count(path: Path) -> int:
    import sqlite3

    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT count(*) FROM meeting WHERE NOT deleted").fetchone()[0]
    finally:
        connection.close()


if __name__ == "__main__":
    main()
