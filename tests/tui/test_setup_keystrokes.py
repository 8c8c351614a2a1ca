"""Setting up a meeting in few keys: known people by type-ahead, new ones on one line."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from models.records import live
from models.storage import open_database
from models.tables import Answer, Meeting, Participation, Person
from tests.templates import copy_demo
from tests.tui.support import make_app, settle, text_of, type_text, wait_for_screen
from tui.screens.meeting_setup import MeetingSetupScreen
from tui.widgets.choice_list import ChoiceList
from tui.widgets.notes_editor import NotesEditor


def load(db_path: Path) -> None:
    copy_demo(db_path)  # the demo, built once per test process
    db = open_database(db_path)
    db.close()


def meeting_people(db_path: Path, title: str) -> dict[str, list[tuple[str, str]]]:
    db = open_database(db_path)
    try:
        with db.session() as session:
            meeting = session.exec(live(Meeting).where(Meeting.title == title)).one()
            roles: dict[str, list[tuple[str, str]]] = {}
            for row in session.exec(
                live(Participation).where(Participation.meeting_id == meeting.id)
            ).all():
                person = session.get(Person, row.person_id)
                assert person is not None
                roles.setdefault(row.role, []).append((person.name, person.email))
            return roles
    finally:
        db.close()


async def test_four_known_participants_from_launch_to_the_first_note_in_at_most_30_keys(
    db_path: Path,
) -> None:
    load(db_path)
    app = make_app(db_path, author="Kari Nordmann")
    pressed: list[str] = []

    async def press(*keys: str) -> None:
        pressed.extend(keys)
        await pilot.press(*keys)

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press("m")
        await wait_for_screen(pilot, "MeetingSetupScreen")
        screen = app.screen
        assert isinstance(screen, MeetingSetupScreen)
        orgs = screen.query_one("#orgs")
        names = [str(orgs.get_option_at_index(i).value) for i in range(orgs.option_count)]  # type: ignore[attr-defined]
        await press(*["down"] * names.index("Helse Nord IKT"), "space")
        await press("tab", "tab")  # past «ny virksomhet» to «legg til deltaker»
        assert app.focused is screen.query_one("#add-person")
        for letters in ("ni", "me", "bj", "in"):
            await press(*letters, "enter")
        await press("ctrl+s")
        await wait_for_screen(pilot, "CaptureScreen")
        assert app.focused is app.screen.query_one(NotesEditor)
        assert app.screen.data.guide.version == 2  # type: ignore[attr-defined]
        chooser = app.screen.query_one(ChoiceList)
        assert chooser.chosen == ["Helse Nord IKT"]  # A1, answered from the set-up
        await type_text(pilot, "Første notat")
        await settle(pilot)
    assert len(pressed) <= 30, pressed
    print(f"keys from launch to the first note: {len(pressed)}")
    roles = meeting_people(db_path, "Møte med Helse Nord IKT")
    assert [name for name, _ in roles["deltaker"]] == [
        "Nils Johansen",
        "Mette Karlsen",
        "Bjørn Pedersen",
        "Ingrid Berg",
    ]
    assert [name for name, _ in roles["fasilitator"]] == ["Kari Nordmann"]
    assert "referent" not in roles  # the facilitator is not made a note-taker too


async def test_a_new_person_on_one_line_and_a_checked_teams_link(db_path: Path) -> None:
    load(db_path)
    app = make_app(db_path, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await wait_for_screen(pilot, "MeetingSetupScreen")
        screen = app.screen
        await pilot.press("space", "tab", "tab")
        await type_text(pilot, "Åse Ny, arkitekt, ase@eksempel.no")
        hint = text_of(screen.query_one("#person-hint"))
        assert "ny: Åse Ny, arkitekt" in hint
        await pilot.press("enter")
        await type_text(pilot, "Feil, rolle, ikke-epost@")
        await pilot.press("enter")
        assert "ikke en e-postadresse" in text_of(screen.query_one("#participants-error"))
        screen.query_one("#teams-link").value = "teams.microsoft.com/l/meetup"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MeetingSetupScreen)
        assert "https://" in text_of(screen.query_one("#teams-link-error"))
        link = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc"
        screen.query_one("#teams-link").value = link  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "CaptureScreen")
    db = open_database(db_path)
    try:
        with db.session() as session:
            meeting = session.exec(select(Meeting).where(Meeting.teams_link != "")).one()
            person = session.exec(select(Person).where(Person.name == "Åse Ny")).one()
            answer = session.exec(live(Answer).where(Answer.meeting_id == meeting.id)).first()
    finally:
        db.close()
    assert (meeting.teams_link, meeting.teams) == (link, True)
    assert (person.role, person.email) == ("arkitekt", "ase@eksempel.no")
    assert answer is not None  # the organisation question, answered from the set-up
