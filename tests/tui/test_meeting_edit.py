"""Editing a stored meeting's set-up: from home, the capture screen and the palette.

The form is the set-up screen in edit mode; saving writes only what changed, and removed people
and organisations are tombstoned so that merging another laptop's copy sees the removal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from sqlmodel import select
from textual.widgets import DataTable, Input, Select, SelectionList, Static, TextArea

from models.errors import GuideLocked, InnsiktError
from models.meetings import create_meeting, update_meeting
from models.storage import open_database
from models.tables import Meeting, MeetingOrganisation, Participation, Person
from tests.templates import copy_demo
from tests.tui.support import make_app, settle, text_of, type_text, wait_for_screen
from tui.forms import MeetingForm, ParticipantLine
from tui.screens.meeting_setup import MeetingSetupScreen
from tui.store import load_meeting_setup

DEMO_TITLE = "Innsiktsmøte med HEMIT HF"


def demo_meeting(db_path: Path, title: str = DEMO_TITLE) -> str:
    copy_demo(db_path)  # the demo, built once per test process
    db = open_database(db_path)
    try:
        with db.session() as session:
            return session.exec(select(Meeting).where(Meeting.title == title)).one().id
    finally:
        db.close()


def participants_of(db_path: Path, meeting_id: str) -> dict[str, bool]:
    """Participant name -> tombstoned, for the meeting's «deltaker» links."""
    db = open_database(db_path)
    try:
        with db.session() as session:
            rows = session.exec(
                select(Participation).where(
                    Participation.meeting_id == meeting_id, Participation.role == "deltaker"
                )
            ).all()
            return {session.get(Person, row.person_id).name: row.deleted for row in rows}
    finally:
        db.close()


async def open_for_edit(pilot, meeting_id: str) -> MeetingSetupScreen:
    table = pilot.app.screen.query_one("#meetings", DataTable)
    table.move_cursor(row=table.get_row_index(meeting_id))
    await pilot.press("e")
    await wait_for_screen(pilot, "MeetingSetupScreen")
    screen = pilot.app.screen
    assert isinstance(screen, MeetingSetupScreen)
    return screen


async def test_edit_from_home_changes_date_and_participants(db_path: Path) -> None:
    meeting_id = demo_meeting(db_path)
    app = make_app(db_path, author="Kari Nordmann")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        footer_keys = {
            active.binding.key: active.binding.description
            for active in app.screen.active_bindings.values()
            if active.binding.show
        }
        assert footer_keys.get("e") == "Rediger"
        screen = await open_for_edit(pilot, meeting_id)
        assert screen.query_one("#title", Input).value == DEMO_TITLE
        assert screen.query_one("#date", Input).value == "14.10.2026"
        assert screen.query_one("#orgs", SelectionList).selected == ["HEMIT HF"]
        assert screen.query_one("#facilitators", Input).value == "Per Olsen"
        editor = screen.query_one("#participants", TextArea)
        lines = editor.text.splitlines()
        assert len(lines) == 3
        removed = lines[0].split(",")[0]
        kept = [line.split(",")[0] for line in lines[1:]]

        date = screen.query_one("#date", Input)
        date.value = ""
        date.focus()
        await type_text(pilot, "15.10.2026")
        editor.text = "\n".join([*lines[1:], "Åse Ødegård, seksjonsleder, HEMIT HF"])
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "HomeScreen")
        table = app.screen.query_one("#meetings", DataTable)
        row = table.get_row(meeting_id)
        assert str(row[0]).startswith("15.10.2026")  # then the start time

    db = open_database(db_path)
    with db.session() as session:
        assert session.get(Meeting, meeting_id).date == dt.date(2026, 10, 15)
    db.close()
    people = participants_of(db_path, meeting_id)
    assert people[removed] is True  # tombstoned, still in the file
    assert people["Åse Ødegård"] is False
    assert all(people[name] is False for name in kept)


async def test_guide_is_read_only_once_the_meeting_has_notes(db_path: Path) -> None:
    meeting_id = demo_meeting(db_path)
    app = make_app(db_path, author="Kari Nordmann")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = await open_for_edit(pilot, meeting_id)
        guide = screen.query_one("#guide", Select)
        assert guide.disabled
        assert guide.value == "mobile-tjenester@1"
        assert "har allerede notater" in text_of(screen.query_one("#guide-locked", Static))


async def test_a_bad_date_is_shown_beside_the_field_and_nothing_is_saved(db_path: Path) -> None:
    meeting_id = demo_meeting(db_path)
    app = make_app(db_path, author="Kari Nordmann")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = await open_for_edit(pilot, meeting_id)
        screen.query_one("#date", Input).value = "31.02.2026"
        screen.query_one("#title", Input).value = "Ny tittel 😀"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert "31.02.2026" in text_of(screen.query_one("#date-error", Static))
    db = open_database(db_path)
    with db.session() as session:
        assert session.get(Meeting, meeting_id).title == DEMO_TITLE
    db.close()


async def test_edit_from_capture_returns_to_the_same_question(db_path: Path) -> None:
    meeting_id = demo_meeting(db_path)
    app = make_app(db_path, author="Kari Nordmann", meeting_ref=meeting_id)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, "CaptureScreen")
        await pilot.press("pagedown", "pagedown")
        key = app.screen.question.key
        await pilot.press("f3")
        await wait_for_screen(pilot, "MeetingSetupScreen")
        title = app.screen.query_one("#title", Input)
        title.value = "Oppfølgingsmøte HEMIT"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "CaptureScreen")
        assert app.screen.question.key == key
        assert [type(s).__name__ for s in app.screen_stack] == ["HomeScreen", "CaptureScreen"]
        assert app.screen.data.title == "Oppfølgingsmøte HEMIT"


async def test_palette_opens_the_edit_form(db_path: Path) -> None:
    meeting_id = demo_meeting(db_path)
    app = make_app(db_path, author="Kari Nordmann")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#meetings", DataTable)
        table.move_cursor(row=table.get_row_index(meeting_id))
        await pilot.press("ctrl+p")
        await type_text(pilot, "Rediger møte")
        await pilot.pause()
        await pilot.press("enter")
        await wait_for_screen(pilot, "MeetingSetupScreen")
        assert app.screen.query_one("#title", Input).value == DEMO_TITLE
        await pilot.press("escape")
        await wait_for_screen(pilot, "HomeScreen")


# --- the store, directly ---------------------------------------------------------------------


def form_from(db_path: Path, meeting_id: str, **changes: object) -> MeetingForm:
    db = open_database(db_path)
    setup = load_meeting_setup(db, meeting_id)
    db.close()
    return replace(setup.form, **changes)  # type: ignore[arg-type]


def all_stamps(db_path: Path) -> dict[str, str]:
    db = open_database(db_path)
    with db.session() as session:
        stamps = {
            row.id: row.hlc
            for model in (Meeting, MeetingOrganisation, Participation, Person)
            for row in session.exec(select(model)).all()
        }
    db.close()
    return stamps


def test_saving_an_unchanged_meeting_writes_nothing(db_path: Path) -> None:
    meeting_id = demo_meeting(db_path)
    form = form_from(db_path, meeting_id)
    before = all_stamps(db_path)
    db = open_database(db_path)
    update_meeting(db, meeting_id, form)
    db.close()
    assert all_stamps(db_path) == before


def test_removed_organisation_is_tombstoned_and_brought_back(db_path: Path) -> None:
    meeting_id = demo_meeting(db_path)
    db = open_database(db_path)
    update_meeting(db, meeting_id, form_from(db_path, meeting_id, organisations=("Helse Nord",)))
    setup = load_meeting_setup(db, meeting_id)
    assert setup.form.organisations == ("Helse Nord",)
    update_meeting(db, meeting_id, form_from(db_path, meeting_id, organisations=("HEMIT HF",)))
    with db.session() as session:
        links = session.exec(
            select(MeetingOrganisation).where(MeetingOrganisation.meeting_id == meeting_id)
        ).all()
    db.close()
    # The HEMIT link came back to life instead of a second one being made; Helse Nord's is a
    # tombstone.
    assert sorted(link.deleted for link in links) == [False, True]
    assert len(links) == 2


def test_guide_change_is_refused_when_notes_exist(db_path: Path) -> None:
    meeting_id = demo_meeting(db_path)
    form = form_from(db_path, meeting_id, guide_version=99)
    db = open_database(db_path)
    try:
        update_meeting(db, meeting_id, form)
    except GuideLocked as error:
        # A user error like any other: the CLI and the TUI show it as one line.
        assert isinstance(error, InnsiktError)
        assert "kan ikke byttes" in str(error)
    else:
        raise AssertionError("the guide changed on a meeting with notes")
    with db.session() as session:
        assert session.get(Meeting, meeting_id).guide_version == 1
    db.close()


def test_guide_may_change_while_the_meeting_is_empty(db_path: Path) -> None:
    db = open_database(db_path)
    meeting_id = create_meeting(
        db,
        MeetingForm(
            title="Tomt møte",
            date=dt.date(2026, 11, 23),
            start_time="",
            end_time="",
            place="",
            teams=True,
            organisations=("Helse Nord RHF",),
            participants=(ParticipantLine("Ola", "leder", ""),),
            facilitators=(),
            note_takers=("Kari",),
            guide_key="mobile-tjenester",
            guide_version=1,
            journey_id=None,
            new_journey="Reise",
        ),
    )
    db.close()
    form = form_from(db_path, meeting_id, guide_key="annen-guide", guide_version=2)
    db = open_database(db_path)
    update_meeting(db, meeting_id, form)
    with db.session() as session:
        meeting = session.get(Meeting, meeting_id)
        assert (meeting.guide_key, meeting.guide_version) == ("annen-guide", 2)
    db.close()
