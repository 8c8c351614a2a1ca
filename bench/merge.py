"""Benchmark merging two laptops' databases against a plain INSERT OR REPLACE copy of the rows.

Laptop A and laptop B hold 20,000 records each (a journey, 20 meetings, ~1,000 services, notes).
They share the journey, the meetings and 2,000 notes (10 %), which both edited concurrently, so
every shared note becomes a conflict; the other 18,000 records of B are new to A. Prints the time
to merge B's snapshot into A (target < 2 s), to merge it again (target < 0.5 s), and a plain
`INSERT OR REPLACE INTO main.t SELECT * FROM other.t` copy of the same rows in the same run, which
neither matches natural keys nor keeps a losing value.

It also times the likely-duplicates scan `innsikt merge` runs afterwards (only the services,
organisations and people the merge added or renamed, blocked on name words) against the full
scan of every pair that `innsikt duplicates` runs, on the merged database of the same run.

Run: python bench/merge.py [--records N] [--rounds R] [--no-full-scan]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from models.identity import derived_id
from models.storage import open_database
from models.sync.duplicates import likely_duplicates
from models.sync.merge import merge_files
from models.tables import SYNCED_TABLES, Service

BASE_DEVICE = "00000000-0000-4000-8000-00000000000b"
STAMP_BASE = 1_780_000_000_000
SERVICE_DEFAULTS = {
    name: ("[]" if name in ("regions", "user_groups", "equipment", "connectivity") else "")
    for name in Service.content_fields
    if name != "owner_id"
}
TEXT = "Ambulansene bruker nettbrett med LifeX og hodekamera i bil. " * 8


def stamp(ms: int, logical: int = 0) -> str:
    return f"{ms:015d}.{logical:06d}"


def bookkeeping(fields: tuple[str, ...], at: str, device: str) -> dict[str, Any]:
    return {
        "created_at": "2026-11-23T10:00:00.000000Z",
        "updated_at": "2026-11-23T10:00:00.000000Z",
        "hlc": at,
        "device_id": device,
        "clocks": json.dumps(dict.fromkeys(fields, at)),
        "field_devices": json.dumps(dict.fromkeys(fields, device)),
        "seen": json.dumps({device: at}),
        "deleted": 0,
    }


def insert(connection: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    names = list(rows[0])
    connection.executemany(
        f'INSERT INTO "{table}" ({", ".join(names)}) VALUES ({", ".join("?" * len(names))})',
        [tuple(row[name] for name in names) for row in rows],
    )


def note_row(meeting: str, question: str, text: str, at: str, device: str) -> dict:
    fields = ("meeting_id", "question_key", "author", "text")
    return {
        # The id of the note's key, as every note has (schema 10, `models.identity`).
        "id": derived_id("note", (meeting, question, "Kari Nordmann")),
        **bookkeeping(fields, at, device),
        "meeting_id": meeting,
        "question_key": question,
        "author": "Kari Nordmann",
        "text": text,
    }


def build_laptop(path: Path, label: str, device: str, shared: dict[str, Any], total: int) -> None:
    """A database with the shared records (edited here by `device`) and its own new ones."""
    open_database(path).close()
    connection = sqlite3.connect(path)
    base_at, edit_at = stamp(STAMP_BASE), stamp(STAMP_BASE + 60_000 + len(label))
    insert(connection, "journey", [shared["journey"]])
    insert(connection, "meeting", shared["meetings"])
    edited = []
    for meeting, question in shared["notes"]:
        row = note_row(meeting, question, TEXT, base_at, BASE_DEVICE)
        row.update(text=f"{TEXT} endret på {label}", hlc=edit_at, device_id=device)
        clocks = json.loads(row["clocks"]) | {"text": edit_at}
        devices = json.loads(row["field_devices"]) | {"text": device}
        row.update(clocks=json.dumps(clocks), field_devices=json.dumps(devices))
        row["seen"] = json.dumps({BASE_DEVICE: base_at, device: edit_at})
        edited.append(row)
    insert(connection, "note", edited)
    own = total - 1 - len(shared["meetings"]) - len(edited)
    services = own // 19
    service_fields = ("name", "status")
    insert(
        connection,
        "service",
        [
            {
                "id": str(uuid.uuid4()),
                **bookkeeping(service_fields, edit_at, device),
                **SERVICE_DEFAULTS,
                "name": f"Tjeneste {label}{index}",
                "status": "i drift",
            }
            for index in range(services)
        ],
    )
    meetings = [meeting["id"] for meeting in shared["meetings"]]
    insert(
        connection,
        "note",
        [
            note_row(
                meetings[index % len(meetings)],
                f"{label}{index}",
                TEXT,
                edit_at,
                device,
            )
            for index in range(own - services)
        ],
    )
    connection.commit()
    connection.close()


def shared_records(overlap: int) -> dict[str, Any]:
    at = stamp(STAMP_BASE)
    journey = {
        "id": str(uuid.uuid4()),
        **bookkeeping(("name", "description"), at, BASE_DEVICE),
        "name": "Reise",
        "description": "",
    }
    meetings = [
        {
            "id": str(uuid.uuid4()),
            **bookkeeping(("journey_id", "title"), at, BASE_DEVICE),
            "journey_id": journey["id"],
            "title": f"Møte {index}",
            "start_time": "",
            "end_time": "",
            "place": "",
            "teams": 0,
            "guide_key": "",
            "guide_version": 0,
        }
        for index in range(20)
    ]
    notes = [(meetings[index % 20]["id"], f"shared{index}") for index in range(overlap)]
    return {"journey": journey, "meetings": meetings, "notes": notes}


def plain_copy(target: Path, source: Path) -> float:
    """INSERT OR REPLACE every row of `source` into `target` in one transaction."""
    connection = sqlite3.connect(target, isolation_level=None)
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("ATTACH DATABASE ? AS other", (str(source),))
    start = time.perf_counter()
    connection.execute("BEGIN IMMEDIATE")
    for model in SYNCED_TABLES:
        table = model.__tablename__
        connection.execute(f'INSERT OR REPLACE INTO main."{table}" SELECT * FROM other."{table}"')
    connection.execute("COMMIT")
    elapsed = time.perf_counter() - start
    connection.close()
    return elapsed


def scans(db: Any, touched: dict[str, set[str]], full: bool) -> tuple[float, int, float, int]:
    """Seconds and pairs of the post-merge scan and (if `full`) of the scan of every pair."""
    with db.session() as session:
        start = time.perf_counter()
        after_merge = likely_duplicates(session, among=touched)
        blocked = time.perf_counter() - start
        start = time.perf_counter()
        everything = likely_duplicates(session) if full else []
        every_pair = time.perf_counter() - start
    return blocked, len(after_merge), every_pair, len(everything)


def one_round(
    folder: Path, laptop_a: Path, laptop_b: Path, full: bool
) -> tuple[float, float, float, int, tuple[float, int, float, int]]:
    target = folder / "a-merge.sqlite"
    baseline_target = folder / "a-copy.sqlite"
    for path in (target, baseline_target):
        for leftover in folder.glob(path.name + "*"):
            leftover.unlink()
        shutil.copy(laptop_a, path)
    baseline = plain_copy(baseline_target, laptop_b)
    db = open_database(target)
    try:
        start = time.perf_counter()
        summary = merge_files(db, [laptop_b])
        first = time.perf_counter() - start
        start = time.perf_counter()
        again = merge_files(db, [laptop_b])
        second = time.perf_counter() - start
        scanned = scans(db, summary.touched, full)
    finally:
        db.close()
    assert not again.changed()
    return first, second, baseline, summary.open_conflicts, scanned


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--no-full-scan", action="store_true", help="skip the all-pairs scan (minutes at 100k)"
    )
    arguments = parser.parse_args()
    overlap = arguments.records // 10
    with tempfile.TemporaryDirectory(prefix="innsikt-bench-") as name:
        folder = Path(name)
        shared = shared_records(overlap)
        laptop_a, laptop_b = folder / "a.sqlite", folder / "b.sqlite"
        build_laptop(laptop_a, "A", str(uuid.uuid4()), shared, arguments.records)
        build_laptop(laptop_b, "B", str(uuid.uuid4()), shared, arguments.records)
        results = [
            one_round(folder, laptop_a, laptop_b, full=not arguments.no_full_scan and not index)
            for index in range(arguments.rounds)
        ]
    first = statistics.median(result[0] for result in results)
    second = statistics.median(result[1] for result in results)
    baseline = statistics.median(result[2] for result in results)
    print(f"records per laptop: {arguments.records:,}; overlapping edits: {overlap:,} (10 %)")
    print(f"open conflicts after merging: {results[0][3]:,}")
    print(f"merge:            {first:6.3f} s  (target < 2 s)   median of {arguments.rounds}")
    print(f"merge again:      {second:6.3f} s  (target < 0.5 s)")
    print(f"INSERT OR REPLACE {baseline:6.3f} s  (plain copy of the same rows, same run)")
    print(
        f"merge / plain copy: {first / baseline:5.1f}x; merge again / plain copy: "
        f"{second / baseline:5.1f}x"
    )
    blocked = statistics.median(result[4][0] for result in results)
    _, found, every_pair, every_found = results[0][4]
    print(
        f"duplicates scan after merge: {blocked:6.3f} s  ({found:,} pairs; added or renamed only)"
        f" = {blocked / first:4.2f}x the merge"
    )
    if not arguments.no_full_scan:
        print(
            f"duplicates scan of all pairs: {every_pair:6.3f} s  ({every_found:,} pairs; "
            f"`innsikt duplicates`) = {every_pair / first:4.2f}x the merge; "
            f"after-merge scan / all pairs: {blocked / every_pair:5.3f}x"
        )


if __name__ == "__main__":
    main()
