"""Markdown says what the Word files say, and is written as files or a folder."""

from __future__ import annotations

import pytest
from conftest import docx_texts

from exports.markdown import escape, render_markdown, write_markdown
from exports.minutes import write_minutes
from exports.minutes_content import minutes_document
from models.errors import InnsiktError


def test_markdown_minutes_hold_every_text_of_the_word_minutes(journey, tmp_path):
    docx_path = tmp_path / "referat.docx"
    write_minutes(journey.db, journey.meeting_ids[0], docx_path)
    markdown = write_markdown(journey.db, tmp_path / "referat.md", journey.meeting_ids[0])
    text = markdown[0].read_text("utf-8")
    assert text.startswith("# Referat – Møte med HEMIT\n")
    assert "**Dato:** 2. desember 2019" in text
    assert "| Sende arkitekturskisse | Ola Nordmann | 20.12.2019 | åpen |" in text
    plain = text.replace("**", "")
    for piece in docx_texts(docx_path):
        for line in piece.splitlines():
            if line.strip():
                assert escape(line, line_start=False) in plain or escape(line) in plain, line


def test_folder_gets_the_report_and_one_minutes_file_per_meeting(journey, tmp_path):
    folder = tmp_path / "md"
    written = write_markdown(journey.db, folder)
    names = sorted(path.name for path in written)
    assert names[-1] == "sammenstilling.md"
    assert len([n for n in names if n.startswith("referat-2019-12-02-mote-med-hemit-")]) == 1
    assert len(names) == 3
    report = (folder / "sammenstilling.md").read_text("utf-8")
    assert report.startswith("# Sammenstilling – Mobile tjenester 2019")
    for name in journey.service_names:
        assert name in report


def test_existing_markdown_is_not_overwritten_without_force(journey, tmp_path):
    target = tmp_path / "rapport.md"
    target.write_text("mitt eget", "utf-8")
    with pytest.raises(InnsiktError) as raised:
        write_markdown(journey.db, target)
    assert raised.value.message_key == "file_exists"
    assert target.read_text("utf-8") == "mitt eget"
    write_markdown(journey.db, target, force=True)
    assert target.read_text("utf-8").startswith("# Sammenstilling")


def test_markdown_syntax_in_notes_is_shown_literally(journey):
    document = minutes_document(journey.db, journey.meeting_ids[0])
    document.paragraph("# ikke en overskrift *ikke kursiv* <b>ikke html</b> | pipe")
    document.table(["A|B"], [["linje 1\nlinje 2"]])
    text = render_markdown(document)
    assert "\\# ikke en overskrift \\*ikke kursiv\\* \\<b\\>ikke html\\</b\\> \\| pipe" in text
    assert "| A\\|B |" in text and "| linje 1<br>linje 2 |" in text
