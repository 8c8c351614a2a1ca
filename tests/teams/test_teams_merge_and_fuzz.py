"""Teams data across laptops (merge), and the parsers against random input (hypothesis)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from models.attendance import AttendanceError, decode_report, parse_report
from models.attendance_import import import_attendance
from models.storage import open_database
from models.sync.merge import merge_files
from models.sync.snapshot import write_snapshot
from models.tables import Meeting, Participation, TranscriptCue
from models.transcript import TranscriptError, cues_from_paragraphs, parse_vtt
from models.transcripts import import_transcript
from tests.teams.reports import ENGLISH, write_report
from tests.teams.test_transcripts import TEAMS_VTT
from tests.templates import copy_demo


def test_two_laptops_that_import_the_same_transcript_merge_into_one_copy(tmp_path: Path) -> None:
    laptop_a = open_database(copy_demo(tmp_path / "a.sqlite"))
    laptop_b = open_database(tmp_path / "b.sqlite")
    merge_files(laptop_b, [write_snapshot(laptop_a, tmp_path / "a-0.sqlite")])
    with laptop_a.session() as session:
        meeting_id = session.exec(select(Meeting).order_by(Meeting.id)).first().id
    vtt = tmp_path / "møte.vtt"
    vtt.write_text(TEAMS_VTT, encoding="utf-8")
    report = write_report(tmp_path, ENGLISH)
    for laptop in (laptop_a, laptop_b):
        import_transcript(laptop, meeting_id, vtt)
    import_attendance(laptop_a, meeting_id, report)

    merge_files(laptop_b, [write_snapshot(laptop_a, tmp_path / "a-1.sqlite")])

    with laptop_b.session() as session:
        cues = session.exec(select(TranscriptCue)).all()
        times = session.exec(
            select(Participation).where(
                Participation.meeting_id == meeting_id, Participation.first_join != ""
            )
        ).all()
    assert len(cues) == 7
    assert len(times) == 3  # the attendance times came across with the participations
    laptop_a.close()
    laptop_b.close()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600))
def test_any_bytes_are_a_report_or_one_attendance_error(data: bytes) -> None:
    try:
        report = parse_report(decode_report(data, "x.csv"), "x.csv")
    except AttendanceError:
        return
    assert report.attendees


_REPORT_WORDS = st.sampled_from(
    ["2. Participants", "Name", "Navn", "First Join", "Email", "Role", "Kari", "a@b.no",
     "11/4/26, 9:58:12 AM", "Organizer", "User Action", "Timestamp", "Joined", "Left", ""]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_REPORT_WORDS, max_size=7), max_size=12))
def test_report_like_tables_are_a_report_or_one_attendance_error(rows: list[list[str]]) -> None:
    text = "\n".join("\t".join(row) for row in rows)
    try:
        report = parse_report(text)
    except AttendanceError:
        return
    assert all(attendee.name for attendee in report.attendees)


_VTT_PIECES = st.sampled_from(
    ["WEBVTT", "", "NOTE x", "1", "00:00:01.000 --> 00:00:02.000", "00:61.0 --> 1", "<v Kari>hei",
     "</v>", "<v>", "tekst", "-->", "<v.a B>x</v><v C>y", "&amp;", "STYLE"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(_VTT_PIECES, max_size=20))
def test_vtt_like_text_gives_cues_with_text_or_one_transcript_error(lines: list[str]) -> None:
    try:
        cues = parse_vtt("\n".join(lines))
    except TranscriptError:
        return
    assert all(cue.text and cue.end_ms >= cue.start_ms for cue in cues)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=40), max_size=15))
def test_any_word_paragraphs_give_cues_or_one_transcript_error(paragraphs: list[str]) -> None:
    try:
        cues = cues_from_paragraphs(paragraphs)
    except TranscriptError:
        return
    assert all(cue.text and cue.end_ms >= cue.start_ms for cue in cues)
