"""Benchmark the CLI's read commands against `python -c pass`, measured in the same run.

Each command runs as a fresh `python -m tui.cli …` process, interleaved with the baseline, on
the demo and on the demo scaled to about 200 meetings (bench/export.py's archive copies):

- `list meetings` piped (plain columns), with --json, and in a pseudo-terminal (rich's table);
- `check`, `search`, `--help`.

Wall-clock medians are what a user waits; on a shared machine they swing with the load, so
the process CPU time (user + system, from wait4) is printed beside them — its ratio to the
baseline is the steadier figure. Which heavy libraries each command imported is printed too.

Python compiles a module it has no cached bytecode for on every start: with
PYTHONDONTWRITEBYTECODE set (as in this project's sandboxes) every module of ours is compiled
on every run, which an installed copy never does. `--bytecode` runs with a cache of compiled
bytecode (PYTHONPYCACHEPREFIX), as a user's installation has; the default inherits the
environment as it is.

`--tree DIR` runs the commands of another checkout (e.g. `git archive main | tar -x -C DIR`)
in the same run, for a before/after figure.

Run: python bench/cli.py [--runs 9] [--meetings 200] [--bytecode] [--tree DIR]
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

sys.path.insert(0, str(Path(__file__).parent))

from export import build_database
from startup import Terminal

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "docx", "openpyxl", "textual", "rich.console")
HEAVY_PROBE = r"""
import json, sys
from tui.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps([name for name in {heavy!r} if name in sys.modules]), file=sys.stderr)
"""


def timed(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run of `args`, output thrown away."""
    started = time.perf_counter()
    process = subprocess.Popen(
        args,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=env.get("PYTHONPATH"),  # `-m` puts the working directory first on the path
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{args} exited {process.returncode}")
    return wall, usage.ru_utime + usage.ru_stime


def timed_in_terminal(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """As `timed`, with the command's output on a pseudo-terminal (rich draws its table)."""
    saved, cwd = dict(os.environ), os.getcwd()
    os.environ.clear()
    os.environ.update(env)
    os.chdir(env.get("PYTHONPATH", cwd))
    try:
        started = time.perf_counter()
        terminal = Terminal(args)
        _, status, usage = os.wait4(terminal.process.pid, 0)
        wall = time.perf_counter() - started
        terminal.process.returncode = os.waitstatus_to_exitcode(status)
        terminal.close()
    finally:
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(saved)
    return wall, usage.ru_utime + usage.ru_stime


def heavy_imports(args: list[str], env: dict[str, str]) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", HEAVY_PROBE.format(heavy=HEAVY), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=env.get("PYTHONPATH"),
        check=False,
    )
    return json.loads(done.stderr.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--meetings", type=int, default=200)
    parser.add_argument("--bytecode", action="store_true")
    parser.add_argument("--tree", type=Path, default=None)
    options = parser.parse_args()
    here = Path(__file__).resolve().parent.parent
    trees = {"this": here} if options.tree is None else {"before": options.tree, "this": here}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        demo_folder, scaled_folder = folder / "demo", folder / "scaled"
        demo_folder.mkdir()
        scaled_folder.mkdir()
        demo, _ = build_database(demo_folder, 1)
        scaled, _ = build_database(scaled_folder, max(1, round(options.meetings / 6)))
        paths = {"demo": demo.path, "scaled": scaled.path}
        demo.close()
        scaled.close()
        base_env = {**os.environ, "INNSIKT_DATA_DIR": str(folder / "data")}
        if options.bytecode:
            base_env.pop("PYTHONDONTWRITEBYTECODE", None)
            base_env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
        envs = {tree: {**base_env, "PYTHONPATH": str(root)} for tree, root in trees.items()}
        python = [sys.executable]
        cases: dict[str, list[str]] = {}
        for size, path in paths.items():
            db = ["--db", str(path)]
            cases[f"list meetings, piped ({size})"] = [*db, "list", "meetings"]
            cases[f"list meetings --json ({size})"] = [*db, "list", "meetings", "--json"]
            cases[f"list meetings, terminal ({size})"] = [*db, "list", "meetings"]
            cases[f"check ({size})"] = [*db, "check"]
            cases[f"search tetra ({size})"] = [*db, "search", "tetra"]
        cases["--help"] = ["--help"]
        targets = {"list meetings": 4.0, "check": 2.5}
        wall: dict[tuple[str, str], list[float]] = {}
        cpu: dict[tuple[str, str], list[float]] = {}

        def add(key: tuple[str, str], figures: tuple[float, float]) -> None:
            wall.setdefault(key, []).append(figures[0])
            cpu.setdefault(key, []).append(figures[1])

        for tree in trees:  # warm the file cache (and the bytecode cache)
            for args in cases.values():
                timed([*python, "-m", "tui.cli", *args], envs[tree])
        for _ in range(options.runs):
            add(("", "pass"), timed([*python, "-c", "pass"], base_env))
            for tree, env in envs.items():
                for label, args in cases.items():
                    command = [*python, "-m", "tui.cli", *args]
                    runner = timed_in_terminal if "terminal" in label else timed
                    add((tree, label), runner(command, env))
        load = os.getloadavg()
        base_wall = statistics.median(wall[("", "pass")])
        base_cpu = statistics.median(cpu[("", "pass")])
        print(
            f"median of {options.runs} interleaved runs; load {load[0]:.2f} {load[1]:.2f}"
            f" {load[2]:.2f}; bytecode {'cached' if options.bytecode else 'as the environment'}"
            f" (PYTHONDONTWRITEBYTECODE={base_env.get('PYTHONDONTWRITEBYTECODE', '')!r})"
        )
        print(f"  python -c pass: {base_wall * 1000:5.0f} ms wall, {base_cpu * 1000:5.0f} ms CPU")
        for label, args in cases.items():
            target = next((v for k, v in targets.items() if label.startswith(k)), None)
            for tree in trees:
                w = statistics.median(wall[(tree, label)])
                c = statistics.median(cpu[(tree, label)])
                goal = f" (target ≤ {target}×)" if target else ""
                heavy = heavy_imports(args, envs[tree]) if "terminal" not in label else []
                print(
                    f"  {tree:6} {label:40} {w * 1000:5.0f} ms {w / base_wall:5.2f}× wall,"
                    f" {c * 1000:5.0f} ms {c / base_cpu:5.2f}× CPU{goal}"
                    f"{'  imports ' + ', '.join(heavy) if heavy else ''}"
                )


if __name__ == "__main__":
    main()
