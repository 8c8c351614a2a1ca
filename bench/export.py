"""Benchmark the Word report of a large journey against raw python-docx writing the same content.

The journey is the demo scaled ×12 through the JSON archive: the demo is archived, every record
except the journey and the organisations is copied 12 times with new ids (references rewritten
consistently), and the result is imported into a fresh database. Then, in the same run:

- innsikt: `exports.report.write_report` — gathering from SQLite, building, rendering, saving;
- baseline: python-docx's plain API writing the same title, headings, paragraphs and tables of
  the same sizes (`add_heading`, `add_paragraph`, `add_table` and `cell.text` per cell), saved.

Prints both (best of N rounds) and the ratio innsikt / baseline (target ≤ 1.0).

Then memory and linearity: the report of the demo and of the demo ×61 (366 meetings), each
written by `innsikt export report` in a fresh process that prints its peak RSS (VmHWM), the
command's time and the report's (gathering, building, rendering, saving); the time per meeting
of the two says whether the report stays linear.

With `--against DIR` (another checkout, e.g. `git archive main | tar -x -C DIR`), each report
is also written by a fresh process running DIR's code, interleaved with ours, for a before/after.

Run: python bench/export.py [--copies 12] [--rounds 3] [--rss-copies 61] [--skip-rss]
     [--skip-ratio] [--against DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from exports.document import Document, Heading, Paragraph, Table
from exports.report import write_report
from exports.report_reads import report_document
from models.archive import import_archive, table_specs, write_archive
from models.demo import load_demo
from models.storage import Database, open_database

SHARED_TABLES = ("journey", "organisation")  # one journey, the same organisations, more of the rest
NAMESPACE = uuid.UUID("6f1d2c3b-8a7e-4b5c-9d0e-1f2a3b4c5d6e")


def scaled_archive(archive: dict[str, Any], copies: int) -> dict[str, Any]:
    """`archive` with every record outside SHARED_TABLES `copies` times, each copy new ids."""
    shared_ids = {row["id"] for table in SHARED_TABLES for row in archive["tables"][table]}
    references = {
        spec.name: [name for name, column in spec.columns.items() if column.target is not None]
        for spec in table_specs()
    }
    scaled: dict[str, list[dict[str, Any]]] = {}
    for table, rows in archive["tables"].items():
        if table in SHARED_TABLES:
            scaled[table] = rows
            continue
        scaled[table] = []
        for copy in range(copies):

            def new_id(old: str | None, copy: int = copy) -> str | None:
                if old is None or old in shared_ids:
                    return old
                return str(uuid.uuid5(NAMESPACE, f"{copy}/{old}"))

            for row in rows:
                row = dict(row, id=new_id(row["id"]))
                for column in references[table]:
                    row[column] = new_id(row[column])
                if table == "service" and copy:
                    row["name"] = f"{row['name']} ({copy + 1})"
                scaled[table].append(row)
    return {**archive, "tables": scaled}


def build_database(folder: Path, copies: int) -> tuple[Database, str]:
    """The demo ×`copies` in a fresh database, through the JSON archive; and the journey id."""
    demo = open_database(folder / "demo.sqlite")
    load_demo(demo)
    write_archive(demo, folder / "demo.json")
    demo.close()
    archive = json.loads((folder / "demo.json").read_text("utf-8"))
    scaled = scaled_archive(archive, copies)
    (folder / "scaled.json").write_text(json.dumps(scaled, ensure_ascii=False), "utf-8")
    db = open_database(folder / "scaled.sqlite")
    import_archive(db, folder / "scaled.json")
    return db, archive["tables"]["journey"][0]["id"]


def baseline(document: Document, path: Path) -> None:
    """Plain python-docx: the same texts, tables of the same sizes, cell by cell."""
    import docx

    word = docx.Document()
    word.add_heading(document.title, 0)
    for block in document.blocks:
        if isinstance(block, Heading):
            word.add_heading(block.text, min(max(block.level, 1), 3))
        elif isinstance(block, Paragraph):
            word.add_paragraph(block.lead + block.text)
        elif isinstance(block, Table):
            rows = ([block.header] if block.header else []) + list(block.rows)
            table = word.add_table(rows=len(rows), cols=block.columns)
            table.style = "Light Grid Accent 1"
            for row, values in zip(table.rows, rows, strict=True):
                for cell, value in zip(row.cells, values, strict=True):
                    cell.text = value
    word.save(str(path))


def best_of(rounds: int, action: Any) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--rss-copies", type=int, default=61)
    parser.add_argument("--skip-rss", action="store_true")
    parser.add_argument("--skip-ratio", action="store_true")
    parser.add_argument("--against", type=Path, help="another checkout, measured beside this one")
    options = parser.parse_args()
    if not options.skip_ratio:
        ratio(options)
    if not options.skip_rss:
        memory(options.rss_copies, options.against)


def ratio(options: argparse.Namespace) -> None:
    """innsikt's report against raw python-docx writing the same content, in this process."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        db, journey_id = build_database(folder, options.copies)
        document = report_document(db, journey_id)
        tables = [block for block in document.blocks if isinstance(block, Table)]
        cells = sum(len(t.rows) * t.columns + len(t.header) for t in tables)
        paragraphs = len(document.blocks) - len(tables)
        ours = best_of(options.rounds, lambda: write_report(db, journey_id, folder / "ours.docx"))
        theirs = best_of(options.rounds, lambda: baseline(document, folder / "baseline.docx"))
        from models.read import meeting_rows, reading, service_rows

        with reading(db.path) as connection:
            meetings, services = len(meeting_rows(connection)), len(service_rows(connection))
        db.close()
    print(f"demo ×{options.copies}: {meetings} meetings, {services} services")
    print(f"report: {paragraphs} headings/paragraphs, {len(tables)} tables, {cells} cells")
    print(f"innsikt write_report (query + build + render + save): {ours * 1000:8.0f} ms")
    print(f"raw python-docx, same texts and table sizes:          {theirs * 1000:8.0f} ms")
    print(f"ratio innsikt / python-docx: {ours / theirs:.2f} (target ≤ 1.0)")


PROBE = r"""
import json, sys, time
started = time.perf_counter()  # the whole command, as a user runs it: imports, open, report
import exports.report as report

measured = {}
gather, write = report.report_document, report.write_report


def timed_gather(*args, **kwargs):
    from exports.document import Table

    begun = time.perf_counter()
    document = gather(*args, **kwargs)
    measured["gather"] = time.perf_counter() - begun
    cells = sum(len(b.rows) * b.columns for b in document.blocks if isinstance(b, Table))
    measured["blocks"] = len(document.blocks) + cells
    return document


def timed_write(*args, **kwargs):
    cpu, begun = time.process_time(), time.perf_counter()
    write(*args, **kwargs)
    measured["seconds"] = time.perf_counter() - begun
    measured["cpu"] = time.process_time() - cpu


report.report_document, report.write_report = timed_gather, timed_write
from tui.cli import main

try:
    main(["export", "report", "--db", sys.argv[1], "--journey", sys.argv[2], "-o", sys.argv[3]])
except SystemExit as done:
    assert not done.code, done.code
measured["total"] = time.perf_counter() - started
with open("/proc/self/status") as status:  # VmHWM: this process's own peak, not the parent's
    peak = next(line for line in status if line.startswith("VmHWM:"))
measured["rss_mb"] = int(peak.split()[1]) / 1024
print(json.dumps(measured))
"""


def report_process(
    db: Path, journey_id: str, out: Path, code: Path | None = None
) -> dict[str, float]:
    """Peak RSS and time of a fresh process that writes the report of `journey_id`, with the
    code of the checkout `code` (this one when None) first on its path."""
    import subprocess
    import sys

    environment = dict(os.environ)
    if code is not None:
        environment["PYTHONPATH"] = os.pathsep.join(
            [str(code.resolve()), *filter(None, [environment.get("PYTHONPATH")])]
        )
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(db), journey_id, str(out)],
        check=True,
        capture_output=True,
        text=True,
        env=environment,
        cwd=code,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def memory(copies: int, against: Path | None = None) -> None:
    """Peak RSS and time per meeting of the report, on the demo and on the demo ×`copies`;
    each also with the checkout `against`, interleaved."""
    import sqlite3

    figures = []
    with tempfile.TemporaryDirectory() as name:
        for factor in (1, copies):
            folder = Path(name) / f"x{factor}"
            folder.mkdir()
            db, journey_id = build_database(folder, factor)
            path = db.path
            db.close()
            connection = sqlite3.connect(path)
            meetings = connection.execute(
                "SELECT count(*) FROM meeting WHERE NOT deleted"
            ).fetchone()[0]
            connection.close()
            if against is not None:
                theirs = report_process(path, journey_id, folder / "theirs.docx", against)
                _print_report(f"{against.name}:", meetings, theirs)
            result = report_process(path, journey_id, folder / "report.docx")
            figures.append((meetings, result))
            _print_report("this:" if against else "", meetings, result)
    (small, first), (large, last) = figures
    per_small, per_large = first["seconds"] / small, last["seconds"] / large
    print(f"time per meeting, {large} / {small} meetings: {per_large / per_small:.2f} (linear ≤ 1)")
    per_small, per_large = first["seconds"] / first["blocks"], last["seconds"] / last["blocks"]
    print(
        f"time per block or cell written, {large} / {small} meetings:"
        f" {per_large / per_small:.2f} (linear ≤ 1; the scaled demo's copies of a service are"
        " all likely duplicates of each other, so its fact sheets grow with the square of the"
        " copies)"
    )


def _print_report(who: str, meetings: int, result: dict[str, float]) -> None:
    print(  # as soon as it is measured: the large one takes minutes
        f"{who}report of {meetings:3} meetings in a fresh process: peak RSS"
        f" {result['rss_mb']:4.0f} MB, command {result['total'] * 1000:6.0f} ms,"
        f" report {result['seconds'] * 1000:6.0f} ms"
        f" ({result['cpu'] * 1000:.0f} ms CPU; gathering {result['gather'] * 1000:.0f} ms),"
        f" {result['seconds'] * 1000 / meetings:5.1f} ms per meeting,"
        f" {result['seconds'] * 1e6 / result['blocks']:5.1f} µs per block or cell"
        f" ({result['blocks']}); load {os.getloadavg()[0]:.1f}",
        flush=True,
    )


if __name__ == "__main__":
    main()
