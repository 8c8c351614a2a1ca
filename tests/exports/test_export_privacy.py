"""With --uten-deltakere / --pseudonymiser no export holds any person's name or e-mail."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import select

from exports.markdown import write_markdown
from exports.minutes import write_minutes
from exports.report import write_report
from exports.services import write_services
from models.records import create
from models.storage import Database, open_database
from models.tables import Journey, Meeting, Person, Service
from tests.templates import copy_demo


@pytest.fixture
def demo(db_path: Path) -> Iterator[Database]:
    copy_demo(db_path)  # the demo, built once per test process
    db = open_database(db_path)
    with db.transaction() as session:
        # A contact who is in no meeting, named with her e-mail in a service's contact field.
        create(db, session, Person, name="Nina Nilsen", email="nina.nilsen@eksempel.no")
        create(
            db,
            session,
            Service,
            name="Vaktliste-app",
            contact_person="Nina Nilsen (nina.nilsen@eksempel.no), ellers post@ukjent.example",
        )
    yield db
    db.close()


def _file_text(path: Path) -> str:
    """Every part of a Word or Excel file (body, headers, properties, shared strings) as text."""
    if path.suffix in (".docx", ".xlsx"):
        with zipfile.ZipFile(path) as archive:
            return "\n".join(
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
            )
    return path.read_text("utf-8-sig")


def _every_export(db: Database, folder: Path, mode: str) -> list[Path]:
    with db.session() as session:
        meetings = session.exec(select(Meeting)).all()
        journey = session.exec(select(Journey)).one()
    written = []
    for meeting in meetings:
        path = folder / f"referat-{meeting.id}.docx"
        write_minutes(db, meeting.id, path, participants=mode)
        written.append(path)
    for journey_ref in (journey.id, None):
        path = folder / f"rapport-{journey_ref}.docx"
        write_report(db, journey_ref, path, participants=mode)
        written.append(path)
    for name in ("tjenester.xlsx", "tjenester.csv"):
        write_services(db, folder / name, participants=mode)
        written.append(folder / name)
    written += write_markdown(db, folder / "markdown", participants=mode)
    return written


@pytest.mark.parametrize("mode", ["ingen", "pseudonym"])
def test_no_export_holds_any_persons_name_or_email(demo, tmp_path, mode):
    with demo.session() as session:
        people = session.exec(select(Person)).all()
    names = {person.name for person in people if person.name}
    emails = {person.email for person in people if person.email} | {"post@ukjent.example"}
    assert len(names) > 20 and len(emails) > 10
    files = _every_export(demo, tmp_path, mode)
    assert len(files) > 8
    for path in files:
        text = _file_text(path)
        if path.name.startswith(("tjenester", "rapport-None")):
            assert "Vaktliste-app" in text  # the contact field was exported, scrubbed
        for secret in sorted(names | emails):
            assert secret not in text, f"{path.name} holds «{secret}» ({mode})"


def test_with_names_shown_the_exports_do_hold_them(demo, tmp_path):
    """The search above can fail: with names shown, the same search finds them."""
    files = _every_export(demo, tmp_path, "alle")
    text = "\n".join(_file_text(path) for path in files)
    assert "Nina Nilsen" in text and "nina.nilsen@eksempel.no" in text
