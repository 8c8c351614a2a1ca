"""Syncing laptops through a real PostgreSQL hub: both ways, conflicts, retired rows, no-op syncs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from models.hub.connection import connect
from models.hub.sync import last_sync, sync_hub
from tests.hub.support import hub_content, merged_content
from tests.merge.laptops import content, seed


def hub_rows(url: str) -> dict[str, int]:
    """Rows per table on the hub, and its version."""
    connection = connect(url)
    try:
        found = {
            table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for table in ("service", "note", "conflict", "service_mention", "organisation")
        }
        found["version"] = int(
            connection.execute("SELECT value FROM hub_meta WHERE key = 'version'").fetchone()[0]
        )
        found["max_seq"] = connection.execute("SELECT max(hub_seq) FROM service").fetchone()[0]
        return found
    finally:
        connection.close()


def test_a_laptop_gets_what_another_sent_through_the_hub(tmp_path: Path, hub: str) -> None:
    a, b, _ = seed(tmp_path)
    a.edit_service(0, "name", "Nødnett-app")
    a.note("q1", "Kari", "Ambulansen bruker nettbrett")
    sent = sync_hub(a.db, hub)
    assert sent.pushed > 0 and sent.pulled == 0
    got = sync_hub(b.db, hub)
    assert got.pulled > 0
    assert content(b.db.path) == content(a.db.path)


def test_concurrent_edits_become_the_same_conflict_as_a_file_merge(
    tmp_path: Path, hub: str
) -> None:
    a, b, _c = seed(tmp_path)
    a.edit_service(1, "name", "Alfa")
    b.wall.now_ms += 1_000
    b.edit_service(1, "name", "Beta")
    by_files = merged_content(tmp_path, a, b)
    sync_hub(a.db, hub)
    summary = sync_hub(b.db, hub)
    assert summary.open_conflicts == 1
    sync_hub(a.db, hub)
    assert content(a.db.path) == content(b.db.path) == by_files == hub_content(hub, tmp_path)


def test_a_resolution_on_one_laptop_closes_the_conflict_on_the_others(
    tmp_path: Path, hub: str
) -> None:
    a, b, _ = seed(tmp_path)
    a.edit_service(1, "name", "Alfa")
    b.edit_service(1, "name", "Beta")
    sync_hub(a.db, hub)
    sync_hub(b.db, hub)
    sync_hub(a.db, hub)
    assert a.conflict_values()
    a.resolve(0, "theirs")
    sync_hub(a.db, hub)
    assert hub_rows(hub)["conflict"] == 0
    sync_hub(b.db, hub)
    assert not b.conflict_values()
    assert content(a.db.path) == content(b.db.path)


def test_a_record_merged_away_by_natural_key_is_taken_off_the_hub(tmp_path: Path, hub: str) -> None:
    a, b, _ = seed(tmp_path)
    a.add_organisation("Hemit")
    b.add_organisation("Hemit")  # the same organisation made twice: one record after merging
    sync_hub(a.db, hub)
    summary = sync_hub(b.db, hub)
    assert hub_rows(hub)["organisation"] == 1
    assert summary.retired + summary.pushed >= 1
    sync_hub(a.db, hub)
    assert content(a.db.path) == content(b.db.path)


def test_a_sync_with_nothing_new_moves_no_rows(tmp_path: Path, hub: str) -> None:
    a, b, _ = seed(tmp_path)
    a.note("q1", "Kari", "tekst")
    sync_hub(a.db, hub)
    sync_hub(b.db, hub)
    before = hub_rows(hub)
    for laptop in (a, b):
        again = sync_hub(laptop.db, hub)
        assert (again.pulled, again.pushed, again.retired) == (0, 0, 0)
        assert again.merge is None
    assert hub_rows(hub) == before


def test_only_the_rows_changed_since_the_last_sync_travel(tmp_path: Path, hub: str) -> None:
    a, b, _ = seed(tmp_path)
    sync_hub(a.db, hub)
    sync_hub(b.db, hub)
    a.edit_service(2, "status", "planlagt")
    assert sync_hub(a.db, hub).pushed == 1
    got = sync_hub(b.db, hub)
    assert got.pushed == 0
    assert got.pulled == 1  # the service (it has no conflicts, and b holds its parents)
    assert content(a.db.path) == content(b.db.path)


def test_files_and_the_hub_mixed_converge(tmp_path: Path, hub: str) -> None:
    a, b, c = seed(tmp_path)
    a.edit_service(0, "name", "Fra A")
    sync_hub(a.db, hub)
    c.note("q2", "Ola", "fra C")
    b.merge_from(c)  # a snapshot handed over by USB
    b.edit_service(0, "status", "i drift")
    sync_hub(b.db, hub)
    sync_hub(a.db, hub)
    c.merge_from(a)
    sync_hub(c.db, hub)
    sync_hub(a.db, hub)
    sync_hub(b.db, hub)
    assert content(a.db.path) == content(b.db.path) == content(c.db.path)


def test_a_laptop_started_from_a_synced_laptops_snapshot_syncs_as_a_new_one(
    tmp_path: Path, hub: str
) -> None:
    from models.storage import open_database

    a, _, _ = seed(tmp_path)
    sync_hub(a.db, hub)
    copy = open_database(a.snapshot())  # its own device id: the tracking is not its own
    try:
        a.note("q1", "Kari", "etterpå")
        sync_hub(a.db, hub)
        summary = sync_hub(copy, hub)
        assert summary.pulled > 0
        assert content(copy.path) == content(a.db.path)
    finally:
        copy.close()


def test_a_password_in_the_address_is_neither_stored_nor_printed(
    tmp_path: Path, hub: str, monkeypatch
) -> None:
    from tui.cli.root import cli

    secret = "hemmelig-passord-42"
    address = hub.replace("hubtest@", f"hubtest:{secret}@")
    database = tmp_path / "laptop.sqlite"
    result = CliRunner().invoke(cli, ["sync", address, "--db", str(database)])
    assert result.exit_code == 0, result.output
    assert secret not in result.output
    assert "***" in result.output
    assert secret.encode() not in database.read_bytes()
    assert last_sync(database).address == hub
    connection = sqlite3.connect(database)
    try:
        assert not any(
            secret in str(value)
            for row in connection.execute("SELECT * FROM meta")
            for value in row
        )
    finally:
        connection.close()


def test_a_laptop_whose_change_triggers_went_missing_still_sends_its_edits(
    tmp_path: Path, hub: str
) -> None:
    a, b, _ = seed(tmp_path)
    sync_hub(a.db, hub)
    sync_hub(b.db, hub)
    connection = sqlite3.connect(a.db.path)
    try:  # as a migration that rebuilds a table drops its triggers
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'hub_dirty_%'"
        ).fetchall():
            connection.execute(f"DROP TRIGGER {name}")
        connection.commit()
    finally:
        connection.close()
    a.edit_service(0, "name", "Uten utløsere")
    assert sync_hub(a.db, hub).pushed == 1
    sync_hub(b.db, hub)
    assert content(a.db.path) == content(b.db.path)
    a.edit_service(1, "name", "Med utløsere igjen")  # the sync put them back
    assert sync_hub(a.db, hub).pushed == 1


def test_an_erasure_scrubs_the_hub_too(tmp_path: Path, hub: str) -> None:
    a, b, _ = seed(tmp_path)
    a.note("q1", "Kari", "Kari Nordmann sa ja")
    sync_hub(a.db, hub)
    sync_hub(b.db, hub)
    b.erase(0)
    sync_hub(b.db, hub)
    connection = connect(hub)
    try:
        texts = [text for (text,) in connection.execute("SELECT text FROM note")]
        names = [name for (name,) in connection.execute("SELECT name FROM person")]
    finally:
        connection.close()
    assert not any("Kari Nordmann" in text for text in texts)
    assert "Kari Nordmann" not in names
    sync_hub(a.db, hub)
    assert content(a.db.path) == content(b.db.path)


def test_device_names_travel_so_conflicts_name_the_author(tmp_path: Path, hub: str) -> None:
    a, b, _ = seed(tmp_path)
    connection = sqlite3.connect(a.db.path)
    try:
        connection.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('author', 'Kari')")
        connection.commit()
    finally:
        connection.close()
    a.note("q1", "Kari", "fra A")
    sync_hub(a.db, hub)
    sync_hub(b.db, hub)
    connection = sqlite3.connect(b.db.path)
    try:
        names = dict(connection.execute("SELECT key, value FROM meta"))
    finally:
        connection.close()
    assert names[f"device_name:{a.db.device_id}"] == "Kari"
