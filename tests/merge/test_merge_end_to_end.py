"""Two laptops capture the same meeting, exchange snapshots both ways and end up the same."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from sqlmodel import select

from models import records
from models.archive import write_archive
from models.storage import Database, open_database
from models.sync.conflicts import list_conflicts, resolve_conflict
from models.sync.merge import merge_files
from models.sync.snapshot import write_snapshot
from models.tables import FollowUp, Meeting, Note, Service, ServiceMention
from tests.templates import copy_demo
from tui.cli import cli


def archive_content(db: Database, path: Path) -> dict[str, object]:
    document = json.loads(write_archive(db, path).read_text(encoding="utf-8"))
    del document["exported_at"], document["device_id"]
    return document


def first_meeting(db: Database) -> Meeting:
    with db.session() as session:
        return session.exec(select(Meeting).order_by(Meeting.date, Meeting.id)).first()


def edit(db: Database, model: type, record_id: str, **changes: object) -> None:
    with db.transaction() as session:
        records.update(db, session, session.get(model, record_id), **changes)


def test_two_laptops_merge_both_ways_into_the_same_content_with_conflicts_listed(
    tmp_path: Path,
) -> None:
    laptop_a = open_database(copy_demo(tmp_path / "a.sqlite"))
    laptop_b = open_database(tmp_path / "b.sqlite")
    merge_files(laptop_b, [write_snapshot(laptop_a, tmp_path / "a-0.sqlite")])
    meeting = first_meeting(laptop_a)
    with laptop_a.session() as session:
        followup = session.exec(select(FollowUp).where(FollowUp.meeting_id == meeting.id)).first()
        mentioned = session.exec(
            select(ServiceMention).where(ServiceMention.meeting_id == meeting.id)
        ).first()
        service_id = mentioned.service_id

    # Laptop A: the meeting's title, a service, one author's note, a new note, a deletion.
    edit(laptop_a, Meeting, meeting.id, title="Innsiktsmøte (A)")
    edit(laptop_a, Service, service_id, status="planlagt", plans="Pilot våren 2027")
    records.save_note(laptop_a, meeting.id, "A2", "Kari Nordmann", "Kari skrev dette på A")
    records.save_note(laptop_a, meeting.id, "Z9", "Kari Nordmann", "Ny merknad fra A")
    records.save_note(laptop_a, meeting.id, "Z8", "Kari Nordmann", "Bare på A")
    with laptop_a.transaction() as session:
        records.delete(laptop_a, session, session.get(FollowUp, followup.id))
    # Laptop B: the same meeting, the same service, the same author, another author, the follow-up.
    edit(laptop_b, Meeting, meeting.id, title="Innsiktsmøte (B)")
    edit(laptop_b, Service, service_id, status="i drift", fallback="Radio og telefon")
    records.save_note(laptop_b, meeting.id, "A2", "Kari Nordmann", "Kari skrev dette på B")
    records.save_note(laptop_b, meeting.id, "Z9", "Kari Nordmann", "Ny merknad fra B")
    records.save_note(laptop_b, meeting.id, "Z8", "Ola Hansen", "Ola på B")
    edit(laptop_b, FollowUp, followup.id, who="Ola Hansen")

    from_a = write_snapshot(laptop_a, tmp_path / "a-1.sqlite")
    from_b = write_snapshot(laptop_b, tmp_path / "b-1.sqlite")
    summary_a = merge_files(laptop_a, [from_b])
    summary_b = merge_files(laptop_b, [from_a])

    assert archive_content(laptop_a, tmp_path / "a.json") == archive_content(
        laptop_b, tmp_path / "b.json"
    )
    assert summary_a.open_conflicts == summary_b.open_conflicts == 5
    with laptop_a.session() as session:
        conflicts = {(view.table, view.field): view for view in list_conflicts(session)}
        service = session.get(Service, service_id)
        notes = session.exec(select(Note).where(Note.meeting_id == meeting.id)).all()
    assert set(conflicts) == {
        ("meeting", "title"),
        ("service", "status"),
        ("note", "text"),
        ("followup", "deleted"),
    }
    # Both sides of each conflict are there; different fields of the service merged cleanly.
    titles = {conflicts["meeting", "title"].mine.value, conflicts["meeting", "title"].theirs.value}
    assert titles == {"Innsiktsmøte (A)", "Innsiktsmøte (B)"}
    assert (service.plans, service.fallback) == ("Pilot våren 2027", "Radio og telefon")
    texts = {(note.question_key, note.author): note.text for note in notes}
    assert texts["Z8", "Kari Nordmann"] == "Bare på A"
    assert texts["Z8", "Ola Hansen"] == "Ola på B"
    assert len([note for note in notes if note.question_key == "Z9"]) == 1
    note_conflicts = [view for view in list_conflicts(laptop_a.session()) if view.table == "note"]
    assert {view.mine.value for view in note_conflicts} | {
        view.theirs.value for view in note_conflicts
    } == {
        "Kari skrev dette på A",
        "Kari skrev dette på B",
        "Ny merknad fra A",
        "Ny merknad fra B",
    }

    # The command line lists them too.
    listed = CliRunner().invoke(cli, ["conflicts", "--json", "--db", str(laptop_a.path)])
    assert listed.exit_code == 0
    assert {(item["table"], item["field"]) for item in json.loads(listed.output)} == set(conflicts)

    # Resolving on A and merging to B resolves it on B.
    resolve_conflict(laptop_a, conflicts["meeting", "title"].id, "Innsiktsmøte med begge")
    merge_files(laptop_b, [write_snapshot(laptop_a, tmp_path / "a-2.sqlite")])
    with laptop_b.session() as session:
        assert session.get(Meeting, meeting.id).title == "Innsiktsmøte med begge"
        assert ("meeting", "title") not in {
            (view.table, view.field) for view in list_conflicts(session)
        }
    # And B's older snapshot does not bring the conflict back to A.
    merge_files(laptop_a, [from_b])
    with laptop_a.session() as session:
        assert len(list_conflicts(session)) == 4
    assert archive_content(laptop_a, tmp_path / "a.json") == archive_content(
        laptop_b, tmp_path / "b.json"
    )
    laptop_a.close()
    laptop_b.close()


def test_merging_a_json_archive_works_like_merging_the_snapshot(tmp_path: Path) -> None:
    laptop_a = open_database(copy_demo(tmp_path / "a.sqlite"))
    meeting = first_meeting(laptop_a)
    records.save_note(laptop_a, meeting.id, "A2", "Per Hansen", "Fra arkivet")
    by_archive = open_database(tmp_path / "b.sqlite")
    by_snapshot = open_database(tmp_path / "c.sqlite")
    merge_files(by_archive, [write_archive(laptop_a, tmp_path / "a.json")])
    merge_files(by_snapshot, [write_snapshot(laptop_a, tmp_path / "a.sqlite.copy")])

    assert archive_content(by_archive, tmp_path / "b.json") == archive_content(
        by_snapshot, tmp_path / "c.json"
    )
    assert not merge_files(by_archive, [tmp_path / "a.json"]).changed()
    for db in (laptop_a, by_archive, by_snapshot):
        db.close()
