"""Fuzzing the CLI with bad paths, ids and files: exit 1 (2 for usage), one line, nothing changed."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from models import records
from models.storage import open_database
from models.tables import Journey, Meeting
from tests.budget import examples
from tui.cli import cli

MEETING_ID = "4a7957b3-1c2d-4e5f-8a9b-0c1d2e3f4a5b"
SETTINGS = settings(
    max_examples=examples(12, 150),  # HYPOTHESIS_PROFILE=thorough: tests/budget.py
    deadline=None,
    derandomize=True,  # the same examples on every run and every machine
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# File names as a user (or a broken script) might type them: URI characters, spaces, æøå,
# control characters, a NUL byte; never a «/», so every file stays in the test's folder.
names = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",), blacklist_characters="/", max_codepoint=0x1FFFF
    ),
    min_size=1,
    max_size=30,
).filter(lambda name: name not in (".", "..") and len(name.encode()) < 200)
ids = st.text(min_size=0, max_size=40)
contents = st.one_of(
    st.binary(max_size=300),
    st.binary(max_size=200).map(lambda tail: b"SQLite format 3\x00" + tail),
    st.binary(max_size=200).map(lambda tail: b"{" + tail),
    st.text(max_size=200).map(lambda text: ('{"format": "innsikt-arkiv", ' + text).encode()),
    st.text(max_size=200).map(lambda text: ('key = "x"\nversion = 1\n' + text).encode()),
)
FILE_COMMANDS = [
    ["import", "json", "{file}", "--db", "{db}"],
    ["merge", "{file}", "--db", "{db}"],
    ["guide", "validate", "{file}"],
    ["check", "--db", "{file}"],
    ["list", "meetings", "--db", "{file}"],
    ["export", "json", "-o", "{out}", "--db", "{file}"],
]


def _database(folder: Path) -> Path:
    path = folder / "innsikt.sqlite"
    db = open_database(path)
    with db.transaction() as session:
        journey = records.create(db, session, Journey, name="Reise")
        records.create(db, session, Meeting, id=MEETING_ID, journey_id=journey.id, title="Møtet")
    db.close()
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _assert_one_plain_line(result: object, allowed: tuple[int, ...] = (1, 2)) -> None:
    assert result.exit_code in allowed, (result.exit_code, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    error = result.stderr.strip()
    if result.exit_code == 1:
        assert error and "\n" not in error, error
    for leak in ("Traceback", "[SQL", "sqlalche.me", "Uventet feil"):
        assert leak not in error, error


@SETTINGS
@given(name=names, content=contents, command=st.sampled_from(FILE_COMMANDS))
def test_a_bad_file_is_one_plain_line_and_changes_nothing(
    name: str, content: bytes, command: list[str]
) -> None:
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        db = _database(folder)
        before = _digest(db)
        bad = folder / f"x{name}"
        try:
            bad.write_bytes(content)
        except (OSError, ValueError):  # a NUL byte or a name this file system refuses
            assume(False)
        out = folder / "ut.json"
        args = [arg.format(file=bad, db=db, out=out) for arg in command]
        result = CliRunner().invoke(cli, args)
        _assert_one_plain_line(result, allowed=(1,))
        assert _digest(db) == before
        assert not out.exists()


@SETTINGS
@given(name=names, command=st.sampled_from([["list", "meetings"], ["check"], ["conflicts"]]))
def test_a_bad_db_path_is_one_plain_line_and_creates_nothing(name: str, command: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        result = CliRunner().invoke(cli, [*command, "--db", str(folder / name)])
        _assert_one_plain_line(result)
        assert list(folder.iterdir()) == []


@SETTINGS
@given(ref=ids)
def test_a_bad_meeting_id_is_one_plain_line_and_changes_nothing(ref: str) -> None:
    assume(not (ref.strip() and MEETING_ID.startswith(ref.strip())))
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        db = _database(folder)
        before = _digest(db)
        out = folder / "r.docx"
        for args in (
            ["export", "minutes", ref, "-o", str(out), "--db", str(db)],
            ["export", "markdown", "--meeting", ref, "-o", str(folder / "m.md"), "--db", str(db)],
            ["conflicts", "resolve", ref, "--keep", "mine", "--db", str(db)],
        ):
            result = CliRunner().invoke(cli, args)
            _assert_one_plain_line(result)
        assert _digest(db) == before
        assert not out.exists()
