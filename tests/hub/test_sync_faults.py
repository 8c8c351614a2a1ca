"""Faults while syncing: an unreachable hub, a connection dropped mid-sync, two laptops at once."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from models.hub import connection as hub_connection
from models.hub import sync as hub_sync
from models.hub.connection import HubError, connect
from models.hub.sync import last_sync, sync_hub
from tests.merge.laptops import content, seed
from tui.cli.root import cli


def hub_state(url: str) -> tuple[int, dict[str, int]]:
    """The hub's version and its row counts."""
    from models.hub.tracking import synced_names

    connection = connect(url)
    try:
        version = connection.execute("SELECT value FROM hub_meta WHERE key = 'version'").fetchone()
        counts = {
            name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            for name in synced_names()
        }
        return int(version[0]), counts
    finally:
        connection.close()


def test_an_unreachable_hub_is_one_line_and_changes_nothing(tmp_path: Path) -> None:
    a, _, _ = seed(tmp_path)
    a.db.close()
    before = content(a.db.path)
    address = f"postgresql://innsikt@/hub?host={tmp_path / 'no-server-here'}"
    result = CliRunner().invoke(cli, ["sync", address, "--db", str(a.db.path)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Får ikke kontakt med huben")
    assert "Traceback" not in result.output
    assert content(a.db.path) == before
    assert last_sync(a.db.path).synced_at == ""


def test_a_hub_that_never_answers_is_given_up_within_the_connect_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert hub_connection.CONNECT_TIMEOUT <= 5
    monkeypatch.setattr(hub_connection, "CONNECT_TIMEOUT", 2)
    silent = socket.socket()  # accepts connections (the kernel does) and never says a word
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    try:
        a, _, _ = seed(tmp_path)
        address = f"postgresql://innsikt@127.0.0.1:{silent.getsockname()[1]}/hub"
        started = time.monotonic()
        with pytest.raises(HubError) as raised:
            sync_hub(a.db, address)
        assert time.monotonic() - started < 4
        assert raised.value.message_key == "hub_unreachable"
    finally:
        silent.close()


def test_a_hub_address_with_two_silent_hosts_is_given_up_within_the_connect_timeout_in_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """libpq tries each host (or each address of a name) with its own timeout: the timeout is
    shared among them, so that two silent hosts take no longer than one."""
    monkeypatch.setattr(hub_connection, "CONNECT_TIMEOUT", 4)
    silent = [socket.socket(), socket.socket()]
    for listening in silent:
        listening.bind(("127.0.0.1", 0))
        listening.listen(8)
    try:
        a, _, _ = seed(tmp_path)
        ports = [listening.getsockname()[1] for listening in silent]
        address = f"postgresql://innsikt@127.0.0.1:{ports[0]},127.0.0.1:{ports[1]}/hub"
        started = time.monotonic()
        with pytest.raises(HubError) as raised:
            sync_hub(a.db, address)
        assert time.monotonic() - started < 6  # 8 s when each host had the whole timeout
        assert raised.value.message_key == "hub_unreachable"
        assert len(str(raised.value).splitlines()) == 1
    finally:
        for listening in silent:
            listening.close()


def test_a_name_the_resolver_never_answers_for_is_given_up_within_the_connect_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """libpq's connect timeout does not cover the name lookup; a DNS server that does not
    answer made the system's resolver wait 30 s and more before anything was said."""
    monkeypatch.setattr(hub_connection, "CONNECT_TIMEOUT", 1)
    asked, release = threading.Event(), threading.Event()

    def silent_resolver(*args: Any, **kwargs: Any) -> Any:
        asked.set()
        release.wait(30)
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", silent_resolver)
    a, _, _ = seed(tmp_path)
    a.db.close()
    before = content(a.db.path)
    try:
        started = time.monotonic()
        result = CliRunner().invoke(
            cli, ["sync", "postgresql://innsikt@hub.example.org/hub", "--db", str(a.db.path)]
        )
        assert time.monotonic() - started < 3
    finally:
        release.set()
    assert asked.is_set()
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith(
        "Får ikke kontakt med huben postgresql://innsikt@hub.example.org/hub"
    )
    assert "hub.example.org ble ikke slått opp innen 1 sekunder" in lines[0]
    assert content(a.db.path) == before


def test_a_name_that_does_not_resolve_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_such_name(*args: Any, **kwargs: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_name)
    a, _, _ = seed(tmp_path)
    with pytest.raises(HubError) as raised:
        sync_hub(a.db, "postgresql://innsikt@no-such-hub.example.org/hub")
    assert raised.value.message_key == "hub_unreachable"
    message = str(raised.value)
    assert len(message.splitlines()) == 1
    assert "no-such-hub.example.org" in message and "Name or service not known" in message


def _dropping(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Make the hub end this sync's backend (as a restart or a network cut would) at `name`."""
    real = getattr(hub_sync, name)

    def dropped(cursor: Any, *args: Any, **kwargs: Any) -> Any:
        pid = cursor.connection.info.backend_pid
        other = connect(cursor.connection.info.dsn)
        try:
            other.execute("SELECT pg_terminate_backend(%s)", (pid,))
        finally:
            other.close()
        return real(cursor, *args, **kwargs)

    monkeypatch.setattr(hub_sync, name, dropped)


@pytest.mark.parametrize("step", ["pull", "push"])
def test_a_connection_dropped_mid_sync_rolls_the_hub_back_and_leaves_the_laptop_as_it_was(
    tmp_path: Path, hub: str, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    a, b, _ = seed(tmp_path)
    a.note("q1", "Kari", "fra A")
    sync_hub(a.db, hub)
    b.edit_service(0, "name", "fra B")
    b.note("q1", "Kari", "fra B")  # a conflict with A's note, once merged
    hub_before, laptop_before = hub_state(hub), content(b.db.path)
    state_before = last_sync(b.db.path)
    with monkeypatch.context() as patched:
        _dropping(patched, step)
        with pytest.raises(HubError) as raised:
            sync_hub(b.db, hub)
    assert raised.value.message_key == "hub_lost"
    assert hub_state(hub) == hub_before
    assert content(b.db.path) == laptop_before
    assert last_sync(b.db.path) == state_before
    sync_hub(b.db, hub)  # the next sync completes
    sync_hub(a.db, hub)
    assert content(a.db.path) == content(b.db.path)


class _CutAfterFirstTable:
    """A hub cursor whose backend is ended once the push has written its first table's rows."""

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor
        self.written: list[str] = []

    def execute(self, statement: str, *args: Any, **kwargs: Any) -> Any:
        result = self._cursor.execute(statement, *args, **kwargs)
        if statement.startswith('INSERT INTO "'):
            self.written.append(statement.split('"')[1])
            if len(self.written) == 1:
                pid = self._cursor.connection.info.backend_pid
                other = connect(self._cursor.connection.info.dsn)
                try:
                    other.execute("SELECT pg_terminate_backend(%s)", (pid,))
                finally:
                    other.close()
        return result

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)


def test_a_connection_dropped_after_the_push_wrote_part_of_its_rows_leaves_the_hub_as_it_was(
    tmp_path: Path, hub: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, _ = seed(tmp_path)
    a.note("q1", "Kari", "fra A")
    sync_hub(a.db, hub)
    b.edit_service(0, "name", "fra B")
    b.note("q2", "Ola", "fra B")
    hub_before, laptop_before = hub_state(hub), content(b.db.path)
    real_push = hub_sync.push
    cuts: list[_CutAfterFirstTable] = []

    def cut_push(cursor: Any, *args: Any, **kwargs: Any) -> Any:
        cuts.append(_CutAfterFirstTable(cursor))
        return real_push(cuts[-1], *args, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(hub_sync, "push", cut_push)
        with pytest.raises(HubError) as raised:
            sync_hub(b.db, hub)
    assert raised.value.message_key == "hub_lost"
    assert cuts and len(cuts[0].written) == 1  # one table written, the others not yet
    assert hub_state(hub) == hub_before
    assert content(b.db.path) == laptop_before
    sync_hub(b.db, hub)
    sync_hub(a.db, hub)
    assert content(a.db.path) == content(b.db.path)


def test_a_dropped_connection_through_the_command_is_one_line(
    tmp_path: Path, hub: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, _, _ = seed(tmp_path)
    a.note("q1", "Kari", "tekst")
    a.db.close()
    _dropping(monkeypatch, "push")
    result = CliRunner().invoke(cli, ["sync", hub, "--db", str(a.db.path)])
    assert result.exit_code == 1
    assert result.output.strip().startswith("Forbindelsen til huben")
    assert len(result.output.strip().splitlines()) == 1


def test_two_laptops_syncing_at_the_same_moment_both_succeed_and_converge(
    tmp_path: Path, hub: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, c = seed(tmp_path)
    sync_hub(c.db, hub)
    a.edit_service(0, "name", "fra A")
    a.note("q1", "Kari", "A")
    b.edit_service(0, "name", "fra B")
    b.note("q2", "Ola", "B")
    real_push = hub_sync.push
    inside = threading.Event()

    def slow_push(*args: Any, **kwargs: Any) -> Any:
        inside.set()
        time.sleep(0.3)  # the other laptop arrives while this one holds the hub
        return real_push(*args, **kwargs)

    monkeypatch.setattr(hub_sync, "push", slow_push)
    start = threading.Barrier(2)
    results: dict[str, Any] = {}

    def run(laptop: Any) -> None:
        start.wait()
        try:
            results[laptop.name] = sync_hub(laptop.db, hub)
        except Exception as error:  # reported below
            results[laptop.name] = error

    threads = [threading.Thread(target=run, args=(laptop,)) for laptop in (a, b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert inside.is_set()
    assert all(not isinstance(result, Exception) for result in results.values()), results
    assert {results["a"].version, results["b"].version} == {2, 3}  # one after the other
    for laptop in (a, b, c):
        sync_hub(laptop.db, hub)
    assert content(a.db.path) == content(b.db.path) == content(c.db.path)
