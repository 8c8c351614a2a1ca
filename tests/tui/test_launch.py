"""`innsikt` refuses a database it cannot open before the TUI starts: one line, exit code 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.launch import run_app


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"just some notes\n" * 20, "er ikke en SQLite-database"),
        (b"SQLite format 3\x00" + b"\x10\x00" + b"\x00" * 200, "ikke en innsikt-database"),
    ],
    ids=["text-file", "foreign-sqlite"],
)
def test_a_file_that_is_not_an_innsikt_database_is_refused_before_the_tui(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    path = tmp_path / "notater.sqlite"
    path.write_bytes(content)
    assert run_app(path) == 1
    error = capsys.readouterr().err.strip()
    assert message in error
    assert "\n" not in error
    assert path.read_bytes() == content


def test_a_directory_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_app(tmp_path) == 1
    assert "er en mappe" in capsys.readouterr().err


def test_the_app_module_does_not_import_sqlalchemy_before_the_first_frame() -> None:
    import subprocess
    import sys

    probe = "import sys, tui.app, tui.launch; print('sqlalchemy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_the_modules_imported_before_the_app_runs_are_kept_out_of_the_collector(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from tui.app import InnsiktApp

    seen: list[int] = []
    monkeypatch.setattr(InnsiktApp, "run", lambda self: seen.append(gc.get_freeze_count()))
    gc.unfreeze()
    try:
        assert run_app(db_path) == 0
        # The first screen's full collection does not walk Textual's and our modules again.
        assert seen and seen[0] > 10_000
    finally:
        gc.unfreeze()


def test_the_start_path_imports_neither_click_nor_the_meeting_forms() -> None:
    import subprocess
    import sys

    probe = (
        "import sys, tui.app, tui.launch, tui.cli, tui.cli.fast, tui.cli.fast_launch;"
        " print([m for m in ('click', 'models.meeting_form', 'sqlalchemy') if m in sys.modules])"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr
