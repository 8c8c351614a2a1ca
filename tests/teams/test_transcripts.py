"""Teams transcripts: WebVTT with its odd cues, Word transcripts, storing and re-importing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from exports.minutes_content import minutes_document
from models.storage import Database
from models.transcript import Cue, TranscriptError, parse_time, parse_vtt, read_transcript
from models.transcripts import import_transcript, quote, transcript_lines
from tui.cli import cli

TEAMS_VTT = """\ufeffWEBVTT

NOTE Teams skriver en merknad her,
gjerne over flere linjer.

0b5f2c3e-8b1a-4d6e-9f10-1a2b3c4d5e6f/12-0
00:00:03.120 --> 00:00:07.450
<v Kari Nordmann>Velkommen alle sammen, og takk for at
dere tar dere tid.</v>

0b5f2c3e-8b1a-4d6e-9f10-1a2b3c4d5e6f/13-0
00:00:08.000 --> 00:00:12.500
<v Ola Hansen (Gjest)>Takk. Vi har &amp; drifter LifeX mobil.</v>

STYLE
::cue { color: yellow }

3
00:00:13.000 --> 00:00:14.000 align:start position:10%
<v.loud Siri Berg>Og <i>Helseradio</i>

4
00:01:14.000 --> 00:01:16.000
<v Kari Nordmann>Ja?</v><v Ola Hansen>Nei.</v>

5
00:01:20,000 --> 00:01:21,000
Uten stemme.

6
ikke --> en tid
<v Kari Nordmann>Denne replikken har ødelagt tid.</v>

7
01:17.000 --> 01:18.500
<v Siri Berg>Timer utelatt.</v>

8
00:02:00.000 --> 00:02:01.000
<v Kari Nordmann></v>
"""


def test_teams_vtt_gives_speakers_and_text_and_skips_odd_cues() -> None:
    cues = parse_vtt(TEAMS_VTT, "møte.vtt")

    assert cues == [
        Cue(
            3120, 7450, "Kari Nordmann", "Velkommen alle sammen, og takk for at dere tar dere tid."
        ),
        Cue(8000, 12500, "Ola Hansen (Gjest)", "Takk. Vi har & drifter LifeX mobil."),
        Cue(13000, 14000, "Siri Berg", "Og Helseradio"),
        Cue(74000, 76000, "Kari Nordmann", "Ja?"),
        Cue(74000, 76000, "Ola Hansen", "Nei."),
        Cue(80000, 81000, "", "Uten stemme."),
        Cue(77000, 78500, "Siri Berg", "Timer utelatt."),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("00:00:03.120", 3120),
        ("01:02:03.4", 3723400),
        ("02:03", 123000),
        ("0:0:3.120", 3120),
        ("1:02:03", 3723000),
        ("00:61:00.000", None),
        ("kl. 10", None),
    ],
)
def test_cue_times_are_read(text: str, expected: int | None) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Kari: hei\n", "er ikke en WebVTT-fil"),
        ("WEBVTT\n\nNOTE bare en merknad\n", "fant ingen replikker"),
        ("WEBVTTX\n\n00:00.000 --> 00:01.000\nhei\n", "er ikke en WebVTT-fil"),
    ],
)
def test_a_file_that_is_no_vtt_is_one_clear_error(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "møte.vtt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TranscriptError, match=message):
        read_transcript(path)


def _teams_docx(path: Path) -> Path:
    """A transcript as Teams writes it to Word: title lines, then «Name   m:ss» and the text."""
    import docx

    document = docx.Document()
    document.add_paragraph("Innsiktsmøte HEMIT-20261104_095812-Møteopptak")
    document.add_paragraph("4. november 2026, 09:58")
    document.add_paragraph("1 t 4 min 28 s")
    document.add_paragraph("Kari Nordmann startet transkripsjonen")
    document.add_paragraph("Kari Nordmann   0:03")
    document.add_paragraph("Velkommen alle sammen.")
    document.add_paragraph("Vi møtes igjen kl 10:30 etter pausen.")
    speaker = document.add_paragraph("Ola Hansen")
    speaker.add_run().add_break()
    speaker.add_run("1:02:05")
    document.add_paragraph("Takk, vi har to tjenester.")
    document.add_paragraph("Siri Berg\t1:02:40")
    document.add_paragraph("Helseradio er den andre.")
    document.save(path)
    return path


def test_teams_word_transcript_gives_speakers_times_and_text(tmp_path: Path) -> None:
    cues = read_transcript(_teams_docx(tmp_path / "transkripsjon.docx"))

    assert cues == [
        Cue(
            3000,
            3725000,
            "Kari Nordmann",
            "Velkommen alle sammen. Vi møtes igjen kl 10:30 etter pausen.",
        ),
        Cue(3725000, 3760000, "Ola Hansen", "Takk, vi har to tjenester."),
        Cue(3760000, 3760000, "Siri Berg", "Helseradio er den andre."),
    ]


def test_word_transcript_in_the_arrow_layout_is_read(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for line in (
        "0:0:0.0 --> 0:0:3.120",
        "Kari Nordmann",
        "Velkommen.",
        "0:0:4.0 --> 0:0:5.0",
        "Takk.",
    ):
        document.add_paragraph(line)
    path = tmp_path / "t.docx"
    document.save(path)

    assert read_transcript(path) == [
        Cue(0, 3120, "Kari Nordmann", "Velkommen."),
        Cue(4000, 5000, "", "Takk."),
    ]


def test_a_docx_that_is_no_transcript_or_no_docx_is_refused(tmp_path: Path) -> None:
    import docx

    letter = tmp_path / "brev.docx"
    document = docx.Document()
    document.add_paragraph("Hei, her er et brev uten tidspunkt.")
    document.save(letter)
    fake = tmp_path / "falsk.docx"
    fake.write_bytes(b"%PDF-1.4 not a zip")

    with pytest.raises(TranscriptError, match="fant ingen replikker"):
        read_transcript(letter)
    with pytest.raises(TranscriptError, match="ikke et Word-dokument"):
        read_transcript(fake)
    with pytest.raises(TranscriptError, match=r"må være \.vtt eller \.docx"):
        read_transcript(tmp_path / "møte.txt")


def _rows(path: Path) -> list[tuple]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT * FROM transcript_cue ORDER BY id").fetchall()
    finally:
        connection.close()


def test_stored_transcript_reads_back_in_order_and_reimport_changes_nothing(
    tmp_path: Path, meeting_db: tuple[Database, str], db_path: Path
) -> None:
    db, meeting_id = meeting_db
    path = tmp_path / "møte.vtt"
    path.write_text(TEAMS_VTT, encoding="utf-8")

    first = import_transcript(db, meeting_id, path)
    rows = _rows(db_path)
    again = import_transcript(db, meeting_id, path)

    assert (first.cues, first.added) == (7, 7)
    assert (again.added, again.unchanged) == (0, 7)
    assert _rows(db_path) == rows
    lines = transcript_lines(db, meeting_id)
    assert [line.start_ms for line in lines] == sorted(line.start_ms for line in lines)
    assert (
        quote(lines[0])
        == 'Kari Nordmann: "Velkommen alle sammen, og takk for at dere tar dere tid."'
    )
    assert quote(next(line for line in lines if not line.speaker)) == '"Uten stemme."'


def test_a_transcript_is_not_printed_in_the_minutes(
    tmp_path: Path, meeting_db: tuple[Database, str]
) -> None:
    db, meeting_id = meeting_db
    path = tmp_path / "møte.vtt"
    path.write_text(TEAMS_VTT, encoding="utf-8")
    import_transcript(db, meeting_id, path)

    document = minutes_document(db, meeting_id)

    assert "LifeX mobil" not in repr(document.blocks)


def test_cli_imports_a_transcript_and_refuses_a_bad_one(
    tmp_path: Path, meeting_db: tuple[Database, str], db_path: Path
) -> None:
    _db, meeting_id = meeting_db
    good = _teams_docx(tmp_path / "transkripsjon.docx")
    bad = tmp_path / "møte.vtt"
    bad.write_text("ikke vtt", encoding="utf-8")
    runner = CliRunner()

    result = runner.invoke(
        cli, ["import", "transcript", meeting_id[:6], str(good), "--db", str(db_path)]
    )
    refused = runner.invoke(
        cli, ["import", "transcript", meeting_id, str(bad), "--db", str(db_path)]
    )

    assert result.exit_code == 0, result.output
    assert "Leste 3 replikker fra transkripsjon.docx" in result.output
    assert refused.exit_code == 1
    assert (
        refused.output.strip()
        == "møte.vtt er ikke en WebVTT-fil (første linje skal være «WEBVTT»); ingenting er endret."
    )
    assert len(_rows(db_path)) == 3
