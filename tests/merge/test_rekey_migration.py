"""Schema 10: association records of older files get the ids derived from their keys."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from sqlmodel import select

from models import records
from models.archive import import_archive, write_archive
from models.dbfile import SCHEMA_VERSION
from models.identity import DERIVED_KEYS, conflict_id, derived_id
from models.storage import Database, open_database
from models.sync.merge import merge_files
from models.sync.snapshot import write_snapshot
from models.tables import (
    Participation,
)
from tests.merge.laptops import Wall, content
from tests.merge.older_files import as_version_9, key_ids, old_id, two_laptops, user_version


def test_a_v9_file_with_random_ids_gets_derived_ids_and_its_conflicts_move_with_them(
    tmp_path: Path,
) -> None:
    a, b, ids = two_laptops(tmp_path)
    note_id = derived_id("note", (ids["meeting"], "A1", "Kari"))
    records.save_note(a, ids["meeting"], "A1", "Kari", "Dekningen er dårlig")
    records.save_note(b, ids["meeting"], "A1", "Kari", "Dekningen er ujevn")  # same word: conflict
    merge_files(a, [write_snapshot(b, tmp_path / "b1.sqlite")])
    a.close()
    b.close()
    as_written = content(a.path)
    mapping = as_version_9(a.path)
    assert key_ids(a.path)["note"] == [(mapping[note_id], note_id)]  # random, as v9 had it

    migrated = open_database(a.path)
    migrated.close()

    assert user_version(a.path) == SCHEMA_VERSION
    assert list(tmp_path.glob("a.sqlite.bak-9-*"))  # a backup before migrating
    assert all(old == new for rows in key_ids(a.path).values() for old, new in rows)
    assert content(a.path) == as_written  # every record, conflict and value as before
    connection = sqlite3.connect(a.path)
    try:
        conflicts = connection.execute(
            "SELECT id, record_id, field, value_hlc, value_device FROM conflict "
            "WHERE table_name = 'note'"
        ).fetchall()
        assert conflicts and {row[1] for row in conflicts} == {note_id}
        assert all(row[0] == conflict_id("note", *row[1:]) for row in conflicts)
        indexed = connection.execute(
            "SELECT record_id FROM search_doc WHERE kind = 'note'"
        ).fetchall()
        assert indexed == [(note_id,)]
    finally:
        connection.close()


def test_laptops_migrated_at_different_times_merge_alike_both_ways_and_keep_every_value(
    tmp_path: Path,
) -> None:
    """A edited a participation's role in place before schema 10 (as v9 could) and migrates
    first; B migrates later. Both the old role (B's) and the new one (A's) stay: two
    participations of the person, nothing dropped, alike whichever way the files are merged."""
    a, b, ids = two_laptops(tmp_path)
    participation_key = (ids["meeting"], ids["person"], "deltaker")
    with a.transaction() as session:  # what v9's update did: the key field edited in place
        row = session.get(Participation, derived_id("participation", participation_key))
        row.role = "referent"
        records._stamp_fields(a, session, row, ["role"])
        session.add(row)
    records.save_note(b, ids["meeting"], "A1", "Kari", "Dekningen er god, sa Kari")
    a.close()
    b.close()
    as_version_9(a.path)
    as_version_9(b.path)

    a = open_database(a.path)  # A migrates now, and goes on writing
    a.clock.wall = Wall(1_780_000_010_000)
    records.save_note(a, ids["meeting"], "A2", "Kari", "Ny merknad")
    merge_files(a, [b.path])  # B's v9 file is migrated in a copy before matching
    assert user_version(b.path) == 9  # and B's own file is not touched
    b = open_database(b.path)  # B migrates later
    b.clock.wall = Wall(1_780_000_020_000)
    merge_files(b, [write_snapshot(a, tmp_path / "a2.sqlite")])
    merge_files(a, [write_snapshot(b, tmp_path / "b2.sqlite")])
    try:
        assert content(a.path) == content(b.path)
        for db in (a, b):
            with db.session() as session:
                roles = {
                    (row.role, row.deleted) for row in session.exec(select(Participation)).all()
                }
            assert roles == {("deltaker", False), ("referent", False)}
        assert all(old == new for rows in key_ids(a.path).values() for old, new in rows)
        connection = sqlite3.connect(a.path)
        try:
            texts = dict(connection.execute("SELECT question_key, text FROM note").fetchall())
        finally:
            connection.close()
        assert texts == {"A1": "Dekningen er god, sa Kari", "A2": "Ny merknad"}
        assert not merge_files(a, [b.path]).changed()  # merged again: nothing new
    finally:
        a.close()
        b.close()


def test_an_older_snapshot_merged_into_a_migrated_laptop_matches_by_id(tmp_path: Path) -> None:
    """A v9 snapshot of a laptop whose records a migrated laptop already holds: every record
    meets its copy by id, so the merge changes nothing."""
    a, b, _ids = two_laptops(tmp_path)
    a.close()
    b.close()
    as_version_9(b.path)
    before = content(a.path)
    a = open_database(a.path)
    try:
        summary = merge_files(a, [b.path])
        assert not summary.changed()
        assert content(a.path) == before
    finally:
        a.close()


def _archive_as_version_9(db: Database, target: Path) -> None:
    """An archive as schema 9 wrote it: association records and conflicts under old ids."""
    write_archive(db, target)
    document = json.loads(target.read_text(encoding="utf-8"))
    document["schema_version"] = 9
    tables = document["tables"]
    for table in DERIVED_KEYS:
        for row in tables.get(table, []):
            row["id"] = old_id(row["id"])
    for row in tables.get("conflict", []):
        if row["table_name"] in DERIVED_KEYS:
            row["record_id"] = old_id(row["record_id"])
    target.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def test_an_older_archive_is_re_keyed_when_merged_and_when_imported(tmp_path: Path) -> None:
    a, b, _ids = two_laptops(tmp_path)
    archive = tmp_path / "a.json"
    _archive_as_version_9(a, archive)
    try:
        before = content(b.path)
        assert not merge_files(b, [archive]).changed()  # every record met its copy by id
        assert content(b.path) == before
        fresh = open_database(tmp_path / "fresh.sqlite")
        try:
            import_archive(fresh, archive)
        finally:
            fresh.close()
        assert all(old == new for rows in key_ids(fresh.path).values() for old, new in rows)
        assert sum(len(rows) for rows in key_ids(fresh.path).values()) == 6
    finally:
        a.close()
        b.close()
