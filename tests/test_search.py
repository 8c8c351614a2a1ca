"""Full-text search: what it finds, how it reads the user's words, and that every write path keeps
the index current (autosave, edits, tombstones, archive import, merge)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from models import records
from models.archive import import_archive, write_archive
from models.catalogue import save_service
from models.followups import add_followup
from models.search import Hit, fts_query, matching_service_ids, search, terms_of
from models.search_check import rebuild, verify
from models.storage import Database, open_database
from models.sync.merge import merge_files
from models.sync.snapshot import write_snapshot
from models.tables import Answer, FollowUp, Journey, Meeting, Person, Service


def connect(db: Database) -> sqlite3.Connection:
    return sqlite3.connect(db.path)


def find(db: Database, query: str, **options: object) -> list[Hit]:
    connection = connect(db)
    try:
        return search(connection, query, **options)  # type: ignore[arg-type]
    finally:
        connection.close()


def a_meeting(db: Database, title: str = "Møte med Sykehuspartner") -> str:
    with db.transaction() as session:
        journey = records.create(db, session, Journey, name="Reise")
        meeting = records.create(db, session, Meeting, journey_id=journey.id, title=title)
        return meeting.id


HOSTILE = [
    '"',
    '""',
    '"uavsluttet',
    "«",
    "»«",
    "(",
    ")",
    "((a OR b)",
    "NEAR(nødnett ambulanse, 2)",
    "nødnett AND OR NOT",
    "AND",
    "OR OR",
    "NOT nødnett",
    "text:nødnett",
    "col:val",
    "-nødnett",
    "^nødnett",
    "nød*",
    "*",
    "+",
    "{text}: nødnett",
    "\x00\x01\x1b[31m\x7f",
    "nødnett\x00ambulanse",
    "'; DROP TABLE note; --",
    "x" * 5000,
    " ".join(["nødnett"] * 1200)[:5000],
    "🚑 ambulanse 🚑",
    "\u202e\u200b",
    "",
    "   ",
]


# --- what it finds --------------------------------------------------------------------------


def test_a_note_is_found_with_its_meeting_question_author_and_marked_snippet(
    fresh_db: Database,
) -> None:
    meeting_id = a_meeting(fresh_db)
    records.save_note(fresh_db, meeting_id, "B1", "Kari", "Vi bruker Lifex mobil i ambulansen.")

    (hit,) = find(fresh_db, "lifex")

    assert (hit.kind, hit.meeting_id, hit.question_key, hit.author) == (
        "note",
        meeting_id,
        "B1",
        "Kari",
    )
    assert hit.meeting_title == "Møte med Sykehuspartner"
    assert hit.marked() == "Vi bruker **Lifex** mobil i ambulansen."


def test_services_follow_ups_answers_and_meetings_are_found(demo_db: Database) -> None:
    kinds = {hit.kind for hit in find(demo_db, "ambulanse", limit=500)}
    assert {"note", "service", "participant"} <= kinds
    assert {hit.kind for hit in find(demo_db, '"robust mobilt helsenett"')} >= {"followup", "note"}
    with demo_db.session() as session:
        titled = {m.id for m in session.exec(select(Meeting)) if "Innsiktsmøte" in m.title}
    meetings = find(demo_db, "Innsiktsmøte", kinds=("meeting",))
    assert {hit.id for hit in meetings} == titled and {hit.kind for hit in meetings} == {"meeting"}


def test_an_annet_answer_and_a_mention_remark_are_found(fresh_db: Database) -> None:
    from models.mentions import link_service, set_mention_remark

    meeting_id = a_meeting(fresh_db)
    with fresh_db.transaction() as session:
        records.create(
            fresh_db,
            session,
            Answer,
            meeting_id=meeting_id,
            question_key="C2",
            author="Kari",
            choices=["Nettbrett"],
            other_text="Smartklokke i forsøk",
        )
    service_id = save_service(fresh_db, {"name": "Vaktapp"})
    mention_id = link_service(fresh_db, service_id, meeting_id, "B1")
    set_mention_remark(fresh_db, mention_id, "brukes bare om natten")

    (answer,) = find(fresh_db, "smartklokke")
    assert (answer.kind, answer.question_key, answer.author) == ("answer", "C2", "Kari")
    (mention,) = find(fresh_db, "natten")
    assert (mention.kind, mention.id, mention.question_key) == ("mention", mention_id, "B1")


def test_every_text_field_of_a_service_is_searchable(fresh_db: Database) -> None:
    service_id = save_service(
        fresh_db,
        {
            "name": "Vaktapp",
            "fallback": "Papirskjema og telefon",
            "equipment": ["Nettbrett"],
            "suppliers": "Leverandør Zeta",
        },
    )
    for word in ("vaktapp", "papirskjema", "nettbrett", "zeta"):
        assert [hit.id for hit in find(fresh_db, word)] == [service_id], word


def test_nodnett_in_lower_case_finds_Nodnett_and_aeoeaa_stay_letters(fresh_db: Database) -> None:
    meeting_id = a_meeting(fresh_db)
    records.save_note(fresh_db, meeting_id, "A1", "Kari", "Nødnett og ÆRLIG Ålesund")
    records.save_note(fresh_db, meeting_id, "A2", "Kari", "far har aerlig alesund")

    assert [hit.question_key for hit in find(fresh_db, "nødnett")] == ["A1"]
    assert [hit.question_key for hit in find(fresh_db, "ærlig")] == ["A1"]
    assert [hit.question_key for hit in find(fresh_db, "ålesund")] == ["A1"]
    # å is not folded to a: «får» is not «far».
    records.save_note(fresh_db, meeting_id, "A3", "Kari", "Vi får svar")
    assert [hit.question_key for hit in find(fresh_db, "får")] == ["A3"]


def test_the_last_word_is_a_prefix(fresh_db: Database) -> None:
    meeting_id = a_meeting(fresh_db)
    records.save_note(fresh_db, meeting_id, "A1", "Kari", "ambulansen kjører")
    records.save_note(fresh_db, meeting_id, "A2", "Kari", "ambulansejournal på nettbrett")
    records.save_note(fresh_db, meeting_id, "A3", "Kari", "ambulant team")

    assert {hit.question_key for hit in find(fresh_db, "ambulans")} == {"A1", "A2"}
    # Only the last word: «ambulans kjører» needs the whole word «ambulans».
    assert find(fresh_db, "ambulans kjører") == []


def test_quoted_words_are_a_phrase(fresh_db: Database) -> None:
    meeting_id = a_meeting(fresh_db)
    records.save_note(fresh_db, meeting_id, "A1", "Kari", "robust mobilt helsenett")
    records.save_note(fresh_db, meeting_id, "A2", "Kari", "mobilt og robust helsenett")

    assert {hit.question_key for hit in find(fresh_db, "robust helsenett")} == {"A1", "A2"}
    assert [hit.question_key for hit in find(fresh_db, '"robust mobilt"')] == ["A1"]
    assert [hit.question_key for hit in find(fresh_db, "«mobilt og»")] == ["A2"]


def test_hits_are_ranked_and_limited(demo_db: Database) -> None:
    hits = find(demo_db, "nødnett", limit=5)
    assert len(hits) == 5
    assert len(find(demo_db, "nødnett", limit=500)) > 5


def test_kind_journey_and_meeting_narrow_the_hits(demo_db: Database) -> None:
    all_hits = find(demo_db, "nødnett", limit=500)
    meeting_id = next(hit.meeting_id for hit in all_hits if hit.kind == "note")
    in_meeting = find(demo_db, "nødnett", limit=500, meeting_id=meeting_id)
    assert in_meeting and all(
        hit.meeting_id == meeting_id or hit.kind == "service" for hit in in_meeting
    )
    assert {hit.kind for hit in find(demo_db, "nødnett", limit=500, kinds=("service",))} == {
        "service"
    }
    with demo_db.session() as session:
        journey_id = session.exec(select(Meeting)).first().journey_id  # type: ignore[union-attr]
    assert find(demo_db, "nødnett", journey_id=journey_id, limit=500)
    assert find(demo_db, "nødnett", journey_id="no-such-journey") == []


@pytest.mark.parametrize("query", HOSTILE, ids=lambda q: repr(q[:20]))
def test_a_hostile_query_gives_hits_or_none_never_an_error(demo_db: Database, query: str) -> None:
    hits = find(demo_db, query)
    assert isinstance(hits, list)


def test_search_syntax_typed_by_a_user_is_plain_words() -> None:
    assert fts_query("a OR b") == '"a" "OR" "b"*'
    assert fts_query('col:val "NEAR(x y)"') == '"col:val" "NEAR(x y)"'
    assert fts_query('si "hei') == '"si" "\\"hei"*'.replace('\\"', '""')
    assert fts_query("( ) * -") == ""
    assert len(terms_of(" ".join(["ord"] * 3000))) == 32


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_text_at_all_is_a_valid_query(demo_db: Database, query: str) -> None:
    connection = connect(demo_db)
    try:
        search(connection, query)
    finally:
        connection.close()


def test_the_catalogue_filter_finds_services_by_their_text_and_their_remarks(
    demo_db: Database,
) -> None:
    with demo_db.session() as session:
        lifex = session.exec(select(Service).where(Service.name == "Lifex mobil")).one()
    connection = connect(demo_db)
    try:
        assert lifex.id in matching_service_ids(connection, "lifex")
        assert matching_service_ids(connection, "((") == set()
    finally:
        connection.close()


# --- every write path keeps it current ------------------------------------------------------


def test_autosave_replaces_the_old_text_in_the_index(fresh_db: Database) -> None:
    meeting_id = a_meeting(fresh_db)
    records.save_note(fresh_db, meeting_id, "A1", "Kari", "første utkast")
    records.save_note(fresh_db, meeting_id, "A1", "Kari", "andre versjon")

    assert find(fresh_db, "utkast") == []
    assert [hit.question_key for hit in find(fresh_db, "versjon")] == ["A1"]


def test_a_tombstoned_record_leaves_the_index_and_returns_when_restored(
    fresh_db: Database,
) -> None:
    meeting_id = a_meeting(fresh_db)
    followup_id = add_followup(fresh_db, meeting_id, "Sende dekningskart", "Lise")
    assert [hit.id for hit in find(fresh_db, "dekningskart")] == [followup_id]
    with fresh_db.transaction() as session:
        followup = session.get(FollowUp, followup_id)
        assert followup is not None
        records.delete(fresh_db, session, followup)
    assert find(fresh_db, "dekningskart") == []
    with fresh_db.transaction() as session:
        followup = session.get(FollowUp, followup_id)
        assert followup is not None
        records.update(fresh_db, session, followup, deleted=False)
    assert [hit.id for hit in find(fresh_db, "dekningskart")] == [followup_id]


def test_notes_of_a_deleted_meeting_are_not_found(fresh_db: Database) -> None:
    meeting_id = a_meeting(fresh_db)
    records.save_note(fresh_db, meeting_id, "A1", "Kari", "hemmelig plan")
    with fresh_db.transaction() as session:
        records.delete(fresh_db, session, session.get(Meeting, meeting_id))  # type: ignore[arg-type]
    assert find(fresh_db, "hemmelig") == []


def test_a_renamed_person_is_found_by_the_new_name_as_participant(demo_db: Database) -> None:
    with demo_db.transaction() as session:
        person = session.exec(select(Person).where(Person.name == "Hilde Strand")).one()
        records.update(demo_db, session, person, name="Hilde Zulu")
    assert find(demo_db, "strand", kinds=("participant",)) == []
    assert {hit.kind for hit in find(demo_db, "zulu")} == {"participant"}


def test_a_note_imported_from_an_archive_is_found(fresh_db: Database, tmp_path: Path) -> None:
    other = open_database(tmp_path / "other.sqlite")
    try:
        meeting_id = a_meeting(other)
        records.save_note(other, meeting_id, "A1", "Ola", "Arkivert kvasiord")
        archive = write_archive(other, tmp_path / "arkiv.json")
    finally:
        other.close()

    import_archive(fresh_db, archive)

    assert [hit.author for hit in find(fresh_db, "kvasiord")] == ["Ola"]


def test_a_note_edited_in_a_second_import_is_found_by_its_new_text(
    fresh_db: Database, tmp_path: Path
) -> None:
    other = open_database(tmp_path / "other.sqlite")
    try:
        meeting_id = a_meeting(other)
        records.save_note(other, meeting_id, "A1", "Ola", "gammel tekst")
        import_archive(fresh_db, write_archive(other, tmp_path / "en.json"))
        records.save_note(other, meeting_id, "A1", "Ola", "ny formulering")
        import_archive(fresh_db, write_archive(other, tmp_path / "to.json"))
    finally:
        other.close()
    assert find(fresh_db, "gammel") == []
    assert len(find(fresh_db, "formulering")) == 1


def test_a_note_that_arrives_by_merge_is_found(fresh_db: Database, tmp_path: Path) -> None:
    meeting_id = a_meeting(fresh_db)
    records.save_note(fresh_db, meeting_id, "A1", "Kari", "min egen tekst")
    handover = tmp_path / "handover.sqlite"
    write_snapshot(fresh_db, handover)
    laptop = open_database(handover)
    try:
        records.save_note(laptop, meeting_id, "A1", "Ola", "Olas nøkkelord")
        records.save_note(laptop, meeting_id, "A1", "Kari", "min endrede tekst")
    finally:
        laptop.close()

    merge_files(fresh_db, [handover])

    assert [hit.author for hit in find(fresh_db, "nøkkelord")] == ["Ola"]
    assert find(fresh_db, "egen") == []
    assert [hit.author for hit in find(fresh_db, "endrede")] == ["Kari"]
    assert verify(fresh_db.path) == []


def test_a_row_replaced_with_insert_or_replace_leaves_no_stale_entry(fresh_db: Database) -> None:
    """REPLACE fires no delete trigger (recursive_triggers is off); the insert trigger cleans up."""
    meeting_id = a_meeting(fresh_db)
    note = records.save_note(fresh_db, meeting_id, "A1", "Kari", "før erstatning")
    connection = sqlite3.connect(fresh_db.path)
    columns = [row[1] for row in connection.execute("PRAGMA table_info(note)")]
    row = dict(zip(columns, connection.execute("SELECT * FROM note").fetchone(), strict=True))
    row["text"] = "etter erstatning"
    marks = ", ".join("?" * len(columns))
    connection.execute(f"INSERT OR REPLACE INTO note VALUES ({marks})", [row[c] for c in columns])
    connection.commit()
    connection.close()

    assert find(fresh_db, "før") == []
    assert [hit.id for hit in find(fresh_db, "etter")] == [note.id]
    assert verify(fresh_db.path) == []


# --- verifying and rebuilding ---------------------------------------------------------------


@pytest.fixture
def damaged_index(demo_db: Database) -> Iterator[Database]:
    """The demo with the index out of step: a document removed behind the triggers' back."""
    connection = sqlite3.connect(demo_db.path)
    connection.execute("DROP TRIGGER search_doc_ad")
    connection.execute("DELETE FROM search_doc WHERE id = (SELECT min(id) FROM search_doc)")
    connection.commit()
    connection.close()
    yield demo_db


def test_a_current_index_passes_verification(demo_db: Database) -> None:
    assert verify(demo_db.path) == []


def test_verification_finds_a_damaged_index_and_rebuild_repairs_it(
    damaged_index: Database,
) -> None:
    found = verify(damaged_index.path)
    assert any("search_doc_ad" in line for line in found)

    count = rebuild(damaged_index.path)

    assert count > 300
    assert verify(damaged_index.path) == []
    assert find(damaged_index, "nødnett")


def test_verification_finds_entries_that_differ_from_the_records(demo_db: Database) -> None:
    connection = sqlite3.connect(demo_db.path)
    connection.execute("DROP TRIGGER search_note_au")
    connection.execute("UPDATE note SET text = 'endret uten indeks' WHERE rowid = 1")
    connection.execute(
        "CREATE TRIGGER search_note_au AFTER UPDATE ON note BEGIN SELECT 1; END"
    )  # present by name, so only the comparison with the records can tell
    connection.commit()
    connection.close()

    (line,) = verify(demo_db.path)
    assert "utdatert" in line


def test_verification_finds_fts_damage(demo_db: Database) -> None:
    connection = sqlite3.connect(demo_db.path)
    connection.execute("DELETE FROM search_fts_data WHERE id > 10")
    connection.commit()
    connection.close()
    assert any("skadet" in line for line in verify(demo_db.path))
    rebuild(demo_db.path)
    assert verify(demo_db.path) == []


def test_migrating_an_older_file_builds_the_index_from_its_records(tmp_path: Path) -> None:
    from tests.conftest import DATA

    old = tmp_path / "old.sqlite"
    old.write_bytes((DATA / "schema-v1.sqlite").read_bytes())
    connection = sqlite3.connect(old)
    notes = connection.execute("SELECT count(*) FROM note WHERE deleted = 0 AND text != ''")
    (count,) = notes.fetchone()
    word = connection.execute("SELECT text FROM note WHERE text != ''").fetchone()[0].split()[0]
    connection.close()

    db = open_database(old)
    try:
        assert db.backup_path is not None and db.backup_path.exists()
        assert find(db, word)
        connection = connect(db)
        indexed = connection.execute("SELECT count(*) FROM search_doc WHERE kind = 'note'")
        assert indexed.fetchone()[0] == count
        connection.close()
    finally:
        db.close()
    assert verify(old) == []


def test_a_source_whose_table_a_later_version_adds_is_skipped_until_then(
    fresh_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from models import search_index

    later = search_index.Source("later", "later_record", body="r.text", watched=("text",))
    monkeypatch.setattr(search_index, "SOURCES", (*search_index.SOURCES, later))
    connection = sqlite3.connect(fresh_db.path, isolation_level=None)
    search_index.install(connection)  # no table «later_record» yet: no triggers on it, no error
    assert verify(fresh_db.path) == []
    connection.execute(
        "CREATE TABLE later_record (id TEXT PRIMARY KEY, deleted BOOLEAN NOT NULL, text TEXT NOT NULL)"
    )
    connection.execute("INSERT INTO later_record VALUES ('r1', 0, 'Referatets nøkkelsetning')")
    assert any("search_later_ai" in line for line in verify(fresh_db.path))
    search_index.install(connection)  # what `migrate` does after the version adding the table
    connection.close()
    assert [hit.kind for hit in find(fresh_db, "nøkkelsetning")] == ["later"]
    assert verify(fresh_db.path) == []


def test_notes_return_with_their_restored_meeting(fresh_db: Database) -> None:
    meeting_id = a_meeting(fresh_db)
    records.save_note(fresh_db, meeting_id, "A1", "Kari", "gjenfunnet tekst")
    with fresh_db.transaction() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        records.delete(fresh_db, session, meeting)
    assert find(fresh_db, "gjenfunnet") == []
    with fresh_db.transaction() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        records.update(fresh_db, session, meeting, deleted=False)
    assert [hit.kind for hit in find(fresh_db, "gjenfunnet")] == ["note"]


def test_with_more_matches_than_the_window_the_newest_are_ranked(
    fresh_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    import models.search

    meeting_id = a_meeting(fresh_db)
    for number in range(5):
        records.save_note(fresh_db, meeting_id, f"Q{number}", "Kari", f"felles ord nummer {number}")
    monkeypatch.setattr(models.search, "RANK_WINDOW", 3)
    assert {hit.question_key for hit in find(fresh_db, "felles")} == {"Q2", "Q3", "Q4"}
    records.save_note(fresh_db, meeting_id, "Q0", "Kari", "felles ord, nå redigert")
    assert "Q0" in {hit.question_key for hit in find(fresh_db, "felles")}


def test_a_transcript_cue_is_found_by_its_words_and_speaker(fresh_db: Database) -> None:
    from models.transcript import Cue
    from models.transcripts import store_cues

    meeting_id = a_meeting(fresh_db)
    store_cues(fresh_db, meeting_id, [Cue(0, 4000, "Lise Aune", "Dekningen i Grenlandstunnelen")])

    (hit,) = find(fresh_db, "grenlandstunnelen")
    assert (hit.kind, hit.meeting_id) == ("transcript", meeting_id)
    assert find(fresh_db, "aune", kinds=("transcript",))


def test_a_referat_text_and_a_journey_finding_are_found(fresh_db: Database) -> None:
    from models.findings import TOPICS
    from models.minutes import save_finding, save_referat

    meeting_id = a_meeting(fresh_db)
    save_referat(fresh_db, meeting_id, "B1", "Referatet nevner Kvernhusappen.")
    with fresh_db.session() as session:
        journey_id = session.get(Meeting, meeting_id).journey_id  # type: ignore[union-attr]
    save_finding(fresh_db, journey_id, TOPICS[0], "Hovedfunn om Kvernhusappen i alle regioner.")

    hits = find(fresh_db, "kvernhusappen")
    assert {(hit.kind, hit.question_key) for hit in hits} == {
        ("referat", "B1"),
        ("finding", TOPICS[0]),
    }
