"""Importing another laptop's archive never silently replaces edits made here."""

from __future__ import annotations

import hashlib
from pathlib import Path

from click.testing import CliRunner
from sqlmodel import select

from models import records
from models.archive import import_archive, write_archive
from models.storage import open_database
from models.tables import Journey, Meeting, Note
from tui.cli import cli


def note_text(path: Path) -> str:
    db = open_database(path)
    with db.session() as session:
        text = session.exec(select(Note)).one().text
    db.close()
    return text


def test_archive_that_lacks_a_local_edit_is_refused_and_merge_keeps_both(tmp_path: Path) -> None:
    laptop_a, laptop_b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    db_a = open_database(laptop_a)
    with db_a.transaction() as session:
        journey = records.create(db_a, session, Journey, name="Reise")
        meeting = records.create(db_a, session, Meeting, journey_id=journey.id, title="Møte")
    records.save_note(db_a, meeting.id, "A2", "Kari", "Felles start")
    write_archive(db_a, tmp_path / "fra-a.json")
    db_b = open_database(laptop_b)
    import_archive(db_b, tmp_path / "fra-a.json")

    records.save_note(db_a, meeting.id, "A2", "Kari", "Kari på A skrev videre")
    records.save_note(db_b, meeting.id, "A2", "Kari", "Kari på B skrev noe annet")
    write_archive(db_b, tmp_path / "fra-b.json")
    db_a.close()
    db_b.close()

    before = hashlib.sha256(laptop_a.read_bytes()).hexdigest()
    refused = CliRunner().invoke(
        cli, ["import", "json", str(tmp_path / "fra-b.json"), "--db", str(laptop_a)]
    )
    assert refused.exit_code == 1
    assert "innsikt merge" in refused.stderr
    assert hashlib.sha256(laptop_a.read_bytes()).hexdigest() == before
    assert note_text(laptop_a) == "Kari på A skrev videre"

    merged = CliRunner().invoke(cli, ["merge", str(tmp_path / "fra-b.json"), "--db", str(laptop_a)])
    assert merged.exit_code == 0, merged.output
    listed = CliRunner().invoke(cli, ["conflicts", "--json", "--db", str(laptop_a)])
    both = {note_text(laptop_a)} | {
        text
        for text in ("Kari på A skrev videre", "Kari på B skrev noe annet")
        if text in listed.output
    }
    assert both == {"Kari på A skrev videre", "Kari på B skrev noe annet"}


def test_archive_that_has_seen_every_local_edit_replaces_quietly(tmp_path: Path) -> None:
    db_a = open_database(tmp_path / "a.sqlite")
    with db_a.transaction() as session:
        journey = records.create(db_a, session, Journey, name="Reise")
        meeting = records.create(db_a, session, Meeting, journey_id=journey.id, title="Møte")
    records.save_note(db_a, meeting.id, "A2", "Kari", "Første utkast")
    write_archive(db_a, tmp_path / "fra-a.json")
    db_b = open_database(tmp_path / "b.sqlite")
    import_archive(db_b, tmp_path / "fra-a.json")
    records.save_note(db_b, meeting.id, "A2", "Kari", "B rettet utkastet")
    write_archive(db_b, tmp_path / "fra-b.json")
    summary = import_archive(db_a, tmp_path / "fra-b.json")
    db_a.close()
    db_b.close()
    assert summary.updated >= 1
    assert note_text(tmp_path / "a.sqlite") == "B rettet utkastet"
