"""Likely duplicates are offered, and joining two keeps every link of both, on every laptop."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from sqlmodel import select

from exports.services import service_table
from models import records
from models.contacts import known_people
from models.content_queries import load_meeting_records
from models.joins import session_joins
from models.mentions import resolved_mentions
from models.read import reading, service_rows
from models.storage import Database, open_database
from models.sync.duplicates import join_records, likely_duplicates
from models.sync.merge import merge_files
from models.sync.snapshot import write_snapshot
from models.tables import Organisation, Person, Service, ServiceMention
from tests.merge.laptops import content
from tests.templates import copy_demo
from tui.cli import cli


def service_named(db: Database, name: str) -> Service:
    with db.session() as session:
        return session.exec(select(Service).where(Service.name == name)).one()


def live_mentions(db: Database, service_id: str) -> set[tuple[str, str]]:
    """Where the service is mentioned, as every reader sees it: joins resolved."""
    with db.session() as session:
        mentions = list(session.exec(records.live(ServiceMention)).all())
        return {
            (mention.meeting_id, mention.question_key)
            for mention in resolved_mentions(session_joins(session), mentions)
            if mention.service_id == service_id
        }


def test_services_with_slightly_different_names_are_offered_and_others_are_not(
    demo_db: Database,
) -> None:
    with demo_db.session() as session:
        pairs = likely_duplicates(session)
    assert {(pair.first_name, pair.second_name) for pair in pairs} == {
        ("LifeX mobilklient", "Lifex mobil")
    }


def test_organisations_and_people_with_slightly_different_names_are_offered(
    fresh_db: Database,
) -> None:
    with fresh_db.transaction() as session:
        for name in ("HEMIT HF", "Hemit", "Helse Vest IKT", "Helse Nord IKT"):
            records.create(fresh_db, session, Organisation, name=name)
        for name in ("Kari Nordmann", "Kari Nordman", "Ola Nordmann"):
            records.create(fresh_db, session, Person, name=name)
    with fresh_db.session() as session:
        found = {(p.kind, p.first_name, p.second_name) for p in likely_duplicates(session)}
    assert found == {
        ("organisation", "HEMIT HF", "Hemit"),
        ("person", "Kari Nordman", "Kari Nordmann"),
    }


def test_joining_two_services_keeps_every_mention_and_fills_empty_fields(
    demo_db: Database,
) -> None:
    kept, absorbed = (
        service_named(demo_db, "LifeX mobilklient"),
        service_named(demo_db, "Lifex mobil"),
    )
    mentions = live_mentions(demo_db, kept.id) | live_mentions(demo_db, absorbed.id)

    result = join_records(demo_db, kept.id[:8], absorbed.id[:8])

    assert (result.kept, result.absorbed) == ("LifeX mobilklient", "Lifex mobil")
    assert live_mentions(demo_db, kept.id) == mentions
    assert live_mentions(demo_db, absorbed.id) == set()
    with demo_db.session() as session:
        assert session.get(Service, absorbed.id).deleted
        joined = session.get(Service, kept.id)
    for name in ("description", "plans", "fallback"):
        assert getattr(joined, name) == (getattr(kept, name) or getattr(absorbed, name))
    with demo_db.session() as session:
        assert [pair.first_name for pair in likely_duplicates(session)] == []


def test_a_join_on_one_laptop_reaches_another_by_merging(tmp_path: Path) -> None:
    laptop_a = open_database(copy_demo(tmp_path / "a.sqlite"))
    laptop_b = open_database(tmp_path / "b.sqlite")
    merge_files(laptop_b, [write_snapshot(laptop_a, tmp_path / "a-0.sqlite")])
    kept, absorbed = (
        service_named(laptop_a, "LifeX mobilklient"),
        service_named(laptop_a, "Lifex mobil"),
    )
    join_records(laptop_a, kept.id, absorbed.id)

    merge_files(laptop_b, [write_snapshot(laptop_a, tmp_path / "a-1.sqlite")])

    assert live_mentions(laptop_b, kept.id) == live_mentions(laptop_a, kept.id)
    with laptop_b.session() as session:
        assert session.get(Service, absorbed.id).deleted
    laptop_a.close()
    laptop_b.close()


def test_joining_organisations_moves_people_and_owned_services(fresh_db: Database) -> None:
    with fresh_db.transaction() as session:
        hemit = records.create(fresh_db, session, Organisation, name="HEMIT HF")
        short = records.create(fresh_db, session, Organisation, name="Hemit", region="Midt")
        person = records.create(fresh_db, session, Person, name="Per", organisation_id=short.id)
        service = records.create(fresh_db, session, Service, name="App", owner_id=short.id)
    join_records(fresh_db, hemit.id, short.id)
    with fresh_db.session() as session:
        assert session.get(Person, person.id).organisation_id == hemit.id
        assert session.get(Service, service.id).owner_id == hemit.id
        assert session.get(Organisation, hemit.id).region == "Midt"
        assert session.get(Organisation, short.id).deleted


def test_duplicates_commands_list_and_join(demo_db: Database) -> None:
    path = str(demo_db.path)
    listed = CliRunner().invoke(cli, ["duplicates", "--json", "--db", path])
    assert listed.exit_code == 0
    (pair,) = json.loads(listed.output)
    joined = CliRunner().invoke(
        cli, ["duplicates", "join", pair["first_id"], pair["second_id"], "--db", path]
    )
    assert joined.exit_code == 0
    assert "Slo sammen «Lifex mobil» inn i «LifeX mobilklient»" in joined.output
    again = CliRunner().invoke(cli, ["duplicates", "--db", path])
    assert "Fant ingen sannsynlige dubletter." in again.output
    wrong = CliRunner().invoke(
        cli, ["duplicates", "join", pair["first_id"], pair["first_id"], "--db", path]
    )
    assert wrong.exit_code == 1
    assert "seg selv" in wrong.stderr


def test_a_mention_made_elsewhere_before_the_join_follows_the_joined_service(
    tmp_path: Path,
) -> None:
    laptop_a = open_database(copy_demo(tmp_path / "a.sqlite"))
    laptop_b = open_database(tmp_path / "b.sqlite")
    merge_files(laptop_b, [write_snapshot(laptop_a, tmp_path / "a-0.sqlite")])
    kept, absorbed = (
        service_named(laptop_a, "LifeX mobilklient"),
        service_named(laptop_a, "Lifex mobil"),
    )
    meeting_id = next(iter(live_mentions(laptop_a, kept.id)))[0]
    join_records(laptop_a, kept.id, absorbed.id)
    with laptop_b.transaction() as session:
        records.create(
            laptop_b,
            session,
            ServiceMention,
            service_id=absorbed.id,
            meeting_id=meeting_id,
            question_key="Z1",
            remark="Nevnt på B",
        )

    from_a = write_snapshot(laptop_a, tmp_path / "a-1.sqlite")
    from_b = write_snapshot(laptop_b, tmp_path / "b-1.sqlite")
    merge_files(laptop_a, [from_b])
    merge_files(laptop_b, [from_a])

    for laptop in (laptop_a, laptop_b):
        assert (meeting_id, "Z1") in live_mentions(laptop, kept.id)
        assert live_mentions(laptop, absorbed.id) == set()
        with laptop.session() as session:  # kept as B wrote it: the join is resolved on reading
            (written,) = session.exec(
                select(ServiceMention).where(ServiceMention.question_key == "Z1")
            ).all()
            assert written.service_id == absorbed.id
            (minutes,) = load_meeting_records(session, meeting_ids=[meeting_id]).mentions.values()
            assert [(m.service_id, m.remark) for m in minutes if m.question_key == "Z1"] == [
                (kept.id, "Nevnt på B")
            ]
    assert content(laptop_a.path) == content(laptop_b.path)
    assert not merge_files(laptop_a, [from_b]).changed()
    laptop_a.close()
    laptop_b.close()


def test_merging_says_when_it_brought_likely_duplicates(tmp_path: Path) -> None:
    laptop_a = open_database(copy_demo(tmp_path / "a.sqlite"))
    snapshot = write_snapshot(laptop_a, tmp_path / "a-0.sqlite")
    laptop_a.close()
    result = CliRunner().invoke(cli, ["merge", str(snapshot), "--db", str(tmp_path / "b.sqlite")])
    assert result.exit_code == 0
    assert "Sannsynlige dubletter: 1. Se «innsikt duplicates»." in result.output


def test_the_scan_after_a_merge_counts_only_pairs_with_a_service_it_brought_or_renamed(
    tmp_path: Path,
) -> None:
    laptop_a = open_database(tmp_path / "a.sqlite")
    laptop_b = open_database(tmp_path / "b.sqlite")
    with laptop_a.transaction() as session:
        for name in ("Nasjonal videomotor", "Nasjonal videomotorr", "LifeX mobilklient"):
            records.create(laptop_a, session, Service, name=name)
    merge_files(laptop_b, [write_snapshot(laptop_a, tmp_path / "a-0.sqlite")])
    with laptop_b.transaction() as session:
        records.create(laptop_b, session, Service, name="Lifex mobil")

    summary = merge_files(laptop_a, [write_snapshot(laptop_b, tmp_path / "b-0.sqlite")])

    with laptop_a.session() as session:
        after_merge = likely_duplicates(session, among=summary.touched)
        everything = likely_duplicates(session)
    assert [(pair.first_name, pair.second_name) for pair in after_merge] == [
        ("LifeX mobilklient", "Lifex mobil")
    ]
    assert len(everything) == 2  # `innsikt duplicates` still checks every pair
    again = merge_files(laptop_a, [write_snapshot(laptop_b, tmp_path / "b-1.sqlite")])
    with laptop_a.session() as session:
        assert likely_duplicates(session, among=again.touched) == []
    laptop_a.close()
    laptop_b.close()


def test_a_service_renamed_elsewhere_is_scanned_again_after_the_merge(tmp_path: Path) -> None:
    laptop_a = open_database(tmp_path / "a.sqlite")
    laptop_b = open_database(tmp_path / "b.sqlite")
    with laptop_a.transaction() as session:
        records.create(laptop_a, session, Service, name="Helseplattformen")
        renamed = records.create(laptop_a, session, Service, name="Kjernejournal")
    merge_files(laptop_b, [write_snapshot(laptop_a, tmp_path / "a-0.sqlite")])
    with laptop_b.transaction() as session:
        records.update(laptop_b, session, session.get(Service, renamed.id), name="Helseplattform")

    summary = merge_files(laptop_a, [write_snapshot(laptop_b, tmp_path / "b-0.sqlite")])

    assert summary.touched["service"] == {renamed.id}
    with laptop_a.session() as session:
        found = likely_duplicates(session, among=summary.touched)
    assert {pair.first_name for pair in found} | {pair.second_name for pair in found} == {
        "Helseplattform",
        "Helseplattformen",
    }
    laptop_a.close()
    laptop_b.close()


def test_the_blocked_scan_finds_what_the_full_scan_finds_for_each_record_of_the_demo(
    demo_db: Database,
) -> None:
    with demo_db.transaction() as session:
        for name in ("Sykehusapotekene HF", "Sykehusapotekene", "Apotek Nord IKT"):
            records.create(demo_db, session, Organisation, name=name)
        for name in ("Siri Fjellheim", "Siri Fjelheim", "Ola Fjellheim"):
            records.create(demo_db, session, Person, name=name)
    with demo_db.session() as session:
        everything = likely_duplicates(session)
        kinds = {"service": Service, "organisation": Organisation, "person": Person}
        for table, model in kinds.items():
            for item in session.exec(records.live(model)).all():
                expected = [
                    pair for pair in everything if item.id in (pair.first_id, pair.second_id)
                ]
                assert likely_duplicates(session, among={table: {item.id}}) == expected


def test_a_person_added_elsewhere_to_an_absorbed_organisation_follows_the_join(
    tmp_path: Path,
) -> None:
    laptop_a = open_database(tmp_path / "a.sqlite")
    laptop_b = open_database(tmp_path / "b.sqlite")
    with laptop_a.transaction() as session:
        kept = records.create(laptop_a, session, Organisation, name="HEMIT HF")
        absorbed = records.create(laptop_a, session, Organisation, name="Hemit")
    merge_files(laptop_b, [write_snapshot(laptop_a, tmp_path / "a-0.sqlite")])
    join_records(laptop_a, kept.id, absorbed.id)
    with laptop_b.transaction() as session:
        added = records.create(laptop_b, session, Person, name="Siv", organisation_id=absorbed.id)
        owned = records.create(laptop_b, session, Service, name="Vaktapp", owner_id=absorbed.id)

    from_a = write_snapshot(laptop_a, tmp_path / "a-1.sqlite")
    from_b = write_snapshot(laptop_b, tmp_path / "b-1.sqlite")
    merge_files(laptop_a, [from_b])
    merge_files(laptop_b, [from_a])

    for laptop in (laptop_a, laptop_b):
        with laptop.session() as session:
            # Stored as B wrote them; read as belonging to the organisation it was joined into.
            assert session.get(Person, added.id).organisation_id == absorbed.id
            assert session.get(Service, owned.id).owner_id == absorbed.id
            assert session.get(Organisation, absorbed.id).deleted
            (siv,) = [p for p in known_people(session, "") if p.person_id == added.id]
            assert siv.organisation == "HEMIT HF"
        with reading(laptop.path) as connection:
            (vaktapp,) = [row for row in service_rows(connection) if row.id == owned.id]
            assert vaktapp.owner == "HEMIT HF"
        header, *rows = service_table(laptop)  # the services export
        (exported,) = [row for row in rows if row[-1] == owned.id]
        assert exported[header.index("Eier")] == "HEMIT HF"
    assert content(laptop_a.path) == content(laptop_b.path)
    laptop_a.close()
    laptop_b.close()


def test_a_participation_added_elsewhere_for_an_absorbed_person_follows_the_join(
    tmp_path: Path,
) -> None:
    from models.tables import Journey, Meeting, Participation

    laptop_a = open_database(tmp_path / "a.sqlite")
    laptop_b = open_database(tmp_path / "b.sqlite")
    with laptop_a.transaction() as session:
        journey = records.create(laptop_a, session, Journey, name="Reise")
        meeting = records.create(laptop_a, session, Meeting, journey_id=journey.id, title="Møte")
        kept = records.create(laptop_a, session, Person, name="Kari Nordmann")
        absorbed = records.create(laptop_a, session, Person, name="Kari Nordman")
    merge_files(laptop_b, [write_snapshot(laptop_a, tmp_path / "a-0.sqlite")])
    join_records(laptop_a, kept.id, absorbed.id)
    with laptop_b.transaction() as session:
        records.create(
            laptop_b, session, Participation, meeting_id=meeting.id, person_id=absorbed.id
        )

    from_a = write_snapshot(laptop_a, tmp_path / "a-1.sqlite")
    from_b = write_snapshot(laptop_b, tmp_path / "b-1.sqlite")
    merge_files(laptop_a, [from_b])
    merge_files(laptop_b, [from_a])

    for laptop in (laptop_a, laptop_b):
        with laptop.session() as session:
            people = {item.person_id for item in session.exec(records.live(Participation)).all()}
            shown = load_meeting_records(session, meeting_ids=[meeting.id]).people[meeting.id]
        assert people == {absorbed.id}  # as B wrote it
        assert [(p.person_id, p.name) for p in shown] == [(kept.id, "Kari Nordmann")]
    assert content(laptop_a.path) == content(laptop_b.path)
    laptop_a.close()
    laptop_b.close()
