"""Benchmark syncing laptops through a PostgreSQL hub against a plain COPY of the same rows.

Laptop A holds 20,000 records (bench/merge.py's laptop: a journey, 20 meetings, services and
notes). It syncs with an empty hub (first sync, pushing everything); a new laptop B syncs with
that hub (first sync, pulling everything); then both sync again with nothing new (no-op, target
< 0.3 s); then A edits 1 % of its notes and both sync again (incremental). In the same run, a
plain `COPY` of the same rows into the same tables of another empty hub database is the
baseline. The server is a throwaway one (tests/hub/server.py) on a unix socket.

Run: python bench/sync.py [--records N] [--rounds R]
"""

from __future__ import annotations

import argparse
import importlib.util
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlmodel import select  # noqa: E402

from models import records  # noqa: E402
from models.hub.connection import connect  # noqa: E402
from models.hub.schema import SEQ, init_hub  # noqa: E402
from models.hub.sync import sync_hub  # noqa: E402
from models.hub.tracking import columns_of, synced_names  # noqa: E402
from models.storage import open_database  # noqa: E402
from models.tables import Note  # noqa: E402
from tests.hub.server import remove, start_server, why_not  # noqa: E402


def _bench_merge() -> Any:
    spec = importlib.util.spec_from_file_location("bench_merge", ROOT / "bench" / "merge.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def new_hub(server: Any, name: str) -> str:
    url = server.create_database(name)
    connection = connect(url)
    try:
        init_hub(connection, url)
    finally:
        connection.close()
    return url


def plain_copy(url: str, laptop: Path) -> tuple[float, int]:
    """COPY every synced row of the laptop into the hub's tables, one transaction, no merge."""
    source = sqlite3.connect(laptop)
    connection = connect(url)
    try:
        start = time.perf_counter()
        count = 0
        with connection.transaction(), connection.cursor() as cursor:
            for table in synced_names():
                columns = columns_of(table)
                quoted = ", ".join(f'"{name}"' for name in columns)
                rows = source.execute(f'SELECT {quoted} FROM "{table}"').fetchall()
                with cursor.copy(f'COPY "{table}" ({quoted}, {SEQ}) FROM STDIN') as copy:
                    for row in rows:
                        copy.write_row((*row, 1))
                count += len(rows)
        return time.perf_counter() - start, count
    finally:
        connection.close()
        source.close()


def timed(db: Any, url: str) -> tuple[float, Any]:
    start = time.perf_counter()
    summary = sync_hub(db, url)
    return time.perf_counter() - start, summary


def edit_notes(db: Any, share: float) -> int:
    with db.transaction() as session:
        notes = session.exec(select(Note).limit(int(20_000 * share))).all()
        for note in notes:
            records.update(db, session, note, text=note.text + " (endret)")
    return len(notes)


def one_round(server: Any, folder: Path, laptop: Path, round_: int) -> dict[str, float]:
    import shutil

    result: dict[str, float] = {}
    baseline_url = new_hub(server, f"baseline_{round_}")
    result["baseline"], result["rows"] = plain_copy(baseline_url, laptop)
    url = new_hub(server, f"hub_{round_}")
    a_path, b_path = folder / f"a{round_}.sqlite", folder / f"b{round_}.sqlite"
    shutil.copy(laptop, a_path)
    a, b = open_database(a_path), open_database(b_path)
    try:
        result["push_all"], first = timed(a, url)
        result["pushed"] = first.pushed
        result["pull_all"], pulled = timed(b, url)
        result["pulled"] = pulled.pulled
        result["noop_a"], again_a = timed(a, url)
        result["noop_b"], again_b = timed(b, url)
        moved = again_a.pulled + again_a.pushed + again_b.pulled + again_b.pushed
        assert moved == 0, f"a no-op sync moved {moved} rows"
        result["edited"] = edit_notes(a, 0.01)
        result["incremental_push"], _ = timed(a, url)
        result["incremental_pull"], _ = timed(b, url)
    finally:
        a.close()
        b.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()
    reason = why_not()
    if reason:
        sys.exit(f"bench/sync.py: {reason}")
    merge_bench = _bench_merge()
    server = start_server()
    try:
        with tempfile.TemporaryDirectory(prefix="innsikt-bench-sync-") as name:
            folder = Path(name)
            laptop = folder / "laptop.sqlite"
            shared = merge_bench.shared_records(arguments.records // 10)
            merge_bench.build_laptop(laptop, "A", str(uuid.uuid4()), shared, arguments.records)
            results = [one_round(server, folder, laptop, n) for n in range(arguments.rounds)]
    finally:
        remove(server)

    def median(key: str) -> float:
        return statistics.median(result[key] for result in results)

    baseline = median("baseline")
    print(f"records: {int(results[0]['rows']):,}; median of {arguments.rounds} rounds")
    print(f"plain COPY of the rows:      {baseline:6.3f} s  (baseline, same run)")
    for label, key, target in (
        ("first sync, pushing all", "push_all", "< 5 s"),
        ("first sync, pulling all", "pull_all", "< 5 s"),
        ("no-op sync (A)", "noop_a", "< 0.3 s"),
        ("no-op sync (B)", "noop_b", "< 0.3 s"),
        (f"push {int(results[0]['edited'])} edited notes", "incremental_push", ""),
        ("pull them on B", "incremental_pull", ""),
    ):
        value = median(key)
        print(f"{label + ':':28} {value:6.3f} s  {value / baseline:5.1f}x COPY  {target}")


if __name__ == "__main__":
    main()
