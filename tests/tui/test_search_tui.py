"""The search screen, its jumps, the catalogue's text filter and «Spørsmål på tvers», as a user
drives them (Pilot), plus SVG snapshots of the search and across screens."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlmodel import select
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from models import records
from models.storage import open_database
from models.tables import Meeting
from tests.templates import copy_demo
from tests.tui.support import make_app, settle, text_of, type_text, wait_for_screen
from tui.screens.across import AcrossScreen
from tui.screens.capture import CaptureScreen
from tui.screens.search import SearchScreen
from tui.screens.service_catalogue import ServiceCatalogueScreen
from tui.screens.service_form import ServiceFormScreen
from tui.widgets.notes_editor import NotesEditor


def demo(db_path: Path) -> dict[str, str]:
    """Load the demo; meeting ids by a word of their title."""
    copy_demo(db_path)  # the demo, built once per test process
    db = open_database(db_path)
    try:
        with db.session() as session:
            meetings = session.exec(select(Meeting)).all()
            return {
                word: m.id
                for m in meetings
                for word in ("Sykehuspartner", "HEMIT", "Nord")
                if word in m.title
            }
    finally:
        db.close()


async def search_for(pilot: Pilot, query: str) -> SearchScreen:
    """Type `query` on the open search screen and wait for its hits."""
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    await type_text(pilot, query)
    for _ in range(100):
        await asyncio.sleep(0.02)
        await settle(pilot)
        if screen.searched == screen.query_one(Input).value:
            break
    return screen


def shown_hits(screen: SearchScreen) -> list[str]:
    options = screen.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_ctrl_f_on_home_finds_as_you_type_with_the_match_marked(db_path: Path) -> None:
    demo(db_path)
    app = make_app(db_path, author="Kari Nordmann")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f")
        await wait_for_screen(pilot, "SearchScreen")
        screen = await search_for(pilot, "lifex")

        assert screen.hits and all("lifex" in hit.snippet.lower() for hit in screen.hits)
        prompt = screen.query_one(OptionList).get_option_at_index(0).prompt
        marked = [span for span in prompt.spans if "reverse" in str(span.style)]  # type: ignore[union-attr]
        assert marked and prompt.plain[marked[0].start : marked[0].end].lower() == "lifex"  # type: ignore[union-attr]
        assert "treff" in text_of(screen.query_one("#search-status", Static))


async def test_slash_on_home_opens_search_and_nothing_found_says_so(db_path: Path) -> None:
    demo(db_path)
    app = make_app(db_path, author="Kari Nordmann")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await wait_for_screen(pilot, "SearchScreen")
        screen = await search_for(pilot, 'NEAR("(zzq')
        assert screen.hits == []
        assert "Ingen treff" in text_of(screen.query_one("#search-status", Static))
        await pilot.press("escape")
        await wait_for_screen(pilot, "HomeScreen")


async def test_search_from_capture_saves_the_note_first_and_returns_to_the_editor(
    db_path: Path,
) -> None:
    meetings = demo(db_path)
    app = make_app(db_path, author="Kari Nordmann", meeting_ref=meetings["HEMIT"])
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, "CaptureScreen")
        capture = app.screen
        await type_text(pilot, "Kvasimodo ")
        await pilot.press("ctrl+f")  # at once: before the autosave's pause is over
        await wait_for_screen(pilot, "SearchScreen")
        screen = await search_for(pilot, "kvasimodo")
        assert [hit.meeting_id for hit in screen.hits] == [meetings["HEMIT"]]

        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is capture
        assert app.focused is capture.query_one(NotesEditor)
        await type_text(pilot, "mer")
        assert capture.query_one(NotesEditor).text.endswith("Kvasimodo mer")


async def test_enter_on_a_note_opens_its_meeting_at_its_question(db_path: Path) -> None:
    meetings = demo(db_path)
    db = open_database(db_path)
    records.save_note(db, meetings["Nord"], "C3", "Ola Hansen", "Snøscooter med radio")
    db.close()
    app = make_app(db_path, author="Kari Nordmann")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f")
        await wait_for_screen(pilot, "SearchScreen")
        await search_for(pilot, "snøscooter")
        await pilot.press("enter")
        await wait_for_screen(pilot, "CaptureScreen")
        capture = app.screen
        assert isinstance(capture, CaptureScreen)
        assert capture.data.meeting_id == meetings["Nord"]
        assert capture.question.key == "C3"
        assert app.focused is capture.query_one(NotesEditor)


async def test_a_hit_in_the_open_meeting_moves_to_its_question_in_place(db_path: Path) -> None:
    meetings = demo(db_path)
    db = open_database(db_path)
    records.save_note(db, meetings["HEMIT"], "D2", "Ola Hansen", "Opplæring via Kvadrant")
    db.close()
    app = make_app(db_path, author="Kari Nordmann", meeting_ref=meetings["HEMIT"])
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, "CaptureScreen")
        capture = app.screen
        await pilot.press("ctrl+f")
        await wait_for_screen(pilot, "SearchScreen")
        await search_for(pilot, "kvadrant")
        await pilot.press("down", "enter")  # down: the list follows the cursor in the field
        await wait_for_screen(pilot, "CaptureScreen")
        assert app.screen is capture
        assert isinstance(capture, CaptureScreen) and capture.question.key == "D2"
        assert app.focused is capture.query_one(NotesEditor)


async def test_enter_on_a_service_opens_its_form(db_path: Path) -> None:
    demo(db_path)
    app = make_app(db_path, author="Kari Nordmann")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f")
        await wait_for_screen(pilot, "SearchScreen")
        screen = await search_for(pilot, "ambulansejournal")
        index = next(i for i, hit in enumerate(screen.hits) if hit.kind == "service")
        screen.query_one(OptionList).highlighted = index
        await pilot.press("enter")
        await wait_for_screen(pilot, "ServiceFormScreen")
        form = app.screen
        assert isinstance(form, ServiceFormScreen)
        assert form.service_id == screen.hits[index].id


async def test_a_note_with_markup_is_shown_as_typed(db_path: Path) -> None:
    meetings = demo(db_path)
    db = open_database(db_path)
    records.save_note(db, meetings["Nord"], "A1", "Ola", "Markering [bold red]xyzzy[/] og [link=x]")
    db.close()
    app = make_app(db_path, author="Kari Nordmann")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f")
        await wait_for_screen(pilot, "SearchScreen")
        screen = await search_for(pilot, "xyzzy")
        assert "[bold red]xyzzy[/] og [link=x]" in shown_hits(screen)[0]


async def test_the_palette_offers_search_and_the_question_across_meetings(db_path: Path) -> None:
    demo(db_path)
    app = make_app(db_path, author="Kari Nordmann")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Søk" in titles and "Spørsmål på tvers" in titles


async def test_the_catalogue_text_filter_uses_the_search_index(db_path: Path) -> None:
    demo(db_path)
    app = make_app(db_path, author="Kari Nordmann")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await wait_for_screen(pilot, "ServiceCatalogueScreen")
        catalogue = app.screen
        assert isinstance(catalogue, ServiceCatalogueScreen)
        total = len(catalogue.shown)
        await pilot.press("slash")
        await type_text(pilot, "ambulansejour")
        wanted = ["Elektronisk ambulansejournal (nettbrett)"]
        for _ in range(100):  # the filter follows the text a few keys behind on a busy machine
            await asyncio.sleep(0.02)
            await settle(pilot)
            if [row.name for row in catalogue.shown] == wanted:
                break
        assert catalogue.query_one("#filter-text", Input).value == "ambulansejour"
        assert [row.name for row in catalogue.shown] == wanted
        await pilot.press("enter")  # back to the table
        await pilot.press("x")  # clears every filter, the text too
        for _ in range(100):
            await asyncio.sleep(0.02)
            await settle(pilot)
            if len(catalogue.shown) == total:
                break
        assert len(catalogue.shown) == total
        assert catalogue.query_one("#filter-text", Input).value == ""


async def test_f5_shows_the_question_across_the_journeys_meetings(db_path: Path) -> None:
    meetings = demo(db_path)
    app = make_app(db_path, author="Kari Nordmann", meeting_ref=meetings["HEMIT"])
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, "CaptureScreen")
        await pilot.press("pagedown")  # A2
        await pilot.press("f5")
        await wait_for_screen(pilot, "AcrossScreen")
        across = app.screen
        assert isinstance(across, AcrossScreen)
        assert across.questions[across.index].key == "A2"
        cards = list(across.query(".across-card"))
        assert len(cards) == len(across.data.meetings) >= 4  # type: ignore[union-attr]
        titles = [str(card.border_title) for card in cards]
        assert any("HEMIT" in title for title in titles)
        await pilot.press("pagedown")
        await settle(pilot)
        assert across.questions[across.index].key == "A3"
        await pilot.press("escape")
        await wait_for_screen(pilot, "CaptureScreen")


# --- snapshots ------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
def test_search_screen_snapshot(snap_compare, db_path: Path, size: tuple[int, int]) -> None:
    demo(db_path)

    async def search(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("ctrl+f")
        await wait_for_screen(pilot, "SearchScreen")
        await search_for(pilot, "robust mobilt")
        pilot.app.screen.query_one(Input).cursor_blink = False
        await pilot.pause()

    app = make_app(db_path, author="Kari Nordmann")
    assert snap_compare(app, terminal_size=size, run_before=search)


def test_across_screen_snapshot(snap_compare, db_path: Path) -> None:
    meetings = demo(db_path)

    async def across(pilot: Pilot) -> None:
        await wait_for_screen(pilot, "CaptureScreen")
        await pilot.press("pagedown", "f5")
        await wait_for_screen(pilot, "AcrossScreen")
        await settle(pilot)

    app = make_app(db_path, author="Kari Nordmann", meeting_ref=meetings["HEMIT"])
    assert snap_compare(app, terminal_size=(100, 30), run_before=across)
