"""One author's note edited on two laptops at once: merged word by word, or a conflict if the
edits overlap; the same in every merge order."""

from __future__ import annotations

import itertools
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import select

from models import records
from models.storage import Database, open_database
from models.sync.conflicts import list_conflicts, resolve_conflict
from models.sync.merge import merge_files
from models.sync.snapshot import write_snapshot
from models.sync.text_merge import merge_three
from models.tables import Journey, Meeting
from tests.merge.laptops import Wall, content
from tests.templates import copy_empty

START = (
    "Kari sa at tjenesten var treg om morgenen. Ola var enig i det. Begge ville ha mer opplæring."
)


class Laptops:
    """Laptop A writes a note; B and C start from a snapshot of it; each has its own clock."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0
        self.a = self.open("a", 0)
        with self.a.transaction() as session:
            journey = records.create(self.a, session, Journey, name="Reise")
            self.meeting = records.create(
                self.a, session, Meeting, journey_id=journey.id, title="Møte"
            ).id
        self.b = self.open("b", -60_000)
        self.c = self.open("c", 30_000)

    def open(self, name: str, skew_ms: int) -> Database:
        db = open_database(copy_empty(self.folder / f"{name}.sqlite"))
        db.clock.wall = Wall(1_780_000_000_000 + skew_ms)
        return db

    def tick(self, *dbs: Database, ms: int = 1_000) -> None:
        for db in dbs:
            db.clock.wall.now_ms += ms  # type: ignore[attr-defined]

    def write(self, db: Database, text: str, question: str = "q1") -> None:
        self.tick(db)
        records.save_note(db, self.meeting, question, "Kari", text)

    def snapshot(self, db: Database) -> Path:
        self.count += 1
        return write_snapshot(db, self.folder / f"snap{self.count}.sqlite")

    def send(self, source: Database, *targets: Database) -> None:
        snapshot = self.snapshot(source)
        for target in targets:
            merge_files(target, [snapshot])

    def copy(self, db: Database, name: str) -> Database:
        target = self.folder / f"{name}.sqlite"
        shutil.copy(self.snapshot(db), target)
        return open_database(target)

    def close(self) -> None:
        for db in (self.a, self.b, self.c):
            db.close()


@pytest.fixture
def laptops(tmp_path: Path) -> Iterator[Laptops]:
    result = Laptops(tmp_path)
    yield result
    result.close()


def note_text(db: Database, question: str = "q1") -> str:
    connection = sqlite3.connect(db.path)
    try:
        row = connection.execute(
            "SELECT text FROM note WHERE question_key = ? AND author = 'Kari'", (question,)
        ).fetchone()
    finally:
        connection.close()
    return str(row[0])


def open_conflicts(db: Database) -> list[tuple[str, str]]:
    with db.session() as session:
        return [(view.mine.value, view.theirs.value) for view in list_conflicts(session)]


def test_edits_of_different_sentences_on_two_laptops_are_both_kept_without_a_conflict(
    laptops: Laptops,
) -> None:
    a, b = laptops.a, laptops.b
    # Typed over several autosaves on A, then passed to B.
    for end in (20, 45, len(START)):
        laptops.write(a, START[:end])
    laptops.send(a, b)
    # Both go on editing (A in two more autosaves) without seeing each other.
    laptops.write(a, START.replace("treg", "svært treg"))
    laptops.write(a, START.replace("treg", "svært treg").replace("Begge", "Alle"))
    laptops.write(b, START.replace("var enig i det", "var helt enig i det"))
    expected = "Kari sa at tjenesten var svært treg om morgenen. Ola var helt enig i det. Alle ville ha mer opplæring."

    ab, ba = laptops.copy(a, "ab"), laptops.copy(b, "ba")
    merge_files(ab, [laptops.snapshot(b)])
    summary = merge_files(ba, [laptops.snapshot(a)])

    assert note_text(ab) == note_text(ba) == expected
    assert open_conflicts(ab) == open_conflicts(ba) == []
    assert summary.open_conflicts == 0
    assert content(ab.path) == content(ba.path)
    ab.close()
    ba.close()


def test_overlapping_edits_stay_a_conflict_that_keeps_both_texts(laptops: Laptops) -> None:
    a, b = laptops.a, laptops.b
    laptops.write(a, START)
    laptops.send(a, b)
    laptops.write(a, START.replace("treg", "rask"))
    laptops.write(b, START.replace("treg", "ustabil"))

    merge_files(a, [laptops.snapshot(b)])

    texts = {note_text(a), *[side for pair in open_conflicts(a) for side in pair]}
    assert texts == {START.replace("treg", "rask"), START.replace("treg", "ustabil")}
    assert len(open_conflicts(a)) == 1


def test_three_laptops_editing_at_once_merge_alike_in_every_order(laptops: Laptops) -> None:
    a, b, c = laptops.a, laptops.b, laptops.c
    laptops.write(a, START)
    laptops.send(a, b, c)
    laptops.write(a, START.replace("Kari sa", "Kari fortalte"))
    laptops.write(b, START.replace("Ola var enig", "Ola var uenig"))
    laptops.write(c, START.replace("mer opplæring", "mer opplæring og bedre utstyr"))
    expected = (
        "Kari fortalte at tjenesten var treg om morgenen. Ola var uenig i det. "
        "Begge ville ha mer opplæring og bedre utstyr."
    )
    results = []
    for order in itertools.permutations((a, b, c)):
        name = "".join(str(order.index(db)) for db in (a, b, c))
        target = laptops.copy(order[0], f"order{name}")
        for other in order[1:]:
            merge_files(target, [laptops.snapshot(other)])
        results.append(target)
    # (A + B) + C through a snapshot of a merge, and all three in one command.
    grouped = laptops.copy(a, "grouped")
    merge_files(grouped, [laptops.snapshot(b)])
    c_ab = laptops.copy(c, "c_ab")
    merge_files(c_ab, [laptops.snapshot(grouped)])
    together = laptops.copy(b, "together")
    merge_files(together, [laptops.snapshot(c), laptops.snapshot(a)])
    results += [grouped, c_ab, together]

    assert note_text(results[0]) == expected
    for result in results[1:-3] + results[-2:]:
        assert content(result.path) == content(results[0].path)
    assert note_text(grouped) == START.replace("Kari sa", "Kari fortalte").replace(
        "Ola var enig", "Ola var uenig"
    )
    for result in results:
        assert open_conflicts(result) == []
        result.close()


def test_editing_the_merged_note_replaces_it_everywhere_and_leaves_no_conflict(
    laptops: Laptops,
) -> None:
    a, b = laptops.a, laptops.b
    laptops.write(a, START)
    laptops.send(a, b)
    laptops.write(a, START.replace("treg", "svært treg"))
    laptops.write(b, START.replace("Begge", "Alle"))
    laptops.send(b, a)
    merged = note_text(a)
    assert "svært treg" in merged and "Alle" in merged

    laptops.write(a, merged + " Neste møte i mai.")
    assert open_conflicts(a) == []
    laptops.send(a, b)

    assert note_text(b) == merged + " Neste møte i mai."
    assert open_conflicts(b) == []
    connection = sqlite3.connect(b.path)
    try:
        kept = connection.execute("SELECT count(*) FROM conflict WHERE field = 'text'").fetchone()
    finally:
        connection.close()
    assert kept == (0,)  # the edit had seen both texts: they are settled on B too


def test_edits_after_a_merged_note_on_both_laptops_merge_against_the_merged_text(
    laptops: Laptops,
) -> None:
    a, b = laptops.a, laptops.b
    laptops.write(a, START)
    laptops.send(a, b)
    laptops.write(a, START.replace("treg", "svært treg"))
    laptops.write(b, START.replace("Begge", "Alle"))
    laptops.send(b, a)
    laptops.send(a, b)
    merged = note_text(a)
    assert note_text(b) == merged

    laptops.write(a, merged.replace("Kari sa", "Kari fortalte"))
    laptops.write(b, merged.replace("mer opplæring", "mer tid"))
    laptops.send(b, a)

    assert note_text(a) == merged.replace("Kari sa", "Kari fortalte").replace(
        "mer opplæring", "mer tid"
    )
    assert open_conflicts(a) == []


def test_a_conflict_on_a_note_resolved_by_hand_is_resolved_on_the_other_laptop_too(
    laptops: Laptops,
) -> None:
    a, b = laptops.a, laptops.b
    laptops.write(a, START)
    laptops.send(a, b)
    laptops.write(a, START.replace("treg", "rask"))
    laptops.write(b, START.replace("treg", "ustabil"))
    laptops.send(b, a)
    with a.session() as session:
        (view,) = list_conflicts(session)
    resolve_conflict(a, view.id, START.replace("treg", "rask, men ustabil"))
    laptops.send(a, b)

    assert note_text(b) == START.replace("treg", "rask, men ustabil")
    assert open_conflicts(b) == []


def test_notes_edited_before_the_text_merge_still_conflict_as_before(laptops: Laptops) -> None:
    a, b = laptops.a, laptops.b
    laptops.write(a, START)
    laptops.send(a, b)
    laptops.write(a, START.replace("treg", "svært treg"))
    laptops.write(b, START.replace("Begge", "Alle"))
    for db in (a, b):  # edited by a schema 8 app: the text they started from is not known
        connection = sqlite3.connect(db.path)
        connection.execute("UPDATE note SET text_base = ''")
        connection.commit()
        connection.close()
    laptops.send(b, a)

    assert len(open_conflicts(a)) == 1


@pytest.mark.parametrize(
    ("base", "ours", "theirs", "merged"),
    [
        ("a b c d", "a x c d", "a b c y", "a x c y"),  # different words
        ("a b c d", "a b c d", "a b c d e", "a b c d e"),  # one side unchanged
        ("a b c", "x a b c", "a b c y", "x a b c y"),  # insertions at both ends
        ("a b c d", "a c d", "a b c  d", "a c  d"),  # a deletion, and spacing changed elsewhere
        ("a b\nc d", "A b\nc d", "a b\nc D", "A b\nc D"),  # line breaks kept as typed
        ("a b c", "a x c", "a x c", "a x c"),  # the same edit on both
    ],
)
def test_merge_three_keeps_both_edits_of_different_words(
    base: str, ours: str, theirs: str, merged: str
) -> None:
    assert merge_three(base, ours, theirs) == merged
    assert merge_three(base, theirs, ours) == merged


def test_merge_three_gives_none_for_edits_of_the_same_word() -> None:
    assert merge_three("a b c", "a x c", "a y c") is None
    assert merge_three("a b c", "a b x c", "a b y c") is None  # two insertions at one place


def test_merged_note_shows_in_the_database_as_one_write_with_its_two_texts_kept(
    laptops: Laptops,
) -> None:
    a, b = laptops.a, laptops.b
    laptops.write(a, START)
    laptops.send(a, b)
    laptops.write(a, START.replace("treg", "svært treg"))
    laptops.write(b, START.replace("Begge", "Alle"))
    laptops.send(b, a)
    with a.session() as session:
        from models.tables import Conflict

        kept = {row.value for row in session.exec(select(Conflict)).all() if row.field == "text"}
    assert len(kept) == 2  # both written texts stay, hidden, for later merges


def test_an_erasure_scrubs_the_texts_notes_were_edited_from_too(laptops: Laptops) -> None:
    from models.erase import erase_person
    from models.tables import Person

    a, b = laptops.a, laptops.b
    with a.transaction() as session:
        person = records.create(a, session, Person, name="Kari Nordmann").id
    laptops.write(a, "Kari Nordmann sa at tjenesten var treg. Ola var enig.")
    laptops.send(a, b)
    laptops.write(a, "Kari Nordmann sa at tjenesten var svært treg. Ola var enig.")
    laptops.write(b, "Kari Nordmann sa at tjenesten var treg. Ola var helt enig.")
    laptops.send(b, a)
    assert "svært" in note_text(a) and "helt" in note_text(a)

    erase_person(a, person, apply=True)
    laptops.send(a, b)

    for db in (a, b):
        connection = sqlite3.connect(db.path)
        try:
            stored = connection.execute(
                "SELECT text || text_base FROM note UNION ALL "
                "SELECT value || value_base FROM conflict WHERE table_name = 'note'"
            ).fetchall()
        finally:
            connection.close()
        assert stored and not [text for (text,) in stored if "Nordmann" in text]


def test_settle_keeps_a_derived_text_whose_siblings_are_missing() -> None:
    from models.sync.state import Value
    from models.sync.text_merge import DERIVED, settle

    derived = Value(("001", DERIVED + "x"), "merged")
    assert settle([derived]) == [derived]
