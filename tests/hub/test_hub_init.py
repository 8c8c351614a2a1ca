"""`innsikt hub init`: creating and upgrading the hub schema; refusing hubs and laptops that differ."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from models.dbfile import SCHEMA_VERSION
from models.hub.connection import connect
from models.hub.schema import hub_tables
from tests.merge.laptops import content, seed
from tui.cli.root import cli


def run(*arguments: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(arguments))
    return result.exit_code, result.output.strip()


def execute(url: str, *statements: str) -> None:
    connection = connect(url)
    try:
        with connection.transaction():
            for statement in statements:
                connection.execute(statement)
    finally:
        connection.close()


def columns(url: str, table: str) -> set[str]:
    connection = connect(url)
    try:
        return {
            name
            for (name,) in connection.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s",
                (table,),
            )
        }
    finally:
        connection.close()


def test_init_creates_every_synced_table_and_says_so_once(hub_url: str) -> None:
    code, output = run("hub", "init", hub_url)
    assert code == 0
    assert output == f"Huben er opprettet i {hub_url} (skjemaversjon {SCHEMA_VERSION})."
    for table in hub_tables():
        assert columns(hub_url, table.name) == {column.name for column in table.columns}
    code, output = run("hub", "init", hub_url)
    assert (code, output) == (0, f"Huben {hub_url} er allerede på skjemaversjon {SCHEMA_VERSION}.")


def test_init_takes_the_address_from_innsikt_hub(
    hub_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INNSIKT_HUB", hub_url)
    code, output = run("hub", "init")
    assert code == 0 and output.startswith("Huben er opprettet")


def test_init_upgrades_an_older_hub_by_adding_what_it_lacks(hub: str) -> None:
    execute(
        hub,
        "ALTER TABLE participation DROP COLUMN first_join",
        "DROP TABLE finding",
        f"UPDATE hub_meta SET value = '{SCHEMA_VERSION - 1}' WHERE key = 'schema_version'",
    )
    code, output = run("hub", "init", hub)
    assert code == 0
    assert output == (
        f"Huben {hub} er oppgradert fra skjemaversjon {SCHEMA_VERSION - 1} til {SCHEMA_VERSION}."
    )
    assert "first_join" in columns(hub, "participation")
    assert "topic" in columns(hub, "finding")


def test_a_laptop_refuses_an_older_hub_and_changes_nothing(tmp_path: Path, hub: str) -> None:
    a, _, _ = seed(tmp_path)
    a.db.close()
    before = content(a.db.path)
    execute(hub, f"UPDATE hub_meta SET value = '{SCHEMA_VERSION - 1}' WHERE key = 'schema_version'")
    code, output = run("sync", hub, "--db", str(a.db.path))
    assert code == 1
    assert output == (
        f"Huben {hub} har skjemaversjon {SCHEMA_VERSION - 1}, eldre enn denne maskinens "
        f"({SCHEMA_VERSION}); kjør «innsikt hub init» for å oppgradere den."
    )
    assert content(a.db.path) == before


def test_a_laptop_older_than_the_hub_is_refused_and_so_is_init(tmp_path: Path, hub: str) -> None:
    a, _, _ = seed(tmp_path)
    a.db.close()
    execute(hub, f"UPDATE hub_meta SET value = '{SCHEMA_VERSION + 1}' WHERE key = 'schema_version'")
    code, output = run("sync", hub, "--db", str(a.db.path))
    assert code == 1 and "nyere enn denne versjonen av innsikt" in output
    assert len(output.splitlines()) == 1
    code, output = run("hub", "init", hub)
    assert code == 1 and "oppdater innsikt" in output


def test_sync_to_a_database_that_is_no_hub_says_to_run_init(tmp_path: Path, hub_url: str) -> None:
    code, output = run("sync", hub_url, "--db", str(tmp_path / "new.sqlite"))
    assert (code, output) == (1, f"{hub_url} er ikke en innsikt-hub ennå; kjør «innsikt hub init».")
    assert not (tmp_path / "new.sqlite").exists()  # a refused sync leaves no new database


def test_init_refuses_a_database_holding_tables_of_our_names(hub_url: str) -> None:
    execute(hub_url, "CREATE TABLE note (id text)")
    code, output = run("hub", "init", hub_url)
    assert code == 1 and "er ikke en innsikt-hub" in output


def test_sync_without_any_address_is_one_line(tmp_path: Path) -> None:
    code, output = run("sync", "--db", str(tmp_path / "x.sqlite"))
    assert code == 1 and output.startswith("Oppgi hubens adresse")


def test_messages_are_english_with_innsikt_lang(
    hub_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INNSIKT_LANG", "en")
    code, output = run("hub", "init", hub_url)
    assert code == 0 and output.startswith("The hub was created in")


def test_init_by_a_user_without_the_right_to_create_tables_is_one_line(hub_url: str) -> None:
    execute(
        hub_url,
        "DO $$ BEGIN CREATE ROLE reader LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
    )
    reader = hub_url.replace("hubtest@", "reader@")
    code, output = run("hub", "init", reader)
    assert code == 1
    assert output.startswith(f"Huben {reader} kunne ikke opprettes eller oppgraderes:")
    assert "permission denied" in output and len(output.splitlines()) == 1
