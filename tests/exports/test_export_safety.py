"""Hostile text through every export, and files that are never left half-written."""

from __future__ import annotations

import csv
import re

import pytest
from conftest import HOSTILE, LONG_NOTE, docx_all_text
from openpyxl import load_workbook

from exports.markdown import write_markdown
from exports.minutes import write_minutes
from exports.report import write_report
from exports.safe import REPLACEMENT, atomic_write, clean
from exports.services import write_services
from models.errors import ExportError

CLEANED = clean(HOSTILE)
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def test_clean_replaces_what_word_cannot_hold_and_keeps_the_rest():
    assert clean("a\x00b\x1bc\x7fd\ud800e") == "a�b�c�d�e"
    assert clean("æøå ÆØÅ 🚑 «»\ttab\nline") == "æøå ÆØÅ 🚑 «»\ttab\nline"
    assert clean("Windows\r\nMac\rslutt") == "Windows\nMac\nslutt"
    assert clean(None) == ""


def _assert_survived(text: str) -> None:
    assert "Kontroll" in text and "💥🚑 æøå ÆØÅ «sitat» <xml> &" in text
    assert REPLACEMENT in text
    assert not FORBIDDEN.search(text)


def test_hostile_text_survives_the_word_minutes(hostile_journey, tmp_path):
    for number, meeting in enumerate(hostile_journey.meeting_ids):
        path = tmp_path / f"referat-{number}.docx"
        write_minutes(hostile_journey.db, meeting, path)
        text = docx_all_text(path)
        if number == 0:
            _assert_survived(text)
            assert CLEANED.replace("\t", "") in text.replace("\t", "")
        else:
            assert LONG_NOTE in text  # 200 KB in one note, whole


def test_hostile_text_survives_the_report(hostile_journey, tmp_path):
    path = tmp_path / "rapport.docx"
    write_report(hostile_journey.db, None, path, participants="pseudonym")
    text = docx_all_text(path)
    _assert_survived(text)
    assert LONG_NOTE in text
    for name in hostile_journey.service_names:
        assert clean(name).replace("\t", "") in text.replace("\t", "")


def test_hostile_text_survives_xlsx_and_csv(hostile_journey, tmp_path):
    write_services(hostile_journey.db, tmp_path / "t.xlsx")
    names = [row[0].value for row in load_workbook(tmp_path / "t.xlsx").active.iter_rows()]
    assert clean("Hodekamera ambulanse " + HOSTILE) in names
    write_services(hostile_journey.db, tmp_path / "t.csv")
    with (tmp_path / "t.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert clean("Hodekamera ambulanse " + HOSTILE) in [row[0] for row in rows]


def test_hostile_text_survives_markdown(hostile_journey, tmp_path):
    written = write_markdown(hostile_journey.db, tmp_path / "md")
    for path in written:
        text = path.read_text("utf-8")
        assert not FORBIDDEN.search(text)
    report = (tmp_path / "md" / "sammenstilling.md").read_text("utf-8")
    assert "💥🚑 æøå ÆØÅ «sitat» \\<xml\\> \\&" in report


def test_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path):
    target = tmp_path / "referat.docx"
    target.write_bytes(b"old")

    def half_then_crash(handle):
        handle.write(b"half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        atomic_write(target, half_then_crash)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["referat.docx"]


def test_failed_export_leaves_no_file(journey, tmp_path, monkeypatch):
    from docx.document import Document

    def broken_save(self, stream):
        stream.write(b"PK half a zip")
        raise OSError(28, "disk full")

    monkeypatch.setattr(Document, "save", broken_save)
    with pytest.raises(ExportError) as raised:
        write_minutes(journey.db, journey.meeting_ids[0], tmp_path / "referat.docx")
    assert str(raised.value) == (
        f"{tmp_path / 'referat.docx'} kunne ikke skrives: disken er full. "
        "Frigjør plass og prøv igjen."
    )
    assert list(tmp_path.glob("referat.docx*")) == []
    assert not list(tmp_path.glob(".referat*"))


def test_unwritable_folder_is_a_clear_error(journey, tmp_path, monkeypatch):
    import tempfile

    def refused(**_options):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    with pytest.raises(ExportError) as raised:
        write_minutes(journey.db, journey.meeting_ids[0], tmp_path / "referat.docx")
    assert str(raised.value) == (
        f"{tmp_path / 'referat.docx'}: ingen tilgang (du mangler rettigheter til filen eller mappen)."
    )
