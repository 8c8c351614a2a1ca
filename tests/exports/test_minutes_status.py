"""`innsikt minutes status`: status, version, deadline and approval date in the minutes' header."""

from __future__ import annotations

import datetime as dt

import docx
from click.testing import CliRunner
from conftest import Journeyed

from exports.minutes import write_minutes
from models.minutes import set_minutes_status
from tui.cli import cli


def _header(journey: Journeyed, tmp_path) -> dict[str, str]:
    path = tmp_path / "referat.docx"
    write_minutes(journey.db, journey.meeting_ids[0], path)
    document = docx.Document(str(path))
    return {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}


def _run(journey: Journeyed, *args: str):
    return CliRunner().invoke(cli, ["minutes", "status", *args, "--db", str(journey.db.path)])


def test_new_minutes_are_a_draft_of_version_zero(journey, tmp_path):
    header = _header(journey, tmp_path)
    assert header["Status"] == "Utkast"
    assert header["Versjon"] == "0"
    assert "Merknadsfrist" not in header


def test_sending_for_approval_raises_the_version_and_shows_the_deadline(journey, tmp_path):
    meeting = journey.meeting_ids[0]
    result = _run(journey, meeting[:8], "til-godkjenning", "--frist", "15.12.2026")
    assert result.exit_code == 0, result.output
    assert "versjon 1" in result.output
    header = _header(journey, tmp_path)
    assert header["Status"] == "Til godkjenning (merknadsfrist 15.12.2026)"
    assert header["Versjon"] == "1"
    assert header["Merknadsfrist"] == "15. desember 2026"
    assert _run(journey, meeting, "utkast").exit_code == 0
    assert _run(journey, meeting, "til-godkjenning").exit_code == 0
    assert _header(journey, tmp_path)["Versjon"] == "2"


def test_approval_records_the_date_and_the_running_header_says_so(journey, tmp_path):
    meeting = journey.meeting_ids[0]
    set_minutes_status(journey.db, meeting, "til-godkjenning", dt.date(2026, 12, 15))
    set_minutes_status(journey.db, meeting, "godkjent", today=dt.date(2026, 12, 20))
    header = _header(journey, tmp_path)
    assert header["Status"] == "Godkjent 20.12.2026"
    assert header["Godkjent"] == "20. desember 2026"
    running = docx.Document(str(tmp_path / "referat.docx")).sections[0].header.paragraphs
    text = " ".join(p.text for p in running)
    assert "Referat – Møte med HEMIT" in text
    assert "2. desember 2019" in text and "Godkjent 20.12.2026" in text


def test_unknown_status_is_refused_with_one_line_and_changes_nothing(journey, tmp_path):
    result = _run(journey, journey.meeting_ids[0], "ferdig")
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0
    assert "Ukjent status «ferdig»" in result.output
    bad_date = _run(journey, journey.meeting_ids[0], "til-godkjenning", "--frist", "2026-12-15")
    assert bad_date.exit_code == 1 and "DD.MM.ÅÅÅÅ" in bad_date.output
    assert _header(journey, tmp_path)["Status"] == "Utkast"
