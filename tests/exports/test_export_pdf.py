"""The Word files open in a real word processor: LibreOffice converts them to PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import TEMPLATES

from exports.minutes import write_minutes
from exports.report import write_report

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def _to_pdf(document: Path, tmp_path: Path) -> Path:
    # A private profile: parallel runs (and a user's open LibreOffice) do not block each other.
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(document)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / f"{document.stem}.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    return pdf


def _pdf_text(pdf: Path) -> str:
    if shutil.which("pdftotext") is None:
        return ""
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True, timeout=60)
    return done.stdout.decode("utf-8")


def test_minutes_and_report_convert_to_pdf(journey, tmp_path):
    minutes = tmp_path / "referat.docx"
    report = tmp_path / "rapport.docx"
    write_minutes(
        journey.db, journey.meeting_ids[0], minutes, template=TEMPLATES / "letterhead.docx"
    )
    write_report(journey.db, None, report)
    minutes_text = _pdf_text(_to_pdf(minutes, tmp_path))
    report_text = _pdf_text(_to_pdf(report, tmp_path))
    if minutes_text:
        assert "Referat – Møte med HEMIT" in minutes_text
        assert "2. desember 2019" in minutes_text
        assert "Brevmal" in minutes_text
        assert re.search(r"Side 1 av \d+", minutes_text)
    if report_text:
        assert "Sammenstilling – Mobile tjenester 2019" in report_text
        assert "Nødnett-radioterminal" in report_text
