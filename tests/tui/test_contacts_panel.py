"""The contacts panel of a `people` question: a new contact on one line, a known one by type-ahead,
removal undone with one key, and nothing happens to a letter before F2."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

from models.contacts import meeting_contacts
from models.storage import Database
from tui.widgets.contacts_panel import ContactsPanel

from .services_harness import HarnessApp, demo_meetings, settle, type_text
from .support import text_of


def names(db: Database, meeting_id: str) -> list[str]:
    with db.session() as session:
        return [row.name for row in meeting_contacts(session, meeting_id, "F1")]


def shown(app: HarnessApp) -> list[str]:
    table = app.screen.query_one(DataTable)
    return [str(value) for value in table.get_column("name")] if table.row_count else []


async def test_a_new_contact_typed_on_one_line_is_saved_with_phone(demo_db: Database) -> None:
    meeting = demo_meetings(demo_db)[0]
    app = HarnessApp(demo_db, lambda db: ContactsPanel(db, meeting, "F1"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(ContactsPanel)
        panel.enter()
        await pilot.pause()
        assert app.focused is app.screen.query_one("#contact-line")
        await type_text(pilot, "Mona Lie, driftsleder, mona@example.no, 22 33 44 55")
        await pilot.pause()
        assert "ny kontakt" in text_of(app.screen.query_one("#contact-hint", Static))
        await pilot.press("enter")
        await settle(pilot)
        assert shown(app) == ["Mona Lie"]
        assert app.screen.query_one("#contact-line", Input).value == ""
        row = app.screen.query_one(DataTable).get_row_at(0)
        assert str(row[4]) == "22 33 44 55"
    assert names(demo_db, meeting) == ["Mona Lie"]


async def test_a_few_letters_of_a_participant_and_enter_add_that_person(
    demo_db: Database,
) -> None:
    meeting = demo_meetings(demo_db)[0]
    app = HarnessApp(demo_db, lambda db: ContactsPanel(db, meeting, "F1"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(ContactsPanel)
        panel.enter()  # reads the people the type-ahead offers
        participant = next(person for person in panel.people if person.in_meeting)
        await pilot.pause()
        await type_text(pilot, participant.name.split()[0][:3])
        await pilot.pause()
        hint = text_of(app.screen.query_one("#contact-hint", Static))
        assert "Enter legger til" in hint and participant.name.split()[0] in hint
        await pilot.press("enter")
        await settle(pilot)
    assert names(demo_db, meeting)[0].split()[0] == participant.name.split()[0]


async def test_removing_a_contact_is_undone_with_u(demo_db: Database) -> None:
    meeting = demo_meetings(demo_db)[0]
    app = HarnessApp(demo_db, lambda db: ContactsPanel(db, meeting, "F1"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(ContactsPanel)
        panel.enter()
        await pilot.pause()
        await type_text(pilot, "Mona Lie, 22334455")
        await pilot.press("enter")
        await settle(pilot)
        app.screen.query_one(DataTable).focus()
        await pilot.press("delete")
        await settle(pilot)
        assert names(demo_db, meeting) == []
        assert any("u for å angre" in notice for notice in app.notices)
        await pilot.press("u")
        await settle(pilot)
        assert shown(app) == ["Mona Lie"]
    assert names(demo_db, meeting) == ["Mona Lie"]


async def test_keys_do_nothing_until_the_panel_is_entered(demo_db: Database) -> None:
    meeting = demo_meetings(demo_db)[0]
    app = HarnessApp(demo_db, lambda db: ContactsPanel(db, meeting, "F1"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(ContactsPanel)
        panel.enter()
        await pilot.pause()
        await type_text(pilot, "Mona Lie")
        await pilot.press("enter")
        await settle(pilot)
        panel.leave()
        app.screen.query_one(DataTable).focus()
        await pilot.press("x", "delete", "n")
        await settle(pilot)
        assert not app.screen.query_one("#contact-line", Input).can_focus
    assert names(demo_db, meeting) == ["Mona Lie"]


async def test_a_line_without_a_name_keeps_what_was_typed_and_says_why(
    demo_db: Database,
) -> None:
    meeting = demo_meetings(demo_db)[0]
    app = HarnessApp(demo_db, lambda db: ContactsPanel(db, meeting, "F1"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.screen.query_one(ContactsPanel).enter()
        await pilot.pause()
        await type_text(pilot, "22334455, Mona")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#contact-line", Input).value == "22334455, Mona"
        assert "navnet først" in text_of(app.screen.query_one("#contact-error", Static))
    assert names(demo_db, meeting) == []
