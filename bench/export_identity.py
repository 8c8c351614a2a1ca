"""Check that this checkout writes the same Word files as another one (e.g. main).

The demo and the demo ×33 and ×61 (198 and 366 meetings, bench/export.py's scaled archive)
are built once; then each checkout, in a fresh process with its own code first on the path,
writes the report (plain and on the letterhead template; of all journeys; pseudonymised and
without participants) and the minutes of meetings of each (plain, letterhead, every
participant mode, with skipped questions). Every part of each pair of files must be the same
bytes; only the time of writing in docProps/core.xml may differ.

Run: python bench/export_identity.py --against DIR [--copies 1,33,61] [--minutes 6]
"""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from export import build_database

WRITE = r"""
import sys
from pathlib import Path
from exports.minutes import write_minutes
from exports.report import write_report
from models.storage import open_database

out, letterhead = Path(sys.argv[1]), Path(sys.argv[2])
for line in sys.stdin.read().splitlines():
    what, db_path, ref, template, mode, skipped, name = line.split("\t")
    db = open_database(Path(db_path), create=False, read_only=True)
    options = {"template": letterhead if template == "letterhead" else None, "participants": mode}
    if what == "report":
        write_report(db, ref or None, out / name, **options)
    else:
        write_minutes(db, ref, out / name, with_skipped=skipped == "1", **options)
    db.close()
"""
STAMPS = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def cases(databases: list[tuple[Path, str]], minutes: int) -> list[str]:
    """One tab-separated line per file to write."""
    lines = []
    for number, (path, journey) in enumerate(databases):
        for template in ("plain", "letterhead"):
            lines.append(
                f"report\t{path}\t{journey}\t{template}\talle\t0\tr{number}-{template}.docx"
            )
        for mode in ("alle", "pseudonym", "ingen"):
            lines.append(f"report\t{path}\t\tplain\t{mode}\t0\tr{number}-all-{mode}.docx")
        with sqlite3.connect(path) as connection:
            meetings = [
                row[0]
                for row in connection.execute(
                    "SELECT id FROM meeting WHERE NOT deleted ORDER BY id"
                )
            ]
        for index, meeting in enumerate(meetings[:minutes]):
            for mode in ("alle", "pseudonym", "ingen"):
                for template in ("plain", "letterhead"):
                    skipped = str(index % 2)
                    name = f"m{number}-{index}-{mode}-{template}.docx"
                    lines.append(
                        f"minutes\t{path}\t{meeting[:10]}\t{template}\t{mode}\t{skipped}\t{name}"
                    )
    return lines


def write_all(code: Path, out: Path, lines: list[str]) -> None:
    out.mkdir()
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(
        [str(code.resolve()), *filter(None, [environment.get("PYTHONPATH")])]
    )
    letterhead = code / "tests" / "data" / "templates" / "letterhead.docx"
    subprocess.run(
        [sys.executable, "-c", WRITE, str(out), str(letterhead)],
        input="\n".join(lines),
        text=True,
        check=True,
        env=environment,
        cwd=code,  # `python -c` puts the working directory first on the path
    )


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        found = {name: archive.read(name) for name in archive.namelist()}
    found["docProps/core.xml"] = STAMPS.sub(b"", found["docProps/core.xml"])
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", type=Path, required=True, help="the other checkout")
    parser.add_argument("--copies", default="1,33,61")
    parser.add_argument("--minutes", type=int, default=6, help="meetings per database")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        databases = []
        for factor in map(int, options.copies.split(",")):
            (folder / f"x{factor}").mkdir()
            db, journey = build_database(folder / f"x{factor}", factor)
            databases.append((db.path, journey))
            db.close()
        lines = cases(databases, options.minutes)
        write_all(options.against, folder / "theirs", lines)
        write_all(Path(__file__).parent.parent, folder / "ours", lines)
        different = [
            path.name
            for path in sorted((folder / "ours").glob("*.docx"))
            if parts(path) != parts(folder / "theirs" / path.name)
        ]
    print(f"{len(lines)} files, {len(lines) - len(different)} the same bytes as {options.against}")
    for name in different:
        print(f"DIFFERENT: {name}")
    sys.exit(1 if different else 0)


if __name__ == "__main__":
    main()
