"""Joins resolved when reading (`models.joins`): the rule, and the readers that use it."""

from __future__ import annotations

import itertools
import sqlite3
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from models import records
from models.joins import REFERENCES, Joins, final_targets, load_joins, register
from models.read import reading
from models.read_conflicts import open_conflicts
from models.storage import open_database
from models.sync.conflicts import list_conflicts
from models.sync.duplicates import join_records
from models.sync.merge import merge_files
from models.sync.snapshot import write_snapshot
from models.tables import SYNCED_TABLES, Journey, Meeting, Service, ServiceMention
from tests.merge.laptops import Wall

IDS = st.sampled_from("abcdef")


def test_a_chain_of_joins_is_followed_to_its_end() -> None:
    assert final_targets([("c", "b"), ("b", "a")]) == {"c": "a", "b": "a"}


def test_a_record_joined_into_two_follows_the_smaller_id() -> None:
    assert final_targets([("x", "q"), ("x", "p")]) == {"x": "p"}


def test_a_ring_of_joins_ends_at_its_smallest_id() -> None:
    assert final_targets([("b", "a"), ("a", "b")]) == {"b": "a"}
    assert final_targets([("c", "b"), ("b", "d"), ("d", "c"), ("e", "d")]) == {
        "c": "b",
        "d": "b",
        "e": "b",
    }


def test_an_id_no_join_absorbed_resolves_to_itself() -> None:
    joins = Joins({"service": final_targets([("b", "a")])})
    assert [joins.resolve("service", id_) for id_ in ("a", "b", "z", None)] == ["a", "a", "z", None]
    assert joins.resolve("person", "b") == "b"


@given(st.lists(st.tuples(IDS, IDS), max_size=8))
def test_the_targets_do_not_depend_on_the_order_of_the_join_records_and_are_final(
    pairs: list[tuple[str, str]],
) -> None:
    expected = final_targets(pairs)
    for order in itertools.islice(itertools.permutations(pairs), 24):
        assert final_targets(order) == expected
    # Resolving a target again gives itself: no chains or rings are left.
    assert all(target not in expected for target in expected.values())
    assert all(absorbed != target for absorbed, target in expected.items())


def test_a_lookup_finds_the_kept_record_for_an_absorbed_id_and_lists_each_once() -> None:
    joins = Joins({"organisation": {"old": "new"}})
    names = joins.lookup("organisation", {"new": "HEMIT HF", "other": "Sykehuset"})
    assert names["old"] == names.get("old") == "HEMIT HF"
    assert "old" in names and "gone" not in names
    assert sorted(names.values()) == ["HEMIT HF", "Sykehuset"]


def test_the_reference_columns_are_the_foreign_keys_to_joined_tables() -> None:
    found = {
        (model.__tablename__, column.name): next(iter(column.foreign_keys)).column.table.name
        for model in SYNCED_TABLES
        for column in model.__table__.columns  # type: ignore[attr-defined]
        if column.foreign_keys
        and next(iter(column.foreign_keys)).column.table.name
        in ("service", "organisation", "person")
    }
    assert found == REFERENCES


def test_the_sql_functions_resolve_on_a_read_only_connection(tmp_path: Path) -> None:
    db = open_database(tmp_path / "a.sqlite")
    with db.transaction() as session:
        kept = records.create(db, session, Service, name="LifeX")
        absorbed = records.create(db, session, Service, name="Lifex mobil")
    join_records(db, kept.id, absorbed.id)
    db.close()
    with reading(db.path) as connection:
        register(connection)
        resolved = connection.execute(
            "SELECT resolved_service(?), resolved_service(?), resolved_organisation(?)",
            (absorbed.id, kept.id, absorbed.id),
        ).fetchone()
    assert resolved == (kept.id, kept.id, absorbed.id)


def test_a_conflict_between_a_reference_and_the_one_it_was_joined_into_is_not_shown(
    tmp_path: Path,
) -> None:
    """A mention created alike (one id) on two laptops; one of them joins its service away and
    so rewrites it. The two writes of `service_id` differ, but read as one service."""
    a, b = (open_database(tmp_path / f"{name}.sqlite") for name in "ab")
    a.clock.wall, b.clock.wall = Wall(1_780_000_000_000), Wall(1_780_000_001_000)
    try:
        with a.transaction() as session:
            journey = records.create(a, session, Journey, name="Reise")
            meeting = records.create(a, session, Meeting, journey_id=journey.id, title="Møte")
            kept = records.create(a, session, Service, name="LifeX")
            absorbed = records.create(a, session, Service, name="Lifex mobil")
        merge_files(b, [write_snapshot(a, tmp_path / "seed.sqlite")])
        for db in (a, b):
            with db.transaction() as session:
                records.create(
                    db,
                    session,
                    ServiceMention,
                    id="mention",
                    service_id=absorbed.id,
                    meeting_id=meeting.id,
                    question_key="q1",
                )
        join_records(a, kept.id, absorbed.id)  # rewrites A's copy to the kept service
        summary = merge_files(a, [write_snapshot(b, tmp_path / "b1.sqlite")])
        connection = sqlite3.connect(a.path)
        try:
            stored = connection.execute(
                "SELECT count(*) FROM conflict WHERE field = 'service_id'"
            ).fetchone()[0]
        finally:
            connection.close()
        assert stored == 1  # B's write is kept for merging …
        assert summary.open_conflicts == 0  # … but nothing for the user to decide
        with a.session() as session:
            assert list_conflicts(session) == []
        with reading(a.path) as connection:
            assert open_conflicts(connection) == []
            assert load_joins(connection).resolve("service", absorbed.id) == kept.id
    finally:
        a.close()
        b.close()


def test_links_made_unaware_of_joins_read_as_the_kept_records_everywhere(tmp_path: Path) -> None:
    """A joins organisation «Hemit» into «HEMIT HF» and person «Kari Nordman» into «Kari
    Nordmann»; B, unaware, links the absorbed ones to a meeting and adds Siv to «Hemit». After
    merging, every reader — home, set-up, capture, the minutes' records, search, the lists —
    shows the kept records, each once (A had linked «HEMIT HF» itself)."""
    from models.content_queries import load_meeting_records
    from models.queries import meeting_organisations
    from models.read import meetings
    from models.read_capture import speakers
    from models.search import search
    from models.tables import MeetingOrganisation, Organisation, Participation, Person
    from tui.home_data import load_home
    from tui.store.setup import load_meeting_setup

    a, b = (open_database(tmp_path / f"{name}.sqlite") for name in "ab")
    try:
        with a.transaction() as session:
            journey = records.create(a, session, Journey, name="Reise")
            meeting = records.create(a, session, Meeting, journey_id=journey.id, title="Møte")
            kept = records.create(a, session, Organisation, name="HEMIT HF")
            absorbed = records.create(a, session, Organisation, name="Hemit")
            kari = records.create(a, session, Person, name="Kari Nordmann", organisation_id=kept.id)
            typo = records.create(a, session, Person, name="Kari Nordman")
            records.create(
                a, session, MeetingOrganisation, meeting_id=meeting.id, organisation_id=kept.id
            )
        merge_files(b, [write_snapshot(a, tmp_path / "seed.sqlite")])
        join_records(a, kept.id, absorbed.id)
        join_records(a, kari.id, typo.id)
        with b.transaction() as session:  # B has seen neither join
            records.create(
                b, session, MeetingOrganisation, meeting_id=meeting.id, organisation_id=absorbed.id
            )
            records.create(b, session, Participation, meeting_id=meeting.id, person_id=typo.id)
            siv = records.create(b, session, Person, name="Siv Vakt", organisation_id=absorbed.id)
            records.create(b, session, Participation, meeting_id=meeting.id, person_id=siv.id)
        merge_files(a, [write_snapshot(b, tmp_path / "b1.sqlite")])
        records.save_note(a, meeting.id, "q1", "Ola", "Kari ringer vaktrommet")

        with a.session() as session:
            shown = load_meeting_records(session, meeting_ids=[meeting.id])
            assert [o.name for o in shown.meeting_organisations[meeting.id]] == ["HEMIT HF"]
            assert [(p.name, p.organisation) for p in shown.people[meeting.id]] == [
                ("Kari Nordmann", "HEMIT HF"),
                ("Siv Vakt", "HEMIT HF"),
            ]
            assert meeting_organisations(session)[meeting.id] == ["HEMIT HF"]
        with reading(a.path) as connection:  # the capture screen's speakers
            assert speakers(connection, meeting.id) == (
                ("Kari Nordmann", "HEMIT HF"),
                ("Siv Vakt", "HEMIT HF"),
            )
        setup = load_meeting_setup(a, meeting.id)
        assert setup.form.organisations == ("HEMIT HF",)
        assert sorted((p.name, p.organisation) for p in setup.form.participants) == [
            ("Kari Nordmann", "HEMIT HF"),
            ("Siv Vakt", "HEMIT HF"),
        ]
        (home_meeting,) = load_home(a).meetings
        assert home_meeting.organisations == "HEMIT HF"
        with reading(a.path) as connection:
            (listed,) = meetings(connection)
            assert listed.organisations == "HEMIT HF"
            (hit,) = search(connection, "vaktrommet")
            assert (hit.kind, hit.organisation) == ("note", "HEMIT HF")
    finally:
        a.close()
        b.close()


def test_the_minutes_name_the_kept_service_once_with_the_remarks_of_both_mentions(
    tmp_path: Path,
) -> None:
    """A mentions «LifeX» and joins «Lifex mobil» into it; B, unaware, mentions «Lifex mobil»
    under the same question. The minutes (read back from Word) show one row, both remarks."""
    import docx

    from exports.minutes import write_minutes

    a, b = (open_database(tmp_path / f"{name}.sqlite") for name in "ab")
    try:
        with a.transaction() as session:
            journey = records.create(a, session, Journey, name="Reise")
            meeting = records.create(a, session, Meeting, journey_id=journey.id, title="Møte")
            kept = records.create(a, session, Service, name="LifeX")
            absorbed = records.create(a, session, Service, name="Lifex mobil")
            records.create(
                a, session, ServiceMention, service_id=kept.id, meeting_id=meeting.id,
                question_key="B1", remark="brukes daglig",
            )  # fmt: skip
        merge_files(b, [write_snapshot(a, tmp_path / "seed.sqlite")])
        join_records(a, kept.id, absorbed.id)
        with b.transaction() as session:
            records.create(
                b, session, ServiceMention, service_id=absorbed.id, meeting_id=meeting.id,
                question_key="B1", remark="ute av drift i helgen",
            )  # fmt: skip
        merge_files(a, [write_snapshot(b, tmp_path / "b1.sqlite")])
        path = tmp_path / "referat.docx"
        write_minutes(a, meeting.id, path)
        rows = [
            [cell.text for cell in row.cells]
            for table in docx.Document(str(path)).tables
            for row in table.rows
        ]
        named = [row for row in rows if row and row[0] in ("LifeX", "Lifex mobil")]
        assert len(named) == 1
        assert named[0][0] == "LifeX"
        assert named[0][-1] == "brukes daglig / ute av drift i helgen"
    finally:
        a.close()
        b.close()


def test_a_file_whose_merge_had_moved_a_reference_meets_the_written_one_alike_in_any_order(
    tmp_path: Path,
) -> None:
    """Before joins were resolved on reading, a merge stored a joined mention moved to the kept
    service without a write of its own. Such a file (made here by moving the row by hand, as
    that merge did) and one holding the mention as written merge alike either way round, and
    both read as the kept service."""
    x, y = (open_database(tmp_path / f"{name}.sqlite") for name in "xy")
    x.clock.wall, y.clock.wall = Wall(1_780_000_000_000), Wall(1_780_000_001_000)
    try:
        with x.transaction() as session:
            journey = records.create(x, session, Journey, name="Reise")
            meeting = records.create(x, session, Meeting, journey_id=journey.id, title="Møte")
            kept = records.create(x, session, Service, name="LifeX")
            absorbed = records.create(x, session, Service, name="Lifex mobil")
        merge_files(y, [write_snapshot(x, tmp_path / "seed.sqlite")])
        join_records(x, kept.id, absorbed.id)
        with y.transaction() as session:
            records.create(
                y, session, ServiceMention, service_id=absorbed.id,
                meeting_id=meeting.id, question_key="q1", remark="fra Y",
            )  # fmt: skip
        as_written = write_snapshot(y, tmp_path / "y1.sqlite")
        old_merge = tmp_path / "old.sqlite"
        merge_files(x, [as_written])
        write_snapshot(x, old_merge)
        connection = sqlite3.connect(old_merge)
        with connection:
            connection.execute("UPDATE service_mention SET service_id = ?", (kept.id,))
            connection.execute("PRAGMA user_version = 9")  # such files are older: migrated
        connection.close()
        results = []
        for order in ((old_merge, as_written), (as_written, old_merge)):
            db = open_database(tmp_path / f"z-{order[0].stem}.sqlite")
            try:
                for path in order:
                    merge_files(db, [path])
                assert not merge_files(db, list(order)).changed()
                with reading(db.path) as reader:
                    joins = load_joins(reader)
                    stored = reader.execute("SELECT service_id FROM service_mention").fetchall()
                    assert {joins.resolve("service", id_) for (id_,) in stored} == {kept.id}
                    assert open_conflicts(reader) == []
                results.append(
                    sqlite3.connect(db.path)
                    .execute(
                        "SELECT id, service_id, remark, deleted FROM service_mention ORDER BY id"
                    )
                    .fetchall()
                )
            finally:
                db.close()
        assert results[0] == results[1]
    finally:
        x.close()
        y.close()


def test_a_mention_shown_once_for_two_is_edited_and_unlinked_as_one(tmp_path: Path) -> None:
    """Two mentions that read as one (the kept service's, and one made elsewhere of the
    absorbed service): the capture's remark edit and unlink act on the row the user sees."""
    from models.mentions import mentioned_services, set_mention_remark, unlink_mention

    a, b = (open_database(tmp_path / f"{name}.sqlite") for name in "ab")
    try:
        with a.transaction() as session:
            journey = records.create(a, session, Journey, name="Reise")
            meeting = records.create(a, session, Meeting, journey_id=journey.id, title="Møte")
            kept = records.create(a, session, Service, name="LifeX")
            absorbed = records.create(a, session, Service, name="Lifex mobil")
            for question in ("B1", "B2"):
                records.create(
                    a, session, ServiceMention, service_id=kept.id, meeting_id=meeting.id,
                    question_key=question, remark="brukes daglig",
                )  # fmt: skip
        merge_files(b, [write_snapshot(a, tmp_path / "seed.sqlite")])
        join_records(a, kept.id, absorbed.id)
        with b.transaction() as session:
            for question in ("B1", "B2"):
                records.create(
                    b, session, ServiceMention, service_id=absorbed.id, meeting_id=meeting.id,
                    question_key=question, remark="ute av drift",
                )  # fmt: skip
        merge_files(a, [write_snapshot(b, tmp_path / "b1.sqlite")])

        def shown(question: str) -> list[tuple[str, str]]:
            with a.session() as session:
                rows = mentioned_services(session, meeting.id, question)
                return [(r.name, r.remark) for r in rows]

        def row_id(question: str) -> str:
            with a.session() as session:
                (row,) = mentioned_services(session, meeting.id, question)
                return row.mention_id

        assert shown("B1") == shown("B2") == [("LifeX", "brukes daglig / ute av drift")]
        set_mention_remark(a, row_id("B1"), "brukes daglig")  # the user cut B's part
        assert shown("B1") == [("LifeX", "brukes daglig")]
        set_mention_remark(a, row_id("B1"), "brukes daglig, også på vakt")
        assert shown("B1") == [("LifeX", "brukes daglig, også på vakt")]
        unlink_mention(a, row_id("B2"))
        assert shown("B2") == []
    finally:
        a.close()
        b.close()


def test_an_e_mail_domain_learnt_from_a_person_of_an_absorbed_organisation_names_the_kept_one(
    tmp_path: Path,
) -> None:
    from models.email_domains import DomainBook
    from models.tables import Organisation, Person

    a, b = (open_database(tmp_path / f"{name}.sqlite") for name in "ab")
    try:
        with a.transaction() as session:
            kept = records.create(a, session, Organisation, name="HEMIT HF")
            absorbed = records.create(a, session, Organisation, name="Hemit")
        merge_files(b, [write_snapshot(a, tmp_path / "seed.sqlite")])
        join_records(a, kept.id, absorbed.id)
        with b.transaction() as session:
            records.create(
                b, session, Person, name="Siv", email="siv@hemit.no", organisation_id=absorbed.id
            )
        merge_files(a, [write_snapshot(b, tmp_path / "b1.sqlite")])
        with a.session() as session:
            assert DomainBook.load(session).lookup("ola@hemit.no")[0] == kept.id
    finally:
        a.close()
        b.close()
