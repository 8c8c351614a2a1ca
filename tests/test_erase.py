"""Erasing a person: what the command changes, asks and prints; bytes, merges and imports."""

from __future__ import annotations

import itertools
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from models import records
from models.erase import erase_person
from models.erasure import ERASED, Key, Scrubber, make_hashes
from models.storage import Database, open_database
from models.sync.merge import merge_files
from models.sync.snapshot import write_snapshot
from models.tables import FollowUp, Journey, Meeting, Note, Organisation, Participation, Person
from tui.cli import cli

NOTE = "Kari Nordmann viste appen. Karis forslag: ring kari.nordmann@hemit.no. Ola var enig."


def seeded(path: Path) -> Database:
    db = open_database(path)
    with db.transaction() as session:
        organisation = records.create(db, session, Organisation, name="HEMIT HF")
        journey = records.create(db, session, Journey, name="Reise")
        meeting = records.create(db, session, Meeting, journey_id=journey.id, title="Møte én")
        other = records.create(db, session, Meeting, journey_id=journey.id, title="Møte to")
        kari = records.create(
            db,
            session,
            Person,
            name="Kari Nordmann",
            email="kari.nordmann@hemit.no",
            role="Rådgiver",
            organisation_id=organisation.id,
        )
        ola = records.create(
            db, session, Person, name="Ola Hansen", organisation_id=organisation.id
        )
        kari2 = records.create(db, session, Person, name="Kari Berg")
        for person, where in ((kari, meeting), (ola, meeting), (kari, other), (kari2, other)):
            records.create(db, session, Participation, meeting_id=where.id, person_id=person.id)
        for where in (meeting, other):
            records.create(
                db, session, Note, meeting_id=where.id, question_key="q1", author="Ola Hansen",
                text=NOTE,
            )  # fmt: skip
        records.create(db, session, FollowUp, meeting_id=meeting.id, what="Send", who="Kari")
    return db


def texts(path: Path) -> dict[str, list[str]]:
    connection = sqlite3.connect(path)
    try:
        return {
            "note": [
                row[0]
                for row in connection.execute(
                    "SELECT n.text FROM note n JOIN meeting m ON m.id = n.meeting_id "
                    "ORDER BY m.title = 'Møte to'"
                )
            ],
            "person": [
                "/".join(row)
                for row in connection.execute("SELECT name, email, role FROM person ORDER BY id")
            ],
            "who": [row[0] for row in connection.execute("SELECT who FROM followup")],
        }
    finally:
        connection.close()


def test_erase_replaces_the_full_name_everywhere_and_the_first_name_where_unambiguous(
    tmp_path: Path,
) -> None:
    db = seeded(tmp_path / "a.sqlite")
    report = erase_person(db, "Kari Nordmann", apply=True)
    db.close()
    found = texts(db.path)
    one, two = found["note"]
    # In «Møte én» only one Kari takes part: her first name alone goes too (the genitive too).
    assert one == f"{ERASED} viste appen. {ERASED} forslag: ring {ERASED}. Ola var enig."
    # In «Møte to» Kari Berg takes part as well: «Karis» might be hers, so it stays.
    assert two == f"{ERASED} viste appen. Karis forslag: ring {ERASED}. Ola var enig."
    assert found["who"] == [ERASED]
    assert f"{ERASED}//" in found["person"] and "Ola Hansen//" in found["person"]
    assert sorted((c.meeting, c.used, c.shared_with) for c in report.first_names) == [
        ("Møte to", False, ["Kari Berg"]),
        ("Møte én", True, []),
    ]


def test_no_erased_string_is_left_in_the_database_files(tmp_path: Path) -> None:
    db = seeded(tmp_path / "a.sqlite")
    erase_person(db, "Kari Nordmann", apply=True)
    db.close()
    for path in tmp_path.iterdir():
        data = path.read_bytes()
        for secret in ("Kari Nordmann", "kari.nordmann@hemit.no", "Rådgiver"):
            assert secret.encode() not in data, (path.name, secret)


def test_the_command_lists_what_changes_and_a_no_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite"
    seeded(path).close()
    before = texts(path)
    result = CliRunner().invoke(
        cli, ["--db", str(path), "person", "erase", "Kari Nordmann"], input="n\n"
    )
    assert result.exit_code == 1
    assert "Sletter Kari Nordmann" in result.output and "Notater: 2" in result.output
    assert "Fornavnet «Kari» alene står igjen i «Møte to»: også Kari Berg deltar der." in (
        result.output
    )
    assert texts(path) == before


def test_the_command_erases_by_id_prefix_with_yes_and_refuses_a_second_time(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a.sqlite"
    db = seeded(path)
    with db.session() as session:
        kari = next(p for p in session.query(Person).all() if p.name == "Kari Nordmann")
    db.close()
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", str(path), "person", "erase", kari.id[:8], "--yes"])
    assert result.exit_code == 0, result.output
    assert "Slettet Kari Nordmann" in result.output
    again = runner.invoke(cli, ["--db", str(path), "person", "erase", kari.id, "--yes"])
    assert again.exit_code == 1 and "allerede slettet" in again.output
    missing = runner.invoke(cli, ["--db", str(path), "person", "erase", "Per", "--yes"])
    assert missing.exit_code == 1 and "Traceback" not in missing.output


@pytest.mark.parametrize("order", list(itertools.permutations("abc")))
def test_an_erasure_travels_through_merges_of_three_laptops_in_every_order(
    tmp_path: Path, order: tuple[str, ...]
) -> None:
    a = seeded(tmp_path / "a.sqlite")
    before = write_snapshot(a, tmp_path / "before.sqlite")
    laptops = {"a": a}
    for name in "bc":
        shutil.copy(before, tmp_path / f"{name}.sqlite")
        laptops[name] = open_database(tmp_path / f"{name}.sqlite")
    erase_person(a, "Kari Nordmann", apply=True)
    # C, unaware, writes her name again.
    with laptops["c"].transaction() as session:
        meeting = next(m for m in session.query(Meeting).all() if m.title == "Møte én")
    records.save_note(laptops["c"], meeting.id, "q2", "Ola Hansen", "Kari Nordmann ringer")
    first, second, third = (laptops[name] for name in order)
    merge_files(second, [write_snapshot(first, tmp_path / "1.sqlite", force=True)])
    merge_files(third, [write_snapshot(second, tmp_path / "2.sqlite", force=True)])
    merge_files(third, [before])  # a copy from before the erasure, once more
    for db in laptops.values():
        db.close()
    result = texts(third.path)
    assert not any("Kari Nordmann" in text for text in result["note"])
    assert not any(person.startswith("Kari Nordmann") for person in result["person"])
    assert b"Kari Nordmann" not in third.path.read_bytes()


def test_importing_an_archive_from_before_the_erasure_does_not_bring_her_back(
    tmp_path: Path,
) -> None:
    from models.archive import import_archive, write_archive

    db = seeded(tmp_path / "a.sqlite")
    write_archive(db, tmp_path / "before.json")
    erase_person(db, "Kari Nordmann", apply=True)
    fresh = open_database(tmp_path / "fresh.sqlite")
    write_archive(db, tmp_path / "after.json")
    import_archive(fresh, tmp_path / "before.json")
    import_archive(fresh, tmp_path / "after.json")
    import_archive(db, tmp_path / "before.json")
    fresh.close()
    db.close()
    for path in (db.path, fresh.path):
        assert not any("Kari Nordmann" in text for text in texts(path)["note"])


def test_two_erased_people_of_one_organisation_stay_two_through_a_merge(tmp_path: Path) -> None:
    a = seeded(tmp_path / "a.sqlite")
    shutil.copy(write_snapshot(a, tmp_path / "s.sqlite"), tmp_path / "b.sqlite")
    b = open_database(tmp_path / "b.sqlite")
    erase_person(a, "Kari Nordmann", apply=True)
    erase_person(b, "Ola Hansen", apply=True)
    merge_files(a, [write_snapshot(b, tmp_path / "b1.sqlite")])
    with a.session() as session:
        people = [p for p in session.query(Person).all() if p.name == ERASED]
        participations = session.query(Participation).all()
    a.close()
    b.close()
    assert len(people) == 2
    assert {p.person_id for p in participations} >= {p.id for p in people}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anne-Lise Berg sa ja", f"{ERASED} sa ja"),
        ("anne-lise  berg sa ja", f"{ERASED} sa ja"),
        ("Bergs forslag", "Bergs forslag"),  # the surname alone is not the name
        ("Anne-Lise Bergs forslag", f"{ERASED} forslag"),
        ("Anne-Lise, Berg", "Anne-Lise, Berg"),  # not one name: a comma between
        ("ANNE-LISE sa", "ANNE-LISE sa"),  # the first name alone: only in meeting m1
    ],
)
def test_the_scrub_matches_whole_words_case_and_hyphens_alike(text: str, expected: str) -> None:
    hashes = make_hashes("00ff", "Anne-Lise Berg", "", "", ["m1"])
    scrubber = Scrubber([Key.from_record("p", "00ff", hashes)])
    assert scrubber.text(text, "m2") == expected
    assert scrubber.text("ANNE-LISE sa", "m1") == f"{ERASED} sa"
    assert "anne" not in str(hashes).casefold()
