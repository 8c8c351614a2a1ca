"""The demo journey through the Word exports: nothing recorded goes missing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import docx_all_text
from sqlmodel import select

from exports.minutes import write_minutes
from exports.report import write_report
from exports.safe import clean
from models.storage import Database, open_database
from models.tables import Journey, Meeting, Note, Referat, Service
from tests.templates import copy_demo


@pytest.fixture
def demo(db_path: Path) -> Iterator[Database]:
    copy_demo(db_path)  # the demo, built once per test process
    db = open_database(db_path)
    yield db
    db.close()


def test_every_note_or_its_referat_text_of_every_demo_meeting_is_in_its_minutes(demo, tmp_path):
    with demo.session() as session:
        meetings = session.exec(select(Meeting)).all()
        notes = session.exec(select(Note).where(Note.deleted == False)).all()  # noqa: E712
    assert meetings
    for meeting in meetings:
        path = tmp_path / f"{meeting.id}.docx"
        write_minutes(demo, meeting.id, path)
        text = docx_all_text(path)
        with demo.session() as session:
            consolidated = {
                r.question_key: r.text
                for r in session.exec(select(Referat).where(Referat.meeting_id == meeting.id))
            }
        for note in (n for n in notes if n.meeting_id == meeting.id and n.text.strip()):
            # A question with a referat text prints that text instead of the notes.
            shown = consolidated.get(note.question_key, note.text)
            for line in clean(shown).splitlines():
                assert line.strip() in text, (meeting.title, line)


def test_report_names_every_service_of_the_demo_journey(demo, tmp_path):
    with demo.session() as session:
        journey = session.exec(select(Journey)).one()
        services = session.exec(select(Service)).all()
    path = tmp_path / "rapport.docx"
    write_report(demo, journey.id, path)
    text = docx_all_text(path)
    assert len(services) > 20
    for service in services:
        assert service.name in text
