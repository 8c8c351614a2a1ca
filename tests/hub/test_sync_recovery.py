"""A sync that cannot finish: the hub held by another sync (retried, then one line), and a laptop
that stopped after the hub committed (mended by the next sync)."""

from __future__ import annotations

import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from models.hub import sync as hub_sync
from models.hub.connection import HubError, connect
from models.hub.schema import LOCK_KEY
from models.hub.sync import exchange, last_sync, sync_hub
from tests.hub.support import hub_content, merged_content
from tests.merge.laptops import content, seed
from tui.cli.root import cli


def hub_version(url: str) -> tuple[str, int]:
    """The hub's version and how many notes it holds."""
    connection = connect(url)
    try:
        (version,) = connection.execute(
            "SELECT value FROM hub_meta WHERE key = 'version'"
        ).fetchone()
        (notes,) = connection.execute("SELECT count(*) FROM note").fetchone()
        return version, notes
    finally:
        connection.close()


class HeldHub:
    """Another session holding the hub's sync lock (a sync in progress elsewhere)."""

    def __init__(self, url: str) -> None:
        self.connection = connect(url)
        self.connection.execute("SELECT pg_advisory_lock(%s)", (LOCK_KEY,))

    def release(self) -> None:
        self.connection.execute("SELECT pg_advisory_unlock(%s)", (LOCK_KEY,))
        self.connection.close()


def test_a_sync_waiting_for_another_is_retried_and_succeeds_once_the_hub_is_free(
    tmp_path: Path, hub: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hub_sync, "LOCK_TIMEOUT", "150ms")
    a, b, _c = seed(tmp_path)
    a.note("q1", "Kari", "mens huben var opptatt")
    held = HeldHub(hub)
    waits: list[float] = []

    def pause(seconds: float) -> None:  # between attempts: the other sync ends meanwhile
        waits.append(seconds)
        if len(waits) == 2:
            held.release()
        time.sleep(seconds)

    monkeypatch.setattr(hub_sync, "time", SimpleNamespace(sleep=pause))
    summary = sync_hub(a.db, hub)
    assert summary.attempts == 3
    assert summary.pushed > 0
    sync_hub(b.db, hub)
    assert content(a.db.path) == content(b.db.path)


def test_a_hub_held_throughout_is_one_line_and_changes_nothing(
    tmp_path: Path, hub: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hub_sync, "LOCK_TIMEOUT", "50ms")
    a, _b, _c = seed(tmp_path)
    a.note("q1", "Kari", "tekst")
    a.db.close()
    before = content(a.db.path)
    hub_before = hub_version(hub)
    held = HeldHub(hub)
    try:
        started = time.monotonic()
        result = CliRunner().invoke(cli, ["sync", hub, "--db", str(a.db.path)])
        waited = time.monotonic() - started
    finally:
        held.release()
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Huben {hub} er opptatt med andre synkroniseringer; prøv igjen om litt."
    )
    assert waited < 5
    assert content(a.db.path) == before
    assert last_sync(a.db.path).synced_at == ""
    assert hub_version(hub) == hub_before


def test_a_laptop_that_stopped_after_the_hub_committed_is_mended_by_the_next_sync(
    tmp_path: Path, hub: str
) -> None:
    """B's sync reaches the hub (committed) but B stops before merging what it pulled or noting
    what the hub holds (the app closed, the laptop locked): the next sync completes, every
    laptop converges to what file merges make, and nothing is pushed twice as new."""
    a, b, c = seed(tmp_path)
    a.edit_service(0, "name", "fra A")
    a.note("q1", "Kari", "A skrev dette")
    sync_hub(a.db, hub)
    b.wall.now_ms += 1_000
    b.edit_service(0, "name", "fra B")  # a conflict with A's edit
    b.note("q2", "Ola", "B skrev dette")
    by_files = merged_content(tmp_path, a, b, c)
    state_before = last_sync(b.db.path)

    stopped = exchange(b.db, hub)  # the hub's side done and committed …
    stopped.close()  # … and B never finished
    assert last_sync(b.db.path) == state_before

    again = sync_hub(b.db, hub)
    assert again.open_conflicts == 1
    for laptop in (a, c, b):
        sync_hub(laptop.db, hub)
    assert content(a.db.path) == content(b.db.path) == content(c.db.path) == by_files
    assert hub_content(hub, tmp_path) == by_files
    # Once caught up, a sync moves nothing.
    idle = sync_hub(b.db, hub)
    assert (idle.pulled, idle.pushed, idle.retired) == (0, 0, 0)


def test_a_laptop_whose_own_merge_failed_after_the_hub_committed_is_mended_too(
    tmp_path: Path, hub: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, _c = seed(tmp_path)
    a.note("q1", "Kari", "fra A")
    sync_hub(a.db, hub)
    b.note("q2", "Ola", "fra B")
    real_merge = hub_sync.Exchanged.finish

    def failing(self: hub_sync.Exchanged, db: object) -> object:
        raise HubError("hub_failed", address="x", reason="disken er full")

    monkeypatch.setattr(hub_sync.Exchanged, "finish", failing)
    with pytest.raises(HubError):
        sync_hub(b.db, hub)
    monkeypatch.setattr(hub_sync.Exchanged, "finish", real_merge)
    sync_hub(b.db, hub)
    sync_hub(a.db, hub)
    assert content(a.db.path) == content(b.db.path)
