"""CLI and file edges: each odd path, id or file gets one plain line, exit 1, and changes nothing."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from models import records, storage
from models.storage import open_database
from models.tables import Journey, Meeting
from tests.conftest import DATA
from tui.cli import cli

VALID_ARCHIVE = DATA / "archives" / "valid.json"
MEETING_ID = "4a7957b3-1c2d-4e5f-8a9b-0c1d2e3f4a5b"


def run(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(arg) for arg in args])


def plain_refusal(result: Result, *expected: str) -> str:
    """Exit 1 and exactly one line on stderr holding every `expected` text, nothing technical."""
    assert result.exit_code == 1, (result.exit_code, result.output, result.exception)
    line = result.stderr.strip()
    assert line and "\n" not in line, line
    for leak in ("Traceback", "[SQL", "sqlalche.me", "OperationalError", "sqlite:///"):
        assert leak not in line, line
    for text in expected:
        assert text in line, line
    return line


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sidecars(path: Path) -> list[str]:
    return [s for s in ("-wal", "-shm", "-journal") if Path(f"{path}{s}").exists()]


@pytest.fixture
def meeting_db(db_path: Path) -> Path:
    """A closed database with one journey and the meeting MEETING_ID."""
    db = open_database(db_path)
    with db.transaction() as session:
        journey = records.create(db, session, Journey, name="Reise")
        records.create(db, session, Meeting, id=MEETING_ID, journey_id=journey.id, title="Møtet")
    db.close()
    assert sidecars(db_path) == []
    return db_path


# --- literal id prefixes ----------------------------------------------------------------------


@pytest.mark.parametrize("pattern", ["4_7957b3", "%b3", "4A7957", "%", "_"])
def test_an_id_prefix_is_matched_literally_not_as_a_like_pattern(
    meeting_db: Path, tmp_path: Path, pattern: str
) -> None:
    out = tmp_path / "m.md"
    result = run("export", "markdown", "--meeting", pattern, "-o", out, "--db", meeting_db)
    plain_refusal(result, f"«{pattern}»")
    assert not out.exists()


def test_a_real_prefix_still_selects_the_meeting(meeting_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "m.md"
    result = run("export", "markdown", "--meeting", "4a7957", "-o", out, "--db", meeting_db)
    assert result.exit_code == 0, result.output
    assert "Møtet" in out.read_text("utf-8")


# --- names SQLite would misread as URIs ------------------------------------------------------------


@pytest.mark.parametrize("name", ["a#b.sqlite", "a?b.sqlite", "a%23b.sqlite"])
def test_a_db_name_with_uri_characters_is_the_file_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    missing = run("check", "--db", name)
    plain_refusal(missing, "Finner ikke databasen", name)
    assert sorted(os.listdir(tmp_path)) == []
    open_database(Path(name)).close()
    result = run("check", "--db", name)
    assert result.exit_code == 0, result.output
    assert run("list", "meetings", "--db", name).exit_code == 0
    assert sorted(os.listdir(tmp_path)) == [name]  # no «a», no -wal or -shm


# --- files that are not regular files --------------------------------------------------------------


@pytest.fixture
def device_node(tmp_path: Path) -> Path:
    """A character device like /dev/null, made in the test's own folder."""
    path = tmp_path / "null-device"
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, AttributeError, OSError):
        pytest.skip("cannot make a device node here (needs root on Linux)")
    return path


@pytest.mark.parametrize("command", [["list", "meetings"], ["check"], ["demo"], ["snapshot", "x"]])
def test_a_device_node_as_db_is_refused_and_never_touched(
    device_node: Path, tmp_path: Path, command: list[str]
) -> None:
    before = os.stat(device_node)
    result = run(*command, "--db", device_node)
    plain_refusal(result, "er ikke en vanlig fil")
    after = os.stat(device_node)
    assert stat.S_IMODE(after.st_mode) == stat.S_IMODE(before.st_mode)
    assert sidecars(device_node) == []


def test_dev_null_as_db_is_refused(tmp_path: Path) -> None:
    if not Path("/dev/null").exists():
        pytest.skip("no /dev/null")
    mode = stat.S_IMODE(os.stat("/dev/null").st_mode)
    plain_refusal(run("demo", "--db", "/dev/null"), "er ikke en vanlig fil")
    assert stat.S_IMODE(os.stat("/dev/null").st_mode) == mode
    assert not Path("/dev/null-journal").exists()


def _cli_in_process(args: list[str], timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """A FIFO would block for ever: run in a child process that is killed if it does."""
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "INNSIKT_LANG": "nb"},
    )


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    path = tmp_path / "fifo"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["list", "meetings", "--db", "{fifo}"],
        ["import", "json", "{fifo}", "--db", "{db}"],
        ["guide", "validate", "{fifo}"],
        ["guide", "import", "{fifo}"],
        ["merge", "{fifo}", "--db", "{db}"],
    ],
    ids=["db", "archive", "guide-validate", "guide-import", "merge-source"],
)
def test_a_fifo_is_refused_instead_of_blocking(
    fifo: Path, meeting_db: Path, args: list[str]
) -> None:
    before = digest(meeting_db)
    filled = [arg.format(fifo=fifo, db=meeting_db) for arg in args]
    fresh = meeting_db.parent / "ny.sqlite"
    filled = [str(fresh) if arg == str(meeting_db) and "import" in args else arg for arg in filled]
    process = _cli_in_process(filled)
    assert process.returncode == 1, process.stderr
    line = process.stderr.strip()
    assert "\n" not in line and "er ikke en vanlig fil" in line, line
    assert digest(meeting_db) == before
    assert not fresh.exists()  # a refused import makes no database


@pytest.mark.parametrize(
    "command",
    [["import", "json", "{bad}"], ["merge", "{bad}"], ["merge", "{missing}"]],
    ids=["import", "merge", "merge-missing"],
)
def test_a_refused_write_command_creates_no_database(tmp_path: Path, command: list[str]) -> None:
    bad = DATA / "archives" / "truncated.json"
    path = tmp_path / "ny" / "innsikt.sqlite"
    args = [arg.format(bad=bad, missing=tmp_path / "borte.sqlite") for arg in command]
    plain_refusal(run(*args, "--db", path))
    assert not (tmp_path / "ny").exists()


# --- read commands never create a database ------------------------------------------------------


READ_COMMANDS = [
    ["list", "meetings"],
    ["list", "services", "--json"],
    ["check"],
    ["export", "json", "-o", "{out}/a.json"],
    ["export", "markdown", "-o", "{out}/md"],
    ["export", "services", "-o", "{out}/s.csv"],
    ["export", "minutes", "abc", "-o", "{out}/r.docx"],
    ["export", "report", "-o", "{out}/r.docx"],
    ["conflicts"],
    ["duplicates"],
    ["snapshot", "{out}/kopi.sqlite"],
    ["conflicts", "resolve", "abc", "--keep", "mine"],
    ["duplicates", "join", "abc", "def"],
]


@pytest.mark.parametrize("command", READ_COMMANDS, ids=" ".join)
def test_a_read_command_on_a_missing_database_creates_nothing(
    tmp_path: Path, command: list[str]
) -> None:
    out = tmp_path / "ut"
    out.mkdir()
    missing = tmp_path / "ny" / "mappe" / "innsikt.sqlite"
    result = run(*[arg.format(out=out) for arg in command], "--db", missing)
    plain_refusal(result, "Finner ikke databasen", str(missing))
    assert not (tmp_path / "ny").exists()
    assert list(out.iterdir()) == []


def test_the_default_database_is_not_created_by_a_read_command(isolated_data_dir: Path) -> None:
    plain_refusal(run("list", "meetings"), "Finner ikke databasen")
    assert not isolated_data_dir.exists()


@pytest.mark.parametrize(
    "command",
    [["import", "json", str(VALID_ARCHIVE)], ["merge", str(VALID_ARCHIVE)]],
    ids=["import", "merge"],
)
def test_a_write_command_creates_the_database(tmp_path: Path, command: list[str]) -> None:
    path = tmp_path / "ny" / "innsikt.sqlite"
    result = run(*command, "--db", path)
    assert result.exit_code == 0, result.output
    assert run("check", "--db", path).exit_code == 0


def test_an_empty_file_is_not_a_database_for_a_read_command(tmp_path: Path) -> None:
    path = tmp_path / "tom.sqlite"
    path.touch()
    plain_refusal(run("list", "meetings", "--db", path), "er tom")
    assert path.read_bytes() == b""


# --- locked, read-only, full -------------------------------------------------------------------------


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage, "BUSY_TIMEOUT", 0.2)


@pytest.fixture
def locked(meeting_db: Path) -> Iterator[Path]:
    """`meeting_db` with another program holding an exclusive lock on it."""
    other = sqlite3.connect(meeting_db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    yield meeting_db
    other.execute("ROLLBACK")
    other.close()


@pytest.mark.usefixtures("short_busy_timeout")
@pytest.mark.parametrize(
    "command",
    [["import", "json", str(VALID_ARCHIVE)], ["merge", str(VALID_ARCHIVE)], ["demo"]],
    ids=["import", "merge", "demo"],
)
def test_a_locked_database_for_a_write_is_one_plain_line(locked: Path, command: list[str]) -> None:
    result = run(*command, "--db", locked)
    plain_refusal(result, "brukes av et annet program", str(locked))


@pytest.mark.usefixtures("short_busy_timeout")
def test_a_locked_merge_source_is_reported_as_locked_not_damaged(
    meeting_db: Path, tmp_path: Path
) -> None:
    source = tmp_path / "kopi.sqlite"
    assert run("snapshot", source, "--db", meeting_db).exit_code == 0
    target = tmp_path / "mål.sqlite"
    open_database(target).close()
    before = digest(target)
    other = sqlite3.connect(source, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        line = plain_refusal(run("merge", source, "--db", target), "brukes av et annet program")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert "skadet" not in line
    assert digest(target) == before


def _mount(folder: Path, options: str) -> None:
    folder.mkdir(exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a small file system here (needs root on Linux)")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 1 MB file system, so that «disk full» and «read-only» are the kernel's own."""
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root on Linux")
    folder = tmp_path / "disk"
    _mount(folder, "size=4m")  # room for a new database with its -wal; the test fills the rest
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_full_disk_is_said_as_such_and_changes_nothing(small_disk: Path) -> None:
    path = small_disk / "innsikt.sqlite"
    open_database(path).close()
    filler = small_disk / "fyll"
    handle = os.open(filler, os.O_CREAT | os.O_WRONLY)
    try:  # fill every last block
        while os.write(handle, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(handle)
    before = digest(path)
    line = plain_refusal(run("import", "json", VALID_ARCHIVE, "--db", path), "disken er full")
    assert "skadet" not in line
    assert digest(path) == before


def test_a_read_only_folder_is_said_as_such_and_reads_still_work(
    small_disk: Path, meeting_db: Path
) -> None:
    path = small_disk / "innsikt.sqlite"
    path.write_bytes(meeting_db.read_bytes())
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    line = plain_refusal(run("import", "json", VALID_ARCHIVE, "--db", path), "skrivebeskyttet")
    assert "skadet" not in line
    listed = run("list", "meetings", "--json", "--db", path)
    assert listed.exit_code == 0, listed.output
    assert "Møtet" in listed.stdout
    assert run("check", "--db", path).exit_code == 0
    assert sidecars(path) == []


def test_a_read_only_database_file_is_refused_before_the_tui(
    meeting_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from models import dbfile
    from tui.launch import run_app

    real_access = os.access
    monkeypatch.setattr(
        dbfile.os,
        "access",
        lambda p, mode: False if Path(p) == meeting_db else real_access(p, mode),
    )
    assert run_app(meeting_db) == 1
    error = capsys.readouterr().err.strip()
    assert "skrivebeskyttet" in error and "\n" not in error


# --- odd contents: surrogates, deep TOML, symlink loops ----------------------------------------


def test_a_lone_surrogate_in_an_archive_is_refused_and_changes_nothing(meeting_db: Path) -> None:
    before = digest(meeting_db)
    result = run("import", "json", DATA / "archives" / "lone_surrogate.json", "--db", meeting_db)
    plain_refusal(result, "ugyldig tegnkode")
    assert digest(meeting_db) == before


def test_a_hundred_thousand_nested_toml_arrays_is_a_clean_refusal() -> None:
    result = run("guide", "validate", DATA / "guides" / "deep_nesting.toml")
    plain_refusal(result, "nøstet for dypt")


def test_a_symlink_loop_as_db_is_a_clean_refusal(tmp_path: Path) -> None:
    first, second = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    first.symlink_to(second)
    second.symlink_to(first)
    for command in (["list", "meetings"], ["demo"], ["check"]):
        plain_refusal(run(*command, "--db", first), "går i ring")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.sqlite", "b.sqlite"]


def test_a_symlink_loop_is_refused_before_the_tui(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.launch import run_app

    first, second = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    first.symlink_to(second)
    second.symlink_to(first)
    assert run_app(first) == 1
    assert "går i ring" in capsys.readouterr().err


# --- guides in the user's folder ---------------------------------------------------------------------


def test_one_broken_user_guide_is_skipped_with_a_warning(isolated_data_dir: Path) -> None:
    from models.guides import all_guides, find_guide

    folder = isolated_data_dir / "guides"
    folder.mkdir(parents=True)
    (folder / "broken.toml").write_bytes((DATA / "guides" / "broken_toml.toml").read_bytes())
    (folder / "valid.toml").write_bytes((DATA / "guides" / "valid.toml").read_bytes())
    result = run("guide", "list", "--json")
    assert result.exit_code == 0, result.output
    assert "Hopper over en ugyldig veiledning" in result.stderr and "broken.toml" in result.stderr
    keys = {guide.key for guide in all_guides()}
    assert {"mobile-tjenester", "brukergrupper", "test-guide"} <= keys
    assert find_guide("mobile-tjenester").questions()  # meetings still open


# --- a damaged database with our application id ------------------------------------------------------


@pytest.fixture
def missing_table_db(meeting_db: Path) -> Path:
    connection = sqlite3.connect(meeting_db)
    connection.execute("DROP TABLE followup")
    connection.commit()
    connection.close()
    return meeting_db


def test_a_database_missing_a_table_is_reported_as_damaged(missing_table_db: Path) -> None:
    plain_refusal(run("list", "meetings", "--db", missing_table_db), "er skadet", "followup")
    plain_refusal(run("demo", "--db", missing_table_db), "er skadet", "followup")


async def test_the_app_reports_a_database_missing_a_table_instead_of_hanging(
    missing_table_db: Path,
) -> None:
    from tests.tui.support import make_app

    app = make_app(missing_table_db, meeting_ref=MEETING_ID[:8])
    async with app.run_test() as pilot:
        for _ in range(300):
            await pilot.pause(0.02)
            text = str(app.home.query_one("#home-message").render())
            if "skadet" in text:
                break
        assert "tabellen «followup» mangler" in text
        assert app.db is None


# --- what check and merge leave beside a file they only read -----------------------------------------


def test_check_leaves_no_wal_or_shm(meeting_db: Path) -> None:
    before = digest(meeting_db)
    assert run("check", "--db", meeting_db).exit_code == 0
    assert run("list", "meetings", "--db", meeting_db).exit_code == 0
    assert sidecars(meeting_db) == []
    assert digest(meeting_db) == before


def test_reading_a_merge_source_leaves_no_wal_or_shm(meeting_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "mål.sqlite"
    before = digest(meeting_db)
    assert run("merge", meeting_db, "--db", target).exit_code == 0
    assert sidecars(meeting_db) == []
    assert digest(meeting_db) == before


# --- output paths --------------------------------------------------------------------------------------


def test_markdown_to_a_txt_path_is_refused_not_made_a_folder(
    meeting_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "x.txt"
    plain_refusal(run("export", "markdown", "-o", out, "--db", meeting_db), ".md-fil")
    assert not out.exists()


def test_markdown_to_an_md_path_writes_one_file(meeting_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.md"
    assert run("export", "markdown", "-o", out, "--db", meeting_db).exit_code == 0
    assert out.is_file()


@pytest.mark.parametrize(
    ("command", "name"),
    [
        (["json"], "a.json"),
        (["minutes", MEETING_ID[:8]], "r.docx"),
        (["report"], "r.docx"),
        (["services"], "s.xlsx"),
        (["markdown"], "x.md"),
    ],
    ids=["json", "minutes", "report", "services", "markdown"],
)
def test_force_onto_a_folder_is_the_same_refusal_for_every_export(
    meeting_db: Path, tmp_path: Path, command: list[str], name: str
) -> None:
    folder = tmp_path / name
    folder.mkdir()
    result = run("export", *command, "-o", folder, "--force", "--db", meeting_db)
    plain_refusal(result, "er en mappe")
    assert list(folder.iterdir()) == []


async def test_the_app_reports_a_read_only_database_instead_of_hanging(
    meeting_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from models import dbfile
    from tests.tui.support import make_app

    real_access = os.access
    monkeypatch.setattr(
        dbfile.os,
        "access",
        lambda p, mode: False if Path(p) == meeting_db else real_access(p, mode),
    )
    app = make_app(meeting_db)
    async with app.run_test() as pilot:
        for _ in range(300):
            await pilot.pause(0.02)
            text = str(app.home.query_one("#home-message").render())
            if "skrivebeskyttet" in text:
                break
        assert "skrivebeskyttet" in text
        assert app.db is None


async def test_the_app_warns_of_a_broken_user_guide_and_still_opens(
    meeting_db: Path, isolated_data_dir: Path
) -> None:
    from tests.tui.support import make_app, settle

    folder = isolated_data_dir / "guides"
    folder.mkdir(parents=True)
    (folder / "broken.toml").write_bytes((DATA / "guides" / "broken_toml.toml").read_bytes())
    app = make_app(meeting_db, author="Kari")
    async with app.run_test() as pilot:
        await settle(pilot)
        assert app.db is not None
        messages = [str(n.message) for n in app._notifications]
        assert any(
            "Hopper over en ugyldig veiledning" in m and "broken.toml" in m for m in messages
        )
