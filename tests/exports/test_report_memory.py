"""The report (and the minutes) read without the ORM, and the report lets each part of what it
read go once nothing after it needs that part."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from exports import report_content
from exports.report import write_report
from models.read_rows import ReadAnswer, ReadNote
from models.storage import Database

# SQLAlchemy, SQLModel and pydantic took 35 MB of the report's memory before it read a row.
ORM = ("sqlalchemy", "sqlmodel", "pydantic")
RUN = """
import json, sys
preloaded = set(sys.modules)
from tui.cli import main
try:
    main(sys.argv[1:])
except SystemExit as done:
    code = done.code
loaded = sorted({{name.split(".")[0] for name in sys.modules if name not in preloaded}})
print(json.dumps({{"code": code, "orm": [name for name in {orm!r} if name in loaded]}}),
      file=sys.stderr)
"""


def test_no_note_or_answer_is_held_while_the_fact_sheets_are_built(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The fact sheets are a large report's largest part: at 366 meetings its 10,000 notes
    held 25 MB while they were built."""
    alive: list[int] = []
    original = report_content.fact_sheets

    def fact_sheets(*args: object, **kwargs: object) -> None:
        gc.collect()
        alive.append(sum(isinstance(o, ReadNote | ReadAnswer) for o in gc.get_objects()))
        original(*args, **kwargs)

    monkeypatch.setattr(report_content, "fact_sheets", fact_sheets)
    write_report(demo_db, None, tmp_path / "rapport.docx")
    assert alive == [0]
    assert (tmp_path / "rapport.docx").stat().st_size > 10_000


def export_report(*args: str, what: str = "report") -> tuple[int, list[str], str]:
    done = subprocess.run(
        [sys.executable, "-c", RUN.format(orm=ORM), "export", what, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "INNSIKT_LANG": "nb"},
        check=False,
    )
    *lines, last = done.stderr.splitlines()
    result = json.loads(last)
    return result["code"], result["orm"], done.stdout + "\n".join(lines)


@pytest.mark.parametrize(
    "options",
    [[], ["--pseudonymiser"], ["--journey", "PREFIX"]],
    ids=["all", "pseudonym", "journey"],
)
def test_innsikt_export_report_imports_no_orm(
    demo_path: Path, tmp_path: Path, options: list[str]
) -> None:
    import sqlite3

    with sqlite3.connect(demo_path) as connection:
        (journey,) = connection.execute("SELECT id FROM journey WHERE NOT deleted").fetchone()
    given = [journey[:6] if option == "PREFIX" else option for option in options]
    target = tmp_path / "rapport.docx"
    code, orm, printed = export_report("--db", str(demo_path), "-o", str(target), *given)
    assert (code, orm) == (0, []), printed
    assert f"Skrev {target}" in printed and target.stat().st_size > 10_000


def test_a_journey_not_found_is_one_line_and_writes_nothing(
    demo_path: Path, tmp_path: Path
) -> None:
    target = tmp_path / "rapport.docx"
    code, orm, printed = export_report("--db", str(demo_path), "-o", str(target), "--journey", "zz")
    assert (code, orm) == (1, [])
    assert printed.strip() == "Fant ingen reise som passer «zz»."
    assert not target.exists()


def test_innsikt_export_minutes_imports_no_orm(demo_path: Path, tmp_path: Path) -> None:
    import sqlite3

    with sqlite3.connect(demo_path) as connection:
        (meeting,) = connection.execute("SELECT id FROM meeting WHERE NOT deleted").fetchone()
    target = tmp_path / "referat.docx"
    code, orm, printed = export_report(
        meeting[:8], "--db", str(demo_path), "-o", str(target), what="minutes"
    )
    assert (code, orm) == (0, []), printed
    assert f"Skrev {target}" in printed and target.stat().st_size > 10_000


def test_innsikt_export_markdown_of_a_journey_imports_no_orm(
    demo_path: Path, tmp_path: Path
) -> None:
    target = tmp_path / "markdown"
    code, orm, printed = export_report("--db", str(demo_path), "-o", str(target), what="markdown")
    assert (code, orm) == (0, []), printed
    assert f"Skrev 7 filer til {target}" in printed
    assert len(list(target.glob("referat-*.md"))) == 6 and (target / "sammenstilling.md").is_file()


def test_an_encrypted_database_gives_the_same_report_and_minutes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plain readers open an encrypted file through SQLCipher, with its passphrase."""
    import sqlite3

    from click.testing import CliRunner

    from models import atrest, sealed
    from tests.templates import copy_demo
    from tests.test_atrest import PASSPHRASE, encrypted_demo
    from tui.cli import cli

    monkeypatch.setenv("INNSIKT_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(sealed, "SCRYPT_LOG_N", 10)
    monkeypatch.setattr(atrest, "_passphrases", {})
    plain = copy_demo(tmp_path / "plain.sqlite")
    with sqlite3.connect(plain) as connection:
        (meeting,) = connection.execute("SELECT id FROM meeting WHERE NOT deleted").fetchone()
    locked = encrypted_demo(tmp_path / "locked.sqlite")
    texts = {}
    for name, path in (("plain", plain), ("locked", locked)):
        for what, ref in (("report", []), ("minutes", [meeting[:8]])):
            target = tmp_path / f"{name}-{what}.docx"
            result = CliRunner().invoke(
                cli, ["export", what, *ref, "--db", str(path), "-o", str(target)]
            )
            assert result.exit_code == 0, result.output
            texts[name, what] = document_text(target)
    assert texts["locked", "report"] == texts["plain", "report"]
    assert texts["locked", "minutes"] == texts["plain", "minutes"]
    assert "Sykehuspartner" in texts["locked", "report"]


def document_text(path: Path) -> str:
    import docx

    word = docx.Document(str(path))
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in word.paragraphs] + cells)
