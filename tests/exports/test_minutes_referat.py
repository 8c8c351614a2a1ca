"""Referat texts replace the notes; a legend names the note-takers once; conclusions per section."""

from __future__ import annotations

import docx
from conftest import Journeyed, docx_all_text

from exports.minutes import write_minutes
from models.minutes import save_referat
from models.records import save_note


def _paragraphs(journey: Journeyed, tmp_path, **options) -> list[str]:
    path = tmp_path / "referat.docx"
    write_minutes(journey.db, journey.meeting_ids[0], path, **options)
    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_a_referat_text_replaces_every_note_taker_s_notes_of_its_question(journey, tmp_path):
    meeting = journey.meeting_ids[0]
    before = _paragraphs(journey, tmp_path)
    assert "KH: Deltakerne jobber med drift og forvaltning." in before
    save_referat(journey.db, meeting, "A2", "HEMIT orienterte om driften og forvaltningen.")
    after = _paragraphs(journey, tmp_path)
    assert "HEMIT orienterte om driften og forvaltningen." in after
    assert not any("Deltakerne jobber med drift" in p for p in after)
    heading = after.index(
        "A2 Hvilke roller og ansvarsområder har deltakerne (utvikling, drift, forvaltning, fag)?"
    )
    assert after[heading + 1] == "HEMIT orienterte om driften og forvaltningen."


def test_note_takers_are_named_once_in_a_legend_not_by_bare_initials(journey, tmp_path):
    paragraphs = _paragraphs(journey, tmp_path)
    legends = [p for p in paragraphs if "initialer" in p]
    assert legends == [
        "Der notatene ikke er sammenfattet, står notatskriverens initialer foran: "
        "KH = Kari Hansen, PO = Per Olsen."
    ]
    assert paragraphs.index(legends[0]) < paragraphs.index("A. Virksomheten og deltakerne")


def test_avklart_lines_become_the_sections_conclusion_and_a_typed_one_wins(journey, tmp_path):
    meeting = journey.meeting_ids[0]
    save_note(
        journey.db, meeting, "B2", "Kari Hansen", "Mye snakk.\nAvklart: Journalen er kritisk."
    )
    paragraphs = _paragraphs(journey, tmp_path)
    heading = paragraphs.index("Konklusjon / avklaringer")
    assert paragraphs[heading + 1] == "Journalen er kritisk."
    save_referat(journey.db, meeting, "B", "Alt er avklart med AMK.", kind="konklusjon")
    text = docx_all_text(tmp_path / "referat.docx")
    paragraphs = _paragraphs(journey, tmp_path)
    assert "Alt er avklart med AMK." in paragraphs
    assert "Journalen er kritisk." not in paragraphs
    assert text


def test_document_properties_are_the_minutes_own(journey, tmp_path):
    import datetime as dt

    path = tmp_path / "referat.docx"
    write_minutes(journey.db, journey.meeting_ids[0], path)
    core = docx.Document(str(path)).core_properties
    assert core.title == "Referat – Møte med HEMIT"
    assert core.subject.startswith("Referat fra innsiktsmøte med ")
    assert core.author == "Per Olsen"  # the meeting's note-taker
    assert "python-docx" not in (core.comments + core.author + core.last_modified_by)
    now = dt.datetime.now(dt.UTC)
    assert abs((core.created - now).total_seconds()) < 120
    assert abs((core.modified - now).total_seconds()) < 120
