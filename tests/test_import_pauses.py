"""A thread's imports inside `between_keys()` wait, module by module, while a key is unanswered:
the ORM's import under `--meeting` goes on between the keys, not inside them."""

from __future__ import annotations

import importlib.machinery
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui import import_pauses, terminal_activity
from tui.import_pauses import between_keys


@pytest.fixture
def key_unanswered(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # However slow the machine, the key stays unanswered until the test writes the frame.
    monkeypatch.setattr(terminal_activity, "ANSWER_SECONDS", 600.0)
    terminal_activity.reset()
    terminal_activity.key_read()
    yield
    terminal_activity.reset()


def module_file(folder: Path, name: str) -> None:
    (folder / f"{name}.py").write_text("EXECUTED = True\n")


def imported_on_thread(name: str) -> tuple[threading.Thread, threading.Event]:
    done = threading.Event()

    def run() -> None:
        with between_keys():
            __import__(name)
        done.set()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, done


def executed(name: str) -> bool:
    return bool(getattr(sys.modules.get(name), "EXECUTED", False))


def until_waiting(name: str, done: threading.Event) -> None:
    """Until the thread has found the module and waits to execute it (its module lock held):
    on a loaded machine the thread may not even have started yet."""
    for _ in range(3000):
        if name in sys.modules:
            return
        done.wait(0.01)
    raise AssertionError(f"{name} was never found")


def test_a_module_waits_for_the_frame_and_keeps_its_own_loader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key_unanswered: None
) -> None:
    module_file(tmp_path, "paced_sample_one")
    monkeypatch.syspath_prepend(str(tmp_path))
    interval = sys.getswitchinterval()
    waited = import_pauses._between.modules
    thread, done = imported_on_thread("paced_sample_one")
    until_waiting("paced_sample_one", done)
    assert not done.wait(0.2)
    assert not executed("paced_sample_one")  # found, waiting to be executed
    assert sys.getswitchinterval() == import_pauses.SWITCH_INTERVAL
    terminal_activity.frame_written()
    assert done.wait(30)
    thread.join(30)
    module = sys.modules.pop("paced_sample_one")
    assert module.EXECUTED
    assert isinstance(module.__loader__, importlib.machinery.SourceFileLoader)
    assert module.__spec__.loader is module.__loader__
    assert import_pauses._between.modules == waited + 1
    assert sys.getswitchinterval() == interval  # the process's own again


def test_other_threads_import_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key_unanswered: None
) -> None:
    module_file(tmp_path, "paced_sample_two")
    monkeypatch.syspath_prepend(str(tmp_path))
    import paced_sample_two  # type: ignore[import-not-found]  # noqa: F401

    assert executed("paced_sample_two")
    sys.modules.pop("paced_sample_two")


def test_a_module_another_thread_waits_for_stops_waiting_for_the_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key_unanswered: None
) -> None:
    module_file(tmp_path, "paced_sample_three")
    monkeypatch.syspath_prepend(str(tmp_path))
    _thread, done = imported_on_thread("paced_sample_three")
    until_waiting("paced_sample_three", done)
    # The UI thread importing it too: it would wait for that thread, which waited for the UI.
    other = threading.Thread(target=__import__, args=("paced_sample_three",), daemon=True)
    other.start()
    other.join(30)
    assert not other.is_alive()
    assert done.wait(30)
    assert executed("paced_sample_three")
    sys.modules.pop("paced_sample_three")


async def test_the_database_opens_with_its_imports_between_the_keys(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.tui.support import demo_meeting, open_capture, settle

    entered: list[str] = []
    real = import_pauses.between_keys

    def noted() -> object:
        entered.append(threading.current_thread().name)
        return real()

    monkeypatch.setattr(import_pauses, "between_keys", noted)
    meeting_id = demo_meeting(db_path)
    async with open_capture(db_path, meeting_id) as (app, pilot, _screen):
        await settle(pilot)
        assert app.db is not None
    # On the worker that opened the database, not the UI thread.
    assert entered and threading.main_thread().name not in entered


def test_the_modules_wait_no_longer_than_the_budget_in_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key_unanswered: None
) -> None:
    # A key never answered (a mouse moving on and on): the import goes on after the budget.
    monkeypatch.setattr(import_pauses, "WAIT_BUDGET", 0.2)
    module_file(tmp_path, "paced_sample_four")
    monkeypatch.syspath_prepend(str(tmp_path))
    _thread, done = imported_on_thread("paced_sample_four")
    assert done.wait(30)
    assert executed("paced_sample_four")
    assert import_pauses._between.waited >= 0.2
    sys.modules.pop("paced_sample_four")
