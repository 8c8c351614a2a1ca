"""Benchmark full-text search over 50,000 notes against a LIKE scan, and what the index costs.

The database is the demo scaled through the JSON archive (as bench/export.py does) until it holds
about 50,000 notes. Then, in the same run:

- query: `models.search.search` (FTS5, bm25-ranked, top 20 with snippets) for a few queries a
  user types, median of N rounds, against a LIKE scan baseline — every note whose text holds
  each word (`text LIKE '%word%'` for all words), which is what finding them without the index
  takes (all matches, since ranking needs all of them); target < 20 ms median;
- size: the database file with and without the index (a copy, index dropped, both vacuumed);
- autosave: `models.records.save_note` with the index's triggers and without them (dropped in
  the same database), median of N saves each; target: well under 1 ms extra;
- command line: `innsikt search` as a process on the demo and on the demo ×60 (target: not
  noticeably slower);
- people: a participation written and a person renamed, with the index's triggers (which index
  a participant under the person it was joined into) with no join records and with `--joins`
  of them, and without the triggers, median of N writes each (`--people-only` runs just this).

Run: python bench/search.py [--notes 50000] [--rounds 30] [--saves 200] [--joins 200]
     [--people-only]
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from export import build_database  # bench/export.py: the demo scaled through the archive

from models import records, search_index
from models.search import search, terms_of
from models.storage import Database

QUERIES = ("nødnett", "robust mobilt helsenett", "ambulans", '"mobilt helsenett"', "kardiolog")
DEMO_NOTES = 166


def median_ms(function: object, rounds: int) -> float:
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()  # type: ignore[operator]
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def like_scan(connection: sqlite3.Connection, query: str) -> int:
    words = [term.text for term in terms_of(query)]
    condition = " AND ".join("text LIKE ?" for _ in words)
    sql = f"SELECT id, meeting_id, question_key, author, text FROM note WHERE deleted = 0 AND {condition}"
    return len(connection.execute(sql, [f"%{word}%" for word in words]).fetchall())


def bench_queries(db: Database, rounds: int) -> None:
    connection = sqlite3.connect(db.path)
    notes = connection.execute("SELECT count(*) FROM note").fetchone()[0]
    documents = connection.execute("SELECT count(*) FROM search_doc").fetchone()[0]
    print(f"database: {notes} notes, {documents} indexed records")
    print(f"{'query':28} {'fts5 ms':>8} {'like ms':>8} {'ratio':>6} {'hits':>5} {'like rows':>9}")
    medians = []
    for query in QUERIES:
        hits = len(search(connection, query, limit=20))
        fts = median_ms(lambda q=query: search(connection, q, limit=20), rounds)
        rows = like_scan(connection, query)
        like = median_ms(lambda q=query: like_scan(connection, q), rounds)
        medians.append(fts)
        print(f"{query:28} {fts:8.2f} {like:8.2f} {fts / like:6.3f} {hits:5} {rows:9}")
    print(f"median over queries: {statistics.median(medians):.2f} ms (target < 20 ms)")
    connection.close()


def bench_size(db: Database, folder: Path) -> None:
    with_index = folder / "with.sqlite"
    without = folder / "without.sqlite"
    source = sqlite3.connect(db.path)
    for target in (with_index, without):
        destination = sqlite3.connect(target)
        source.backup(destination)
        destination.close()
    source.close()
    connection = sqlite3.connect(without, isolation_level=None)
    search_index.drop(connection)
    connection.close()
    for path in (with_index, without):
        connection = sqlite3.connect(path, isolation_level=None)
        connection.execute("VACUUM")
        connection.close()
    big, small = with_index.stat().st_size, without.stat().st_size
    print(
        f"size: {big / 1e6:.1f} MB with the index, {small / 1e6:.1f} MB without; "
        f"index {(big - small) / 1e6:.1f} MB (+{(big - small) / small:.0%})"
    )


def bench_autosave(db: Database, saves: int) -> None:
    connection = sqlite3.connect(db.path)
    meeting_id, question_key, author = connection.execute(
        "SELECT meeting_id, question_key, author FROM note LIMIT 1"
    ).fetchone()
    connection.close()
    counter = iter(range(10**9))

    def save() -> None:
        text = f"Autosave {next(counter)}: Nødnett og ambulansen i distriktet " * 8
        records.save_note(db, meeting_id, question_key, author, text)

    def drop_triggers() -> None:
        connection = sqlite3.connect(db.path, isolation_level=None)
        for name, _ in search_index.trigger_statements():
            connection.execute(f"DROP TRIGGER IF EXISTS {name}")
        connection.close()

    def restore_triggers() -> None:
        connection = sqlite3.connect(db.path, isolation_level=None)
        connection.execute("BEGIN")
        search_index.install(connection)
        connection.execute("COMMIT")
        connection.close()

    # The trigger work alone, without the fsync that dominates (and blurs) a real save.
    raw = sqlite3.connect(db.path, isolation_level=None)
    raw.execute("PRAGMA synchronous = OFF")
    note_id = raw.execute(
        "SELECT id FROM note WHERE meeting_id = ? AND question_key = ? AND author = ?",
        (meeting_id, question_key, author),
    ).fetchone()[0]

    def update() -> None:
        text = f"Rå {next(counter)}: Nødnett og ambulansen i distriktet " * 8
        raw.execute("BEGIN")
        raw.execute("UPDATE note SET text = ? WHERE id = ?", (text, note_id))
        raw.execute("COMMIT")

    for _ in range(10):
        save()  # warm up: the session, the statement cache
        update()
    with_triggers, raw_with = median_ms(save, saves), median_ms(update, saves)
    drop_triggers()
    without, raw_without = median_ms(save, saves), median_ms(update, saves)
    restore_triggers()
    again, raw_again = median_ms(save, saves), median_ms(update, saves)
    raw.close()
    extra = (with_triggers + again) / 2 - without
    raw_extra = (raw_with + raw_again) / 2 - raw_without
    print(
        f"autosave (records.save_note, synchronous=FULL): {with_triggers:.2f} / {again:.2f} ms "
        f"with triggers, {without:.2f} ms without; extra {extra:.3f} ms per save"
    )
    print(
        f"the note's UPDATE alone (synchronous=OFF): {raw_with:.3f} / {raw_again:.3f} ms with "
        f"triggers, {raw_without:.3f} ms without; extra {raw_extra:.3f} ms per save"
    )


def _insert(connection: sqlite3.Connection, table: str, **values: object) -> None:
    """A row of `table` with `values`, its other required columns empty."""
    for _cid, name, kind, required, default, _pk in connection.execute(
        f'PRAGMA table_info("{table}")'
    ).fetchall():
        if required and default is None and name not in values:
            values[name] = {"JSON": "{}", "BOOLEAN": 0, "INTEGER": 0}.get(kind, "")
    columns = ", ".join(f'"{name}"' for name in values)
    marks = ", ".join("?" * len(values))
    connection.execute(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', list(values.values()))


def bench_people(db: Database, writes: int, joins: int) -> None:
    """The index's cost on writes of people and participations, per write (synchronous=OFF)."""
    raw = sqlite3.connect(db.path, isolation_level=None)
    raw.execute("PRAGMA synchronous = OFF")
    (meeting_id,) = raw.execute("SELECT id FROM meeting WHERE deleted = 0 LIMIT 1").fetchone()
    people = [row[0] for row in raw.execute("SELECT id FROM person WHERE deleted = 0")]
    participations = raw.execute("SELECT count(*) FROM participation").fetchone()[0]
    counter = iter(range(10**9))

    def participate() -> None:
        number = next(counter)
        raw.execute("BEGIN")
        _insert(
            raw,
            "participation",
            id=f"bench-{number}",
            meeting_id=meeting_id,
            person_id=people[number % len(people)],
            role=f"bench-{number}",
        )
        raw.execute("COMMIT")

    def rename() -> None:
        number = next(counter)
        raw.execute("BEGIN")
        raw.execute(
            "UPDATE person SET name = ? WHERE id = ?",
            (f"Navn {number}", people[number % len(people)]),
        )
        raw.execute("COMMIT")

    def measure() -> tuple[float, float]:
        for _ in range(5):
            participate()
            rename()
        return median_ms(participate, writes), median_ms(rename, writes)

    plain = measure()
    raw.execute("BEGIN")  # every other person joined into the next: a chain of one each
    for index in range(min(joins, len(people) - 1)):
        _insert(
            raw,
            "person_join",
            id=f"bench-join-{index}",
            person_id=people[index],
            into_id=people[index + 1],
        )
    raw.execute("COMMIT")
    joined = measure()
    for name, _ in search_index.trigger_statements():
        raw.execute(f"DROP TRIGGER IF EXISTS {name}")
    bare = measure()
    raw.execute("BEGIN")
    search_index.install(raw)
    raw.execute("COMMIT")
    raw.close()
    print(f"people: {len(people)} people, {participations} participations, {joins} joins")
    for label, at in (("participation written", 0), ("person renamed", 1)):
        print(
            f"{label}: {plain[at]:.3f} ms with triggers, {joined[at]:.3f} ms with {joins} joins, "
            f"{bare[at]:.3f} ms without; ratios {plain[at] / bare[at]:.2f}x and "
            f"{joined[at] / bare[at]:.2f}x"
        )


def bench_cli(folder: Path, rounds: int) -> None:
    demo, _ = build_database(folder / "cli-demo", 1)
    demo.close()
    big, _ = build_database(folder / "cli-60", 60)
    big.close()

    def run(path: Path) -> None:
        subprocess.run(
            [sys.executable, "-m", "tui.cli", "search", "robust mobilt", "--db", str(path)],
            check=True,
            capture_output=True,
        )

    small_ms = median_ms(lambda: run(demo.path), rounds)
    big_ms = median_ms(lambda: run(big.path), rounds)
    print(
        f"innsikt search (process): {small_ms:.0f} ms on the demo, {big_ms:.0f} ms on the "
        f"demo ×60; ratio {big_ms / small_ms:.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--joins", type=int, default=200)
    parser.add_argument("--people-only", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="innsikt-bench-search-") as name:
        folder = Path(name)
        copies = max(1, -(-args.notes // DEMO_NOTES))
        (folder / "big").mkdir()
        start = time.perf_counter()
        db, _ = build_database(folder / "big", copies)
        print(
            f"built the demo ×{copies} through the archive in {time.perf_counter() - start:.0f} s"
        )
        try:
            if args.people_only:
                bench_people(db, args.saves, args.joins)
                return
            bench_queries(db, args.rounds)
            bench_size(db, folder)
            bench_autosave(db, args.saves)
            bench_people(db, args.saves, args.joins)
        finally:
            db.close()
        for sub in ("cli-demo", "cli-60"):
            (folder / sub).mkdir()
        bench_cli(folder, max(5, args.rounds // 6))
        shutil.rmtree(folder / "big", ignore_errors=True)


if __name__ == "__main__":
    main()
