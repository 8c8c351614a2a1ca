"""`innsikt export minutes|report|services|markdown`: exit codes, messages, --db and --force."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TEMPLATES, docx_all_text

from tui.cli import cli


def _run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_minutes_by_prefix_writes_the_file_and_says_so(journey, db_path, tmp_path):
    out = tmp_path / "referat.docx"
    result = _run(
        "export", "minutes", journey.meeting_ids[0][:8], "-o", str(out), "--db", str(db_path)
    )
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"Skrev {out}."
    assert "Referat – Møte med HEMIT" in docx_all_text(out)


def test_group_level_db_is_honoured(journey, db_path, tmp_path):
    out = tmp_path / "rapport.docx"
    result = _run("--db", str(db_path), "export", "report", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "Hodekamera ambulanse" in docx_all_text(out)


@pytest.mark.parametrize(
    ("command", "name"),
    [
        (["minutes", "MEETING"], "r.docx"),
        (["report"], "r.docx"),
        (["services"], "t.xlsx"),
        (["services"], "t.csv"),
        (["markdown"], "r.md"),
    ],
)
def test_existing_file_is_not_overwritten_without_force(journey, db_path, tmp_path, command, name):
    out = tmp_path / name
    out.write_bytes(b"mine")
    command = [journey.meeting_ids[0] if part == "MEETING" else part for part in command]
    args = ["export", *command, "-o", str(out), "--db", str(db_path)]
    refused = _run(*args)
    assert refused.exit_code == 1
    assert refused.output.strip() == f"{out} finnes allerede. Bruk --force for å overskrive."
    assert out.read_bytes() == b"mine"
    forced = _run(*args, "--force")
    assert forced.exit_code == 0, forced.output
    assert out.read_bytes() != b"mine"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["minutes", "zzzz", "-o", "{tmp}/r.docx"], "Fant ingen møte som passer «zzzz»."),
        (
            ["report", "--journey", "zzzz", "-o", "{tmp}/r.docx"],
            "Fant ingen reise som passer «zzzz».",
        ),
        (
            ["minutes", "MEETING", "-o", "{tmp}/r.pdf"],
            "{tmp}/r.pdf: Word-filen må slutte på .docx.",
        ),
        (
            ["services", "-o", "{tmp}/t.ods"],
            "{tmp}/t.ods: tjenestekatalogen kan skrives som .xlsx eller .csv.",
        ),
        (
            ["report", "-o", "{tmp}/r.docx", "--template", "{tmp}/nei.docx"],
            "Finner ikke malen {tmp}/nei.docx.",
        ),
        (["report", "-o", "{tmp}/mangler/r.docx"], "Mappen {tmp}/mangler finnes ikke."),
    ],
)
def test_bad_input_exits_1_with_one_norwegian_line(journey, db_path, tmp_path, args, message):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    args = [journey.meeting_ids[0] if a == "MEETING" else a for a in args]
    result = _run("export", *args, "--db", str(db_path))
    assert result.exit_code == 1
    assert result.output.splitlines() == [message.replace("{tmp}", str(tmp_path))]
    assert not (tmp_path / "r.docx").exists()


def test_template_option_and_participant_flags(journey, db_path, tmp_path):
    out = tmp_path / "r.docx"
    result = _run(
        "export",
        "minutes",
        journey.meeting_ids[0],
        "-o",
        str(out),
        "--db",
        str(db_path),
        "--template",
        str(TEMPLATES / "letterhead.docx"),
        "--pseudonymiser",
    )
    assert result.exit_code == 0, result.output
    assert "Ola Nordmann" not in docx_all_text(out)
    both = _run(
        "export",
        "minutes",
        journey.meeting_ids[0],
        "-o",
        str(tmp_path / "x.docx"),
        "--db",
        str(db_path),
        "--uten-deltakere",
        "--pseudonymiser",
    )
    assert both.exit_code == 2


def test_markdown_folder_reports_how_many_files(journey, db_path, tmp_path):
    result = _run("export", "markdown", "-o", str(tmp_path / "md"), "--db", str(db_path))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"Skrev 3 filer til {tmp_path / 'md'}."
    assert Path(tmp_path / "md" / "sammenstilling.md").exists()
