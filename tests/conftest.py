"""Shared fixtures: every test gets its own data directory and database path.

A new database (`fresh_db`) and the demo (`demo_path`, `demo_db`) are each made once per test
process into a template and copied for each test that asks: the copy is the very file
`open_database` or `load_demo` wrote (the demo's ids are the same on every database; a fresh
copy gets a device id of its own), at a fraction of the time of making it again.
"""

from __future__ import annotations

import inspect
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from models.storage import Database, open_database
from tests import templates

# Bytecode is written and read even where PYTHONDONTWRITEBYTECODE is set (this machine sets it):
# without it every test process, and every `innsikt` a test starts, compiles the project (and
# pytest rewrites every test module) from source again, 6 of the 10 s it takes to collect the
# suite. __pycache__ is git-ignored. INNSIKT_TEST_BYTECODE=off leaves the setting alone.
if os.environ.get("INNSIKT_TEST_BYTECODE") != "off":
    sys.dont_write_bytecode = False
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # for xdist's workers and subprocesses

# Pilot waits for a key to be handled by draining the screen's messages, and then, twice per key,
# for the process to look idle: it sleeps in slices of 20 ms until one passes with less than
# 1/20 of it in CPU. Those slices were half the wall time of the app's tests and leave the core
# idle. In slices of 4 ms the rule is the same (idle = under 1/20 of the slice in CPU) and the
# wait ends as soon as the app is done. INNSIKT_TEST_IDLE=textual keeps Textual's 20 ms.
IDLE_SLICE_SECONDS = 0.004
if os.environ.get("INNSIKT_TEST_IDLE") != "textual":
    import textual._wait

    textual._wait.SLEEP_GRANULARITY = IDLE_SLICE_SECONDS
    textual._wait.SLEEP_IDLE = IDLE_SLICE_SECONDS / 20

DATA = Path(__file__).parent / "data"

# Property tests take their example counts from tests/budget.py; the thorough profile also
# raises the count of those that name none. Chosen by HYPOTHESIS_PROFILE (default: «default»).
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


MEMORY_TMP_FREE_BYTES = 2 * 1024**3  # below this free in /dev/shm, test files stay on disk


def pytest_configure(config: pytest.Config) -> None:
    """Test files live in memory (/dev/shm) where the system has it: every note save and new
    database syncs to disk (synchronous=FULL), and thousands of fsyncs make the suite slow, not
    surer: a killed app's writes survive in the page cache either way (the full-disk test mounts
    a file system of its own). INNSIKT_TEST_TMP=disk keeps them on disk.
    """
    memory = Path("/dev/shm")
    if os.environ.get("INNSIKT_TEST_TMP") == "disk" or not os.access(memory, os.W_OK):
        return
    # A container's /dev/shm is often 64 MB: the run's files and a PostgreSQL would fill it.
    if shutil.disk_usage(memory).free < MEMORY_TMP_FREE_BYTES:
        return
    # Before pytest makes its base folder (xdist's workers get folders inside the controller's).
    os.environ.setdefault("PYTEST_DEBUG_TEMPROOT", str(memory))
    tempfile.tempdir = str(memory)  # the demo template and the hub's PostgreSQL data, too


def pytest_unconfigure(config: pytest.Config) -> None:
    templates.remove_folders()


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test touches the real user data directory or a real INNSIKT_DB."""
    folder = tmp_path / "innsikt-data"
    monkeypatch.setenv("INNSIKT_DATA_DIR", str(folder))
    monkeypatch.setenv("INNSIKT_CONFIG_DIR", str(tmp_path / "innsikt-config"))
    monkeypatch.delenv("INNSIKT_DB", raising=False)
    monkeypatch.delenv("INNSIKT_LANG", raising=False)
    return folder


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "innsikt.sqlite"


@pytest.fixture(scope="session")
def empty_template() -> Path:
    """A new, empty database as `open_database` lays it out, made once per test process."""
    return templates.empty_template()


@pytest.fixture
def fresh_db(db_path: Path) -> Iterator[Database]:
    """A new, empty database at `db_path`, open: a copy of the template with its own device id."""
    db = open_database(templates.copy_empty(db_path))
    yield db
    db.close()


@pytest.fixture(scope="session")
def demo_template() -> Path:
    """The demo as `load_demo` writes it into a new database, built once per test process."""
    return templates.demo_template()


@pytest.fixture
def demo_path(db_path: Path, demo_template: Path) -> Path:
    """The demo database at `db_path`, closed."""
    templates.copy_template(demo_template, db_path)
    return db_path


@pytest.fixture
def demo_db(demo_path: Path) -> Iterator[Database]:
    """The demo database at `db_path`, open."""
    db = open_database(demo_path)
    yield db
    db.close()


@pytest.fixture(autouse=True)
def steady_cursors(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a snapshot a focused text cursor is always drawn: its blink (every 0.5 s) would make
    the picture depend on how long a loaded machine took between the last key and the shot."""
    if "snap_compare" not in request.fixturenames:
        return
    from textual.widgets import Input, TextArea

    def keep_visible(widget: Input | TextArea) -> None:
        widget._cursor_visible = True

    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", keep_visible)
    monkeypatch.setattr(Input, "_toggle_cursor", keep_visible)


WORKERS_PER_CORE = 2


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """`-n auto` starts two workers per core, not one: the app and real-terminal tests spend
    much of their time waiting (for the app to be idle, for a subprocess, for a debounce), and
    a second worker fills that time. PYTEST_XDIST_AUTO_NUM_WORKERS still decides where set."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # xdist's own hook reads it
    return WORKERS_PER_CORE * len(os.sched_getaffinity(0))


def _slowness(item: pytest.Item) -> int:
    """0 for property tests, 1 for real-terminal tests, 2 for the app under Pilot, 3 for the rest."""
    from hypothesis.internal.detection import is_hypothesis_test

    module = getattr(item, "module", None)
    function = getattr(item, "obj", None)
    names = getattr(getattr(function, "__code__", None), "co_names", ())
    if is_hypothesis_test(function) or "given" in names:  # also a property run inside the test
        return 0
    if getattr(module, "Terminal", None) is not None:  # tests/pty_terminal.py
        return 1
    if inspect.iscoroutinefunction(function):
        return 2
    return 3


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slowest tests first, so that the workers (-n auto) do not wait on one at the end.

    A stable sort: within each kind the order stays as collected, the same on every worker.
    """
    items.sort(key=_slowness)
