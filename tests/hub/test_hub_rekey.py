"""`innsikt hub init` on a schema-9 hub re-keys its association records as a laptop's migration
does, in one transaction, so that the hub and its migrated laptops agree on every id."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from models.dbfile import SCHEMA_VERSION
from models.hub.connection import connect
from models.identity import DERIVED_KEYS, derived_id
from tests.merge.laptops import content
from tests.merge.older_files import as_version_9, old_id, two_laptops
from tui.cli.root import cli


def run(*arguments: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(arguments))
    return result.exit_code, result.output.strip()


def hub_as_version_9(url: str) -> None:
    """The hub as a schema-9 hub held it: association records (and conflicts) under old ids."""
    connection = connect(url)
    try:
        with connection.transaction(), connection.cursor() as cursor:
            for table in DERIVED_KEYS:
                cursor.execute(f'SELECT id FROM "{table}"')
                for (id_,) in cursor.fetchall():
                    cursor.execute(
                        f'UPDATE "{table}" SET id = %s WHERE id = %s', (old_id(id_), id_)
                    )
                    cursor.execute(
                        'UPDATE "conflict" SET record_id = %s WHERE table_name = %s '
                        "AND record_id = %s",
                        (old_id(id_), table, id_),
                    )
            cursor.execute(
                "UPDATE hub_meta SET value = %s WHERE key = 'schema_version'",
                (str(SCHEMA_VERSION - 1),),
            )
    finally:
        connection.close()


def hub_keys(url: str) -> list[tuple[str, str]]:
    """(id, id derived from its key) of every association record on the hub."""
    connection = connect(url)
    try:
        found = []
        for table, key in DERIVED_KEYS.items():
            columns = ", ".join(f'"{name}"' for name in ("id", *key))
            for row in connection.execute(f'SELECT {columns} FROM "{table}"'):
                found.append((row[0], derived_id(table, tuple(row[1:]))))
        return found
    finally:
        connection.close()


def hub_version(url: str) -> int:
    connection = connect(url)
    try:
        (value,) = connection.execute("SELECT value FROM hub_meta WHERE key = 'version'").fetchone()
        return int(value)
    finally:
        connection.close()


def test_an_upgraded_hub_and_its_migrated_laptops_agree_on_every_id(
    tmp_path: Path, hub: str
) -> None:
    a, b, _ids = two_laptops(tmp_path)
    a.close()
    b.close()
    assert run("sync", hub, "--db", str(a.path))[0] == 0
    hub_as_version_9(hub)
    as_version_9(a.path)
    assert all(stored != derived for stored, derived in hub_keys(hub))
    before = hub_version(hub)

    code, output = run("hub", "init", hub)

    assert code == 0
    assert output == (
        f"Huben {hub} er oppgradert fra skjemaversjon {SCHEMA_VERSION - 1} til {SCHEMA_VERSION}."
    )
    keys = hub_keys(hub)
    assert keys and all(stored == derived for stored, derived in keys)
    assert hub_version(hub) == before + 1  # the re-keyed rows are a change laptops pull
    # A, migrated when it opens, syncs: nothing to bring either way but the same rows.
    assert run("sync", hub, "--db", str(a.path))[0] == 0
    assert run("sync", hub, "--db", str(b.path))[0] == 0
    assert run("sync", hub, "--db", str(a.path))[0] == 0
    assert content(a.path) == content(b.path)
    fresh = tmp_path / "fresh.sqlite"
    assert run("sync", hub, "--db", str(fresh))[0] == 0
    assert content(fresh) == content(a.path)
    assert all(stored == derived for stored, derived in hub_keys(hub))


def test_a_hub_upgrade_that_fails_leaves_the_hub_as_it_was(tmp_path: Path, hub: str) -> None:
    """The re-keying runs in the upgrade's one transaction: an error in it rolls back."""
    a, b, _ids = two_laptops(tmp_path)
    a.close()
    b.close()
    assert run("sync", hub, "--db", str(a.path))[0] == 0
    hub_as_version_9(hub)
    connection = connect(hub)
    try:
        with connection.transaction():  # a note that cannot take its id: the upgrade fails
            connection.execute(
                "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN "
                "RAISE EXCEPTION 'refused'; END $$ LANGUAGE plpgsql"
            )
            connection.execute(
                'CREATE TRIGGER refuse BEFORE UPDATE ON "note" FOR EACH ROW EXECUTE FUNCTION refuse()'
            )
    finally:
        connection.close()
    stored = hub_keys(hub)

    code, output = run("hub", "init", hub)

    assert code == 1 and len(output.splitlines()) == 1
    assert hub_keys(hub) == stored
    connection = connect(hub)
    try:
        (version,) = connection.execute(
            "SELECT value FROM hub_meta WHERE key = 'schema_version'"
        ).fetchone()
    finally:
        connection.close()
    assert int(version) == SCHEMA_VERSION - 1
