"""Follow-ups in the TUI: add one on a line, change status, close it, and the list across meetings."""

from __future__ import annotations

from sqlmodel import select
from textual.widgets import DataTable, Input, Static

from models.storage import Database
from models.tables import FollowUp
from tui.screens.followups import FollowUpsScreen
from tui.widgets.followups_panel import FollowUpsPanel

from .services_harness import HarnessApp, demo_meetings, settle, type_text


def whats(app: HarnessApp) -> list[str]:
    table = app.screen.query_one(DataTable)
    return [str(value) for value in table.get_column("what")]


def followup(db: Database, what: str) -> FollowUp:
    with db.session() as session:
        return session.exec(select(FollowUp).where(FollowUp.what == what)).one()


async def test_add_a_followup_on_one_line_then_close_it(demo_db: Database) -> None:
    meeting = demo_meetings(demo_db)[3]
    app = HarnessApp(demo_db, lambda db: FollowUpsPanel(db, meeting))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        before = len(whats(app))
        app.screen.query_one(FollowUpsPanel).enter()  # F2 on the capture screen
        await pilot.pause()
        app.screen.query_one("#fu-what").focus()
        await type_text(pilot, "Sende dekningskart")
        await pilot.press("tab")
        await type_text(pilot, "Kari")
        await pilot.press("tab")
        await type_text(pilot, "15.12.2026")
        await pilot.press("enter")
        await settle(pilot)
        assert whats(app)[-1] == "Sende dekningskart"
        assert len(whats(app)) == before + 1
        assert app.screen.query_one("#fu-what", Input).value == ""
        assert app.focused is app.screen.query_one("#fu-what")
        added = followup(demo_db, "Sende dekningskart")
        row = app.screen.query_one(DataTable).get_row(added.id)
        assert [str(cell) for cell in row[1:]] == ["Kari", "15.12.2026", "åpen"]

        table = app.screen.query_one(DataTable)
        table.focus()
        await pilot.press("f")
        await settle(pilot)
        assert str(table.get_row_at(table.cursor_row)[3]) == "lukket"
    assert followup(demo_db, "Sende dekningskart").status == "lukket"


async def test_space_cycles_the_status(demo_db: Database) -> None:
    meeting = demo_meetings(demo_db)[3]
    app = HarnessApp(demo_db, lambda db: FollowUpsPanel(db, meeting))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        app.screen.query_one(FollowUpsPanel).enter()
        table.focus()
        await pilot.pause()
        start = str(table.get_row_at(0)[3])
        await pilot.press("space")
        await settle(pilot)
        after = str(table.get_row_at(0)[3])
        assert (start, after) in {("åpen", "pågår"), ("pågår", "lukket"), ("lukket", "åpen")}


async def test_bad_due_date_is_explained_and_nothing_typed_is_lost(demo_db: Database) -> None:
    meeting = demo_meetings(demo_db)[0]
    with demo_db.session() as session:
        count = len(session.exec(select(FollowUp)).all())
    app = HarnessApp(demo_db, lambda db: FollowUpsPanel(db, meeting))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one(FollowUpsPanel).enter()  # F2 on the capture screen
        await pilot.pause()
        app.screen.query_one("#fu-what").focus()
        await type_text(pilot, "Avklare æøå 🚑")
        await pilot.press("tab", "tab")
        await type_text(pilot, "neste uke")
        await pilot.press("enter")
        await settle(pilot)
        error = app.screen.query_one("#fu-error", Static)
        assert error.has_class("-shown")
        assert "«neste uke» er ikke en dato" in str(error.render())
        assert app.screen.query_one("#fu-what", Input).value == "Avklare æøå 🚑"
        assert app.focused is app.screen.query_one("#fu-due")
    with demo_db.session() as session:
        assert len(session.exec(select(FollowUp)).all()) == count


async def test_empty_what_is_refused_inline(demo_db: Database) -> None:
    meeting = demo_meetings(demo_db)[0]
    app = HarnessApp(demo_db, lambda db: FollowUpsPanel(db, meeting))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one(FollowUpsPanel).enter()  # F2 on the capture screen
        await pilot.pause()
        app.screen.query_one("#fu-who").focus()
        await type_text(pilot, "Ola")
        await pilot.press("enter")
        await settle(pilot)
        assert "Skriv hva som skal følges opp" in str(app.screen.query_one("#fu-error").render())
        assert app.focused is app.screen.query_one("#fu-what")


async def test_open_list_shows_a_new_followup_and_drops_it_when_done(demo_db: Database) -> None:
    meeting = demo_meetings(demo_db)[1]
    panel_app = HarnessApp(demo_db, lambda db: FollowUpsPanel(db, meeting))
    async with panel_app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        panel_app.screen.query_one(FollowUpsPanel).enter()
        await pilot.pause()
        await type_text(pilot, "Sjekke reserveløsning")
        await pilot.press("tab", "tab", "1", ".", "1", ".", "2", "0", "2", "6", "enter")
        await settle(pilot)

    app = HarnessApp(demo_db, FollowUpsScreen)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        listed = whats(app)
        assert "Sjekke reserveløsning" in listed
        assert listed.index("Sjekke reserveløsning") == 0  # the soonest due comes first
        status = app.screen.query_one("#followups-status", Static)
        assert f"{len(listed)} åpne oppfølgingspunkter" in str(status.render())
        await pilot.press("f")
        await settle(pilot)
        assert "Sjekke reserveløsning" not in whats(app)
        assert len(whats(app)) == len(listed) - 1
    assert followup(demo_db, "Sjekke reserveløsning").status == "lukket"


async def test_open_list_leaves_out_closed_items_and_names_the_organisation(
    demo_db: Database,
) -> None:
    with demo_db.session() as session:
        items = session.exec(select(FollowUp).where(FollowUp.deleted == False)).all()  # noqa: E712
    open_items = {item.what.splitlines()[0] for item in items if item.status != "lukket"}
    app = HarnessApp(demo_db, FollowUpsScreen)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        shown = whats(app)
        assert len(shown) == len(open_items)
        meetings = [str(v) for v in app.screen.query_one(DataTable).get_column("meeting")]
        assert "Helse Nord IKT" in meetings
