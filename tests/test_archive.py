"""The JSON archive: round trips, merge by clock, and every bad archive refused with nothing changed."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import uuid
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from models import records, tables
from models.archive import (
    FORMAT,
    FORMAT_VERSION,
    Shape,
    import_archive,
    read_archive,
    table_specs,
    write_archive,
)
from models.dbfile import SCHEMA_VERSION
from models.errors import ArchiveError
from models.identity import derived_id
from models.storage import Database, open_database
from models.tables import Note, Organisation
from tests.budget import examples
from tui.cli import cli

ARCHIVES = Path(__file__).parent / "data" / "archives"
VALID = ARCHIVES / "valid.json"
SYNCED_COLUMNS = set(tables.Synced.model_fields)
HARD_TEXT = (
    "Blåbær på Ålesund-møtet 🚑🇳🇴 «sitat»\x00\x07\x1b\ttab\r\nlinje\u2028skille\u0085 \ufeff"
)

# One file per kind of bad archive → a piece of the message that says what and where.
BAD_ARCHIVES = {
    "not_json.json": "ikke gyldig JSON (linje 1, kolonne 1)",
    "truncated.json": "slutter midt i JSON-dataene",
    "lone_surrogate.json": "tables.note[0].text inneholder en ugyldig tegnkode (\\ud83d)",
    "latin1.json": "ikke UTF-8 (ugyldig tegn på linje 115)",
    "empty.json": "filen er tom",
    "nan_value.json": "NaN er ikke lov",
    "duplicate_json_key.json": "tables.note[2] har nøkkelen «text» mer enn én gang",
    "top_level_list.json": "arkivet skal være et JSON-objekt",
    "wrong_format_name.json": "ikke et innsikt-arkiv",
    "unknown_format_version.json": "ukjent formatversjon 2",
    "newer_schema.json": "skjemaversjon 99, nyere enn",
    "missing_tables.json": "arkivet mangler feltet «tables»",
    "unknown_top_level_field.json": "arkivet har et ukjent felt «comment»",
    "bad_device_id.json": "device_id skal være en UUID",
    "unknown_table.json": "tables.minutes er ingen kjent tabell",
    "table_not_list.json": "tables.note skal være en liste",
    "record_not_object.json": "tables.note[1] skal være et JSON-objekt",
    "wrong_type_note_text.json": "tables.note[2].text skal være tekst (fant 42)",
    "null_note_text.json": "tables.note[0].text skal være tekst (fant null)",
    "missing_id.json": "tables.person[0] mangler feltet «id»",
    "unknown_field_note.json": "tables.note[1] har et ukjent felt «colour»",
    "bad_uuid.json": "tables.journey[0].id skal være en UUID",
    "bad_date.json": "tables.meeting[0].date skal være en dato",
    "norwegian_date.json": "tables.followup[0].due_date skal være en dato",
    "wrong_type_teams.json": "tables.meeting[0].teams skal være true eller false",
    "wrong_type_guide_version.json": "tables.meeting[0].guide_version skal være et heltall",
    "wrong_type_choices_item.json": "tables.answer[0].choices[1] skal være tekst (fant 3)",
    "wrong_type_deleted.json": "tables.note[2].deleted skal være true eller false (fant 1)",
    "bad_hlc.json": "tables.organisation[1].hlc skal være et klokkestempel",
    "bad_clocks_field.json": "tables.service[0].clocks.colour skal være navnet på et felt",
    "bad_created_at.json": "tables.service[0].created_at skal være et tidspunkt",
    "duplicate_id.json": "tables.organisation[1] har samme id",
    "duplicate_note_key.json": "tables.note[1] har samme meeting_id, question_key, author som tables.note[0]",
    "duplicate_organisation_name.json": "tables.organisation[1] har samme name som",
    "dangling_meeting_ref.json": "tables.note[1].meeting_id peker til meeting 0b7e3a52",
    "dangling_owner_ref.json": "tables.service[0].owner_id peker til organisation 0b7e3a52",
    "dangling_missing_meeting.json": "tables.meeting_organisation[0].meeting_id peker til meeting",
}


# --- helpers -----------------------------------------------------------------------------------------


def sample(shape: Shape, n: int) -> Any:
    """A value of `shape` for column number `n`, with text that is hard to carry."""
    samples: dict[str, Any] = {
        "text": f"verdi {n} æøå 🚑",
        "int": n,
        "float": n + 0.5,
        "bool": True,
        "date": dt.date(2026, 11, 1 + n % 28),
        "datetime": dt.datetime(2026, 11, 1, 9, n % 60, tzinfo=dt.UTC),
        "json": {"liste": [n, "tekst"], "tom": None},
    }
    if shape.kind == "list" and shape.item is not None:
        return [sample(shape.item, n), sample(shape.item, n + 1)]
    if shape.kind == "dict" and shape.item is not None:
        return {"b": sample(shape.item, n), "a": sample(shape.item, n + 1)}
    return samples[shape.kind]


def populate(db: Database) -> dict[str, str]:
    """One record in every synced table (read from the schema, so new tables come too)."""
    ids: dict[str, str] = {}
    with db.transaction() as session:
        for spec in table_specs():
            values = {}
            for n, (name, column) in enumerate(spec.columns.items()):
                if name in SYNCED_COLUMNS:
                    continue
                values[name] = ids[column.target[0]] if column.target else sample(column.shape, n)
            ids[spec.name] = records.create(db, session, spec.model, **values).id
        records.create(
            db,
            session,
            Note,
            meeting_id=ids["meeting"],
            question_key="Z9",
            author="Å",
            text=HARD_TEXT,
        )
        gone = records.create(db, session, Organisation, name="Nedlagt HF", short_name="NHF")
        records.delete(db, session, gone)
    return ids


def export_tables(db: Database, path: Path) -> dict[str, Any]:
    write_archive(db, path)
    return json.loads(path.read_text(encoding="utf-8"))["tables"]


def file_state(path: Path) -> tuple[str, bool, bool]:
    """The database file's bytes, and whether WAL/SHM files were left beside it."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return (
        digest,
        path.with_name(path.name + "-wal").exists(),
        path.with_name(path.name + "-shm").exists(),
    )


def write_json(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def valid_document() -> dict[str, Any]:
    return json.loads(VALID.read_text(encoding="utf-8"))


def keyed_id(row: dict[str, Any]) -> str:
    """The id a note of an older archive has once imported: derived from its key (schema 10)."""
    return derived_id("note", (row["meeting_id"], row["question_key"], row["author"]))


@pytest.fixture
def populated_path(db_path: Path) -> Path:
    db = open_database(db_path)
    populate(db)
    db.close()
    return db_path


@pytest.fixture
def empty_path(db_path: Path) -> Path:
    open_database(db_path).close()
    return db_path


# --- round trip --------------------------------------------------------------------------------------


def test_export_import_export_gives_the_same_tables(populated_path: Path, tmp_path: Path) -> None:
    source = open_database(populated_path)
    first = export_tables(source, tmp_path / "first.json")
    source.close()
    target = open_database(tmp_path / "copy.sqlite")
    summary = import_archive(target, tmp_path / "first.json")
    second = export_tables(target, tmp_path / "second.json")
    target.close()
    assert second == first
    assert summary.added == sum(len(rows) for rows in first.values())
    assert (summary.updated, summary.unchanged) == (0, 0)


def test_archive_holds_every_table_and_column_in_dependency_order(
    populated_path: Path, tmp_path: Path
) -> None:
    db = open_database(populated_path)
    write_archive(db, tmp_path / "a.json")
    db.close()
    document = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert list(document) == [
        "format",
        "format_version",
        "schema_version",
        "exported_at",
        "device_id",
        "tables",
    ]
    assert (document["format"], document["format_version"]) == (FORMAT, FORMAT_VERSION)
    assert document["schema_version"] == SCHEMA_VERSION
    assert list(document["tables"]) == [model.__tablename__ for model in tables.SYNCED_TABLES]
    for model in tables.SYNCED_TABLES:
        rows = document["tables"][model.__tablename__]
        assert rows, model.__tablename__
        assert all(list(row) == list(model.__table__.columns.keys()) for row in rows)
        assert [row["id"] for row in rows] == sorted(row["id"] for row in rows)


def test_same_content_gives_the_same_bytes_apart_from_the_export_time(
    populated_path: Path, tmp_path: Path
) -> None:
    db = open_database(populated_path)
    write_archive(db, tmp_path / "a.json")
    write_archive(db, tmp_path / "b.json")
    db.close()
    first, second = (
        (tmp_path / name).read_text(encoding="utf-8").splitlines() for name in ("a.json", "b.json")
    )
    differing = [a for a, b in zip(first, second, strict=True) if a != b]
    assert all('"exported_at"' in line for line in differing)


def test_hard_text_tombstones_and_dates_survive(populated_path: Path, tmp_path: Path) -> None:
    db = open_database(populated_path)
    write_archive(db, tmp_path / "a.json")
    db.close()
    copy_db = open_database(tmp_path / "copy.sqlite")
    import_archive(copy_db, tmp_path / "a.json")
    with copy_db.session() as session:
        note = session.exec(select(Note).where(Note.author == "Å")).one()
        gone = session.exec(select(Organisation).where(Organisation.name == "Nedlagt HF")).one()
        meeting = session.exec(select(tables.Meeting)).one()
    copy_db.close()
    assert note.text == HARD_TEXT
    assert gone.deleted is True
    assert isinstance(meeting.date, dt.date)


@settings(
    max_examples=examples(10, 200),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=st.text(max_size=200))
def test_any_note_text_survives_the_archive(
    text: str, tmp_path_factory: pytest.TempPathFactory, empty_template: Path
) -> None:
    folder = tmp_path_factory.mktemp("text")
    document = valid_document()
    document["tables"]["note"][0]["text"] = text
    shutil.copyfile(empty_template, folder / "db.sqlite")  # a new database, made once
    db = open_database(folder / "db.sqlite")
    import_archive(db, write_json(folder / "in.json", document))
    write_archive(db, folder / "out.json")
    db.close()
    out = json.loads((folder / "out.json").read_text(encoding="utf-8"))
    # The archive is schema 2: the base column of schema 9 comes back at its default.
    # Its notes come back under the ids derived from their keys (schema 10).
    expected = [{"text_base": "", **row, "id": keyed_id(row)} for row in document["tables"]["note"]]
    assert out["tables"]["note"] == sorted(expected, key=lambda row: row["id"])


# --- applying by clock -------------------------------------------------------------------------------


def test_importing_the_same_archive_twice_changes_nothing(empty_path: Path, tmp_path: Path) -> None:
    empty = file_state(empty_path)
    db = open_database(empty_path)
    first = import_archive(db, VALID)
    db.close()
    before = file_state(empty_path)
    assert before != empty
    db = open_database(empty_path)
    second = import_archive(db, VALID)
    db.close()
    assert first.added == 14
    assert (second.added, second.updated, second.unchanged) == (0, 0, 14)
    assert file_state(empty_path) == before


def test_newer_record_replaces_and_older_is_ignored(empty_path: Path, tmp_path: Path) -> None:
    laptop_a = open_database(tmp_path / "a.sqlite")
    import_archive(laptop_a, VALID)
    with laptop_a.transaction() as session:
        note = session.exec(select(Note).where(Note.author == "Siri")).one()
        records.update(laptop_a, session, note, text="Rettet av Siri.")
    write_archive(laptop_a, tmp_path / "newer.json")
    laptop_a.close()

    laptop_b = open_database(empty_path)
    import_archive(laptop_b, VALID)
    newer = import_archive(laptop_b, tmp_path / "newer.json")
    with laptop_b.transaction() as session:
        replaced = session.get(Note, note.id).text
        records.update(laptop_b, session, session.get(Note, note.id), text="Rettet igjen på B.")
    older = import_archive(laptop_b, tmp_path / "newer.json")
    with laptop_b.session() as session:
        kept = session.get(Note, note.id).text
    laptop_b.close()
    assert (newer.added, newer.updated, newer.unchanged) == (0, 1, 13)
    assert replaced == "Rettet av Siri."
    assert (older.added, older.updated, older.unchanged) == (0, 0, 14)
    assert kept == "Rettet igjen på B."


@pytest.mark.parametrize(
    ("device", "replaced"),
    [
        ("ffffffff-ffff-4fff-bfff-ffffffffffff", True),
        ("00000000-0000-4000-8000-000000000000", False),
    ],
)
def test_equal_clocks_are_decided_by_device_id(
    empty_path: Path, tmp_path: Path, device: str, replaced: bool
) -> None:
    db = open_database(empty_path)
    import_archive(db, VALID)
    document = valid_document()
    note = document["tables"]["note"][0]
    note["device_id"], note["text"] = device, "Samme klokke, annen enhet."
    summary = import_archive(db, write_json(tmp_path / "tie.json", document))
    with db.session() as session:
        text = session.get(Note, keyed_id(note)).text
    db.close()
    assert summary.updated == int(replaced)
    assert (text == "Samme klokke, annen enhet.") is replaced


def test_import_moves_the_clock_past_the_archive(empty_path: Path) -> None:
    newest = max(row["hlc"] for rows in valid_document()["tables"].values() for row in rows)
    db = open_database(empty_path)
    db.clock.wall = lambda: 0  # a laptop whose wall clock is far behind
    import_archive(db, VALID)
    with db.transaction() as session:
        note = records.create(
            db,
            session,
            Note,
            meeting_id=valid_document()["tables"]["meeting"][0]["id"],
            question_key="Q",
            author="Ny",
            text="etter",
        )
    db.close()
    assert note.hlc > newest
    assert open_database(empty_path).clock.last >= note.hlc


def test_records_may_point_to_records_only_in_the_database(
    empty_path: Path, tmp_path: Path
) -> None:
    db = open_database(empty_path)
    import_archive(db, VALID)
    document = valid_document()
    note = document["tables"]["note"][0]
    note["id"], note["author"] = str(uuid.uuid4()), "Tredje referent"
    only_note = {name: [] for name in document["tables"]} | {"note": [note]}
    document["tables"] = only_note
    summary = import_archive(db, write_json(tmp_path / "note.json", document))
    db.close()
    assert (summary.added, summary.updated, summary.unchanged) == (1, 0, 0)


def test_archive_of_schema_1_gets_defaults_for_the_columns_added_since(
    empty_path: Path, tmp_path: Path
) -> None:
    document = valid_document()
    document["schema_version"] = 1
    for rows in document["tables"].values():
        for row in rows:
            del row["field_devices"], row["seen"]  # added in schema version 2
    db = open_database(empty_path)
    summary = import_archive(db, write_json(tmp_path / "v1.json", document))
    with db.session() as session:
        note = session.get(Note, keyed_id(document["tables"]["note"][0]))
    db.close()
    assert summary.added == 14
    assert (note.seen, note.field_devices) == ({}, {})
    document["schema_version"] = SCHEMA_VERSION
    with pytest.raises(ArchiveError, match=r"tables\.journey\[0\] mangler feltet «field_devices»"):
        read_archive(write_json(tmp_path / "current.json", document))


# --- writing -----------------------------------------------------------------------------------------


def test_archive_file_is_private_and_leaves_no_temporary_file(
    populated_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "ut"
    folder.mkdir()
    db = open_database(populated_path)
    write_archive(db, folder / "arkiv.json")
    with pytest.raises(ArchiveError, match="Kan ikke skrive arkivet"):
        write_archive(db, tmp_path / "finnes-ikke" / "arkiv.json")
    db.close()
    assert [path.name for path in folder.iterdir()] == ["arkiv.json"]
    assert (folder / "arkiv.json").stat().st_mode & 0o777 == 0o600
    assert not (tmp_path / "finnes-ikke").exists()


# --- the command line --------------------------------------------------------------------------------


def test_cli_exports_and_imports(populated_path: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    archive = tmp_path / "arkiv.json"
    exported = runner.invoke(
        cli, ["export", "json", "-o", str(archive), "--db", str(populated_path)]
    )
    assert exported.exit_code == 0, exported.output
    assert f"Skrev {archive}" in exported.stdout
    refused = runner.invoke(
        cli, ["export", "json", "-o", str(archive), "--db", str(populated_path)]
    )
    assert refused.exit_code == 1
    assert "--force" in refused.stderr
    forced = runner.invoke(
        cli, ["export", "json", "-o", str(archive), "--force", "--db", str(populated_path)]
    )
    assert forced.exit_code == 0
    imported = runner.invoke(
        cli, ["import", "json", str(archive), "--db", str(tmp_path / "ny.sqlite")]
    )
    assert imported.exit_code == 0, imported.output
    count = sum(
        len(rows) for rows in json.loads(archive.read_text(encoding="utf-8"))["tables"].values()
    )
    assert f"{count} nye, 0 oppdatert, 0 uendret" in imported.stdout


@pytest.mark.parametrize("name", ["finnes-ikke.json", "mappe"])
def test_cli_refuses_a_missing_file_or_a_directory(
    name: str, empty_path: Path, tmp_path: Path
) -> None:
    (tmp_path / "mappe").mkdir()
    before = file_state(empty_path)
    result = CliRunner().invoke(
        cli, ["import", "json", str(tmp_path / name), "--db", str(empty_path)]
    )
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert ("Finner ikke arkivet" if name.endswith(".json") else "er en mappe") in result.stderr
    assert file_state(empty_path) == before


# --- bad archives ------------------------------------------------------------------------------------


def test_every_bad_archive_file_has_a_case() -> None:
    files = {path.name for path in ARCHIVES.iterdir()} - {"valid.json"}
    assert files == set(BAD_ARCHIVES)
    assert len(files) >= 15


@pytest.mark.parametrize(("name", "expected"), sorted(BAD_ARCHIVES.items()))
def test_bad_archive_is_refused_naming_what_and_where(
    name: str, expected: str, empty_path: Path
) -> None:
    db = open_database(empty_path)
    with pytest.raises(ArchiveError) as caught:
        import_archive(db, ARCHIVES / name)
    db.close()
    message = str(caught.value)
    assert message.startswith(f"{name}: ")
    assert expected in message
    assert "\n" not in message


@pytest.mark.parametrize("holds_data", [False, True], ids=["empty-db", "db-with-data"])
@pytest.mark.parametrize("name", sorted(BAD_ARCHIVES))
def test_cli_refuses_bad_archive_and_leaves_the_database_byte_identical(
    name: str, holds_data: bool, db_path: Path
) -> None:
    db = open_database(db_path)
    if holds_data:
        populate(db)
    db.close()
    before = file_state(db_path)
    result = CliRunner().invoke(cli, ["import", "json", str(ARCHIVES / name), "--db", str(db_path)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert BAD_ARCHIVES[name] in result.stderr
    assert "Traceback" not in result.output
    assert file_state(db_path) == before


def test_clash_with_a_unique_key_in_the_database_is_refused(
    empty_path: Path, tmp_path: Path
) -> None:
    db = open_database(empty_path)
    import_archive(db, VALID)
    current = export_tables(db, tmp_path / "current.json")  # of this schema: ids as they are
    db.close()
    before = file_state(empty_path)
    document = json.loads((tmp_path / "current.json").read_text(encoding="utf-8"))
    assert document["tables"] == current
    document["tables"]["note"][1]["id"] = str(uuid.uuid4())  # same meeting, question and author
    clash = write_json(tmp_path / "clash.json", document)
    db = open_database(empty_path)
    with pytest.raises(ArchiveError) as caught:
        import_archive(db, clash)
    db.close()
    assert (
        "tables.note[1] har samme meeting_id, question_key, author som en post i databasen"
        in str(caught.value)
    )
    assert file_state(empty_path) == before


def test_valid_archive_reads_into_python_values() -> None:
    original = valid_document()
    archive = read_archive(VALID)
    assert archive.meta.format_version == FORMAT_VERSION
    assert [row["id"] for row in archive.rows["note"]] == [
        row["id"] for row in original["tables"]["note"]
    ]
    assert isinstance(archive.rows["meeting"][0]["date"], dt.date)
    assert archive.references == []


def test_format_document_names_every_table_and_column() -> None:
    document = (Path(__file__).parents[1] / "docs" / "archive-format.md").read_text(
        encoding="utf-8"
    )
    sections = document.split("\n### ")[1:]
    named = {section.split("`")[1]: section for section in sections}
    for spec in table_specs():
        assert spec.name in named, f"docs/archive-format.md lacks the table {spec.name}"
        own = [name for name in spec.columns if name not in SYNCED_COLUMNS]
        missing = [name for name in own if f"| `{name}`" not in named[spec.name]]
        assert not missing, f"docs/archive-format.md lacks {spec.name} columns {missing}"
    missing_common = [name for name in SYNCED_COLUMNS if f"| `{name}`" not in document]
    assert not missing_common


def test_messages_follow_the_language_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INNSIKT_LANG", "en")
    with pytest.raises(ArchiveError) as caught:
        read_archive(ARCHIVES / "wrong_type_note_text.json")
    assert str(caught.value) == (
        "wrong_type_note_text.json: tables.note[2].text should be text (found 42)."
    )
