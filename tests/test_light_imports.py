"""Reads that a user waits for do not pay for importing the ORM, Word, Excel or Textual.

Each check runs in a fresh interpreter and looks at `sys.modules` afterwards.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import struct
import subprocess
import sys
import termios
import threading
from pathlib import Path

import pytest

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "docx", "openpyxl", "textual")

CLI_PROBE = """
import json, sys
from tui.cli import main
try:
    main(sys.argv[1:])
except SystemExit as done:
    code = done.code
heavy = [name for name in {heavy!r} if name in sys.modules]
print(json.dumps({{"code": code, "heavy": heavy}}), file=sys.stderr)
"""

# SQLAlchemy's module is held at a gate (its loader waits) until the meetings are on screen: if
# painting them needed it, the UI thread would wait there and the meetings would come late.
HOME_PROBE = """
import importlib.machinery, json, sys, threading
db, out = sys.argv[1:3]
gate, loaded = threading.Event(), threading.Event()
seen = {"main_thread_waited": False}

class HeldLoader:
    def __init__(self, loader):
        self.loader = loader

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        if threading.current_thread() is threading.main_thread():
            seen["main_thread_waited"] = True
        gate.wait(20)
        self.loader.exec_module(module)
        loaded.set()

class Gate:
    def find_spec(self, name, path=None, target=None):
        if name != "sqlalchemy" or gate.is_set():
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        spec.loader = HeldLoader(spec.loader)
        return spec

def started():
    # Once its import has begun, even if held at the gate (opening may wait for home to paint
    # and import it only after the gate opened, past the gate).
    return "sqlalchemy" in sys.modules

sys.meta_path.insert(0, Gate())
from tui.app import InnsiktApp

class Probe(InnsiktApp):
    def on_mount(self):  # Textual also calls InnsiktApp.on_mount: no super() here
        self.call_after_refresh(self.first_paint)
        self.set_interval(0.01, self.poll)
        self.set_timer(60, self.exit)

    def first_paint(self):
        seen["sqlalchemy_at_first_paint"] = started()

    def poll(self):
        if "meetings" not in seen and self.home.loaded:
            seen["meetings"] = self.home.query_one("#meetings").row_count
            seen["sqlalchemy_at_meetings"] = started()
            gate.set()
        if "meetings" in seen and self.db is not None:
            seen["sqlalchemy_at_end"] = loaded.is_set() or "sqlalchemy" in sys.modules
            self.exit()

Probe(db, author="Prøve").run()
with open(out, "w") as handle:
    json.dump(seen, handle)
"""


# What home's first frame (with the meetings in it) has imported on the UI thread (the database opens on another, which may import meanwhile) and made by then, started as a
# user starts it (`tui.cli.main`, `--db` and `--author`).
FIRST_FRAME_PROBE = """
import dataclasses, json, sys
at_start = set(sys.modules)  # the interpreter's own start (site, .pth files): not ours
db, out = sys.argv[1:3]
made = []
real_process_class = dataclasses._process_class

def process_class(cls, *args, **kwargs):
    made.append(f"{cls.__module__}.{cls.__qualname__}")
    return real_process_class(cls, *args, **kwargs)

dataclasses._process_class = process_class
import threading

elsewhere = set()  # imported first by another thread: the database opening off the UI thread


class NoteThread:
    def find_spec(self, name, path=None, target=None):
        if threading.current_thread() is not threading.main_thread():
            elsewhere.add(name)
        return None


sys.meta_path.insert(0, NoteThread())
import tui.app
from textual.screen import Screen

real_refresh = Screen._compositor_refresh
seen = {}

def compositor_refresh(self):
    real_refresh(self)
    if not seen and type(self).__name__ == "HomeScreen":
        seen["meetings"] = self.query_one("#meetings").row_count
        seen["modules"] = sorted(set(sys.modules) - elsewhere - at_start)
        seen["dataclasses"] = [name for name in made if name.startswith(("models.", "tui."))]
        self.app.exit()

Screen._compositor_refresh = compositor_refresh
real_open = tui.app.InnsiktApp._open_database


def open_after_the_frame(self):
    # A loaded machine could open the database before home's first frame, and the UI thread
    # then took in what opening it brings: not the first frame's cost.
    if seen:
        real_open(self)
    else:
        self.set_timer(0.05, lambda: open_after_the_frame(self))


tui.app.InnsiktApp._open_database = open_after_the_frame
from tui.cli import main

try:
    main(["--db", db, "--author", "Prøve"])
except SystemExit:
    pass
with open(out, "w") as handle:
    json.dump(seen, handle)
"""

# Not needed to paint home: the guide parser (home counts questions from the guides' heads),
# rich's emoji table (read for markup), the recovery file's module and what they import.
NOT_FOR_THE_FIRST_FRAME = (
    "models.guides",
    "tomllib",
    "importlib.resources",
    "zipfile",
    "rich._emoji_codes",
    "tui.recovery",
    "hashlib",
)


def _drain(master: int) -> None:
    """Read what the app draws so that it never blocks on a full terminal."""
    while True:
        try:
            if not os.read(master, 65536):
                return
        except OSError:
            return


def run_cli(*args: str) -> dict[str, object]:
    probe = CLI_PROBE.format(heavy=HEAVY)
    done = subprocess.run(
        [sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=120
    )
    return json.loads(done.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["list", "meetings"],
        ["list", "services"],
        ["list", "journeys"],
        ["check"],
        ["search", "Bodø"],
        ["conflicts"],
        ["conflicts", "--json"],
        ["duplicates"],
        ["duplicates", "--json"],
    ],
    ids=[
        "help",
        "list-meetings",
        "list-services",
        "list-journeys",
        "check",
        "search",
        "conflicts",
        "conflicts-json",
        "duplicates",
        "duplicates-json",
    ],
)
def test_cli_reads_import_no_orm_word_excel_or_textual(demo_path: Path, args: list[str]) -> None:
    result = run_cli(*args, "--db", str(demo_path)) if args != ["--help"] else run_cli("--help")
    assert result == {"code": 0, "heavy": []}


def test_list_meetings_refuses_a_missing_database_and_creates_nothing(tmp_path: Path) -> None:
    """A read command never makes a database (issue 9); it says it cannot find it."""
    path = tmp_path / "new.sqlite"
    result = run_cli("list", "meetings", "--json", "--db", str(path))
    assert result["code"] == 1
    assert not path.exists()


def run_in_terminal(probe: str, demo_path: Path, out: Path) -> dict[str, object]:
    """`probe` run with the database and `out`, in a pseudo-terminal; what it wrote to `out`."""
    master, slave = pty.openpty()  # the app in a terminal, as a user starts it
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-c", probe, str(demo_path), str(out)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env={**os.environ, "TERM": "xterm-256color"},
        start_new_session=True,
    )
    os.close(slave)
    threading.Thread(target=_drain, args=(master,), daemon=True).start()
    try:
        process.wait(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    seen: dict[str, object] = json.loads(out.read_text())
    return seen


def test_home_shows_the_meetings_before_sqlalchemy_is_imported(
    demo_path: Path, tmp_path: Path
) -> None:
    seen = run_in_terminal(HOME_PROBE, demo_path, tmp_path / "seen.json")
    assert seen == {
        "main_thread_waited": False,
        "sqlalchemy_at_first_paint": False,
        "meetings": 6,
        "sqlalchemy_at_meetings": False,
        "sqlalchemy_at_end": True,  # the ORM is still loaded, in the background, for writes
    }


def test_homes_first_frame_makes_no_dataclass_and_imports_nothing_it_does_not_show(
    demo_path: Path, tmp_path: Path
) -> None:
    """Each dataclass made as its module is imported compiles its methods, a millisecond or two
    of the first frame each; the modules listed are not needed to paint home at all."""
    seen = run_in_terminal(FIRST_FRAME_PROBE, demo_path, tmp_path / "seen.json")
    assert seen["meetings"] == 6  # the first frame shows the meetings
    assert seen["dataclasses"] == []
    modules = seen["modules"]
    assert isinstance(modules, list)
    assert [name for name in NOT_FOR_THE_FIRST_FRAME if name in modules] == []
