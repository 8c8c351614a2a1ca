"""The capture screen's side panels are mounted ahead, hidden, once the screen is painted and the
database open: the first PgDn to a panel question mounts nothing, paging past panels whose rows
did not change reads nothing from the file, and keys typed while they are being mounted all land
on the question they were typed on."""

from __future__ import annotations

import asyncio
import sqlite3
import sys
from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable

from models.mentions import link_service
from models.storage import open_database
from tests.tui.support import burst, demo_meeting, make_app, open_capture, settle, wait_for_screen
from tests.tui.test_capture_paging import all_services, shown_panel
from tui.screens import capture_panels
from tui.screens.capture import CaptureScreen
from tui.screens.capture_panels import PANEL_MODULES, panel_key
from tui.widgets.contacts_panel import ContactsPanel
from tui.widgets.entered_panel import EnteredPanel, TablePanel
from tui.widgets.notes_editor import NotesEditor
from tui.widgets.services_panel import ServicesPanel


def panel_questions(screen: CaptureScreen) -> set[tuple[str, str]]:
    return {panel_key(q) for q in screen.questions if q.kind in PANEL_MODULES}


async def all_mounted_ahead(pilot: Pilot, screen: CaptureScreen) -> None:
    for _ in range(300):
        await settle(pilot)
        mounted = {key for key, panel in screen._panels.items() if panel.is_mounted}
        if mounted == panel_questions(screen) and not screen._ahead:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"mounted ahead: {sorted(screen._panels)}")


def note_of(db_path: Path, meeting_id: str, question_key: str) -> str:
    with sqlite3.connect(db_path) as connection:
        row = connection.execute(
            "SELECT text FROM note WHERE meeting_id = ? AND question_key = ? AND author = 'Kari'"
            " AND NOT deleted",
            (meeting_id, question_key),
        ).fetchone()
    return row[0] if row else ""


async def test_the_panels_are_mounted_ahead_hidden_and_a_first_pgdn_to_one_mounts_nothing(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting_id = demo_meeting(db_path)
    async with open_capture(db_path, meeting_id) as (app, pilot, screen):
        assert screen.question.kind == "choice"  # the first question has no panel
        screen.ticker = lambda: 0.0  # no time per question written: nothing commits
        await all_mounted_ahead(pilot, screen)
        # Mounted hidden: nothing shown, the note kept the keyboard, each panel's rows read
        # and its table filled.
        assert shown_panel(screen) is None
        assert isinstance(app.focused, NotesEditor)
        assert all(module in sys.modules for module in PANEL_MODULES.values())
        assert screen.panels_read() == len(panel_questions(screen))
        services = [p for p in screen._panels.values() if isinstance(p, ServicesPanel)]
        assert any(p.rows for p in services)
        assert all(len(p.rows) == p.query_one(DataTable).row_count for p in services)
        registered: list[object] = []
        register = App._register

        def counted(
            self: App[object], parent: object, *widgets: object, **kwargs: object
        ) -> object:
            registered.extend(widgets)
            return register(self, parent, *widgets, **kwargs)  # type: ignore[arg-type]

        filled: list[DataTable[object]] = []
        clear = DataTable.clear

        def cleared(self: DataTable[object], columns: bool = False) -> DataTable[object]:
            filled.append(self)
            return clear(self, columns)

        monkeypatch.setattr(App, "_register", counted)
        monkeypatch.setattr(DataTable, "clear", cleared)
        for index, question in enumerate(screen.questions[1:], start=1):
            await pilot.press("pagedown")
            await settle(pilot)
            assert screen.index == index
            panel = shown_panel(screen)
            if question.kind in PANEL_MODULES:
                assert panel is screen._panels[panel_key(question)], question.key
                assert panel.display and panel.is_mounted
            else:
                assert panel is None, question.key
        # The whole guide paged through, each panel shown for the first time: not one widget
        # mounted (before: a panel, its table and fields at the first visit to each), not one
        # table filled again (it was filled, hidden, for the width it got) nor a row read again.
        assert registered == []
        assert filled == []
        assert screen.panels_read() == len(panel_questions(screen))
        assert all(len(p.rows) == p.query_one(DataTable).row_count for p in services)


async def test_paging_past_panels_whose_rows_did_not_change_reads_nothing_from_the_file(
    db_path: Path,
) -> None:
    meeting_id = demo_meeting(db_path)
    async with open_capture(db_path, meeting_id) as (_app, pilot, screen):
        screen.ticker = lambda: 0.0  # no time per question written: nothing commits
        await all_mounted_ahead(pilot, screen)
        last = len(screen.questions) - 1
        services = next(i for i, q in enumerate(screen.questions) if q.kind == "services")

        async def down_and_up() -> None:
            for key in ["pagedown"] * last + ["pageup"] * last:
                await pilot.press(key)
                await settle(pilot)

        read = screen.panels_read()
        assert read == len(panel_questions(screen))  # each panel's rows once, while hidden
        await down_and_up()
        await down_and_up()
        assert screen.panels_read() == read  # shown again and again: as read
        # Written by another connection (another window, a merge): read again when shown.
        db = open_database(db_path)
        try:
            linked = {
                row.service_id for row in screen._panels[panel_key(screen.questions[services])].rows
            }  # type: ignore[attr-defined]
            service = next(s for s in all_services(db) if s not in linked)
            link_service(db, service, meeting_id, screen.questions[services].key)
        finally:
            db.close()
        await pilot.press(*["pagedown"] * services)
        await settle(pilot)
        panel = shown_panel(screen)
        assert isinstance(panel, ServicesPanel)
        assert service in [row.service_id for row in panel.rows]
        assert screen.panels_read() == read + 1


async def test_keys_typed_while_the_panels_are_mounted_ahead_land_where_they_were_typed(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(capture_panels, "AHEAD_DELAY", 3600.0)  # started by the test, below
    monkeypatch.setattr(capture_panels, "AHEAD_GAP", 0.001)
    monkeypatch.setattr(capture_panels, "AHEAD_PAUSE", 0.0)  # mounted between the keys too
    meeting_id = demo_meeting(db_path)
    app = make_app(db_path, meeting_ref=meeting_id, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        while not (isinstance(screen, CaptureScreen) and screen._ahead is not None):
            await pilot.pause()
            screen = app.screen
        assert len(screen._ahead) == 4 and not screen._panels  # none mounted yet
        words = [f"ord{n}" for n in range(1, 9)]
        keys: list[str] = []
        for word in words:  # two words per question, over the first four
            keys += [*word, "space"]
            if word.endswith(("2", "4", "6")):
                keys.append("pagedown")
        at_mounts: list[tuple[int, str]] = []  # where the typing was as each panel mounted
        mount_next = screen._mount_ahead

        async def mounting() -> None:
            if not at_mounts:
                burst(pilot, keys)  # the keys arrive as the first panel is being mounted
            await mount_next()
            at_mounts.append((screen.index, screen.notes_editor.text))

        screen._mount_ahead = mounting  # type: ignore[method-assign]
        screen.set_timer(0.001, screen._mount_ahead)
        await all_mounted_ahead(pilot, screen)
        assert len(set(at_mounts)) > 1, at_mounts  # the panels were mounted between the keys
        await settle(pilot)
        typed = {q.key: note_of(db_path, meeting_id, q.key) for q in screen.questions[:4]}
    expected = [" ".join(words[i : i + 2]) for i in range(0, 8, 2)]
    assert [text.strip() for text in typed.values()] == expected


async def test_the_contacts_panel_reads_the_people_when_entered_not_each_time_it_is_shown(
    db_path: Path,
) -> None:
    meeting_id = demo_meeting(db_path)
    async with open_capture(db_path, meeting_id) as (_app, pilot, screen):
        people = next(i for i, q in enumerate(screen.questions) if q.kind == "people")
        await pilot.press(*["pagedown"] * people)
        await settle(pilot)
        panel = shown_panel(screen)
        assert isinstance(panel, ContactsPanel) and panel.people == []
        await pilot.press("f2")  # no settle: read at once, for keys in the same burst
        assert panel.entered and panel.people
        assert any(person.in_meeting for person in panel.people)
        assert isinstance(shown_panel(screen), EnteredPanel)


async def test_the_orm_and_the_panels_leave_the_collector_once_the_panels_are_mounted_ahead(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from tui import gc_tuning

    monkeypatch.setattr(gc_tuning, "_frozen_open", False)  # as in a new process
    meeting_id = demo_meeting(db_path)
    app = make_app(db_path, meeting_ref=meeting_id, author="Kari")
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for_screen(pilot, "CaptureScreen")
            screen = app.screen
            assert isinstance(screen, CaptureScreen)
            await all_mounted_ahead(pilot, screen)
            while not gc_tuning._frozen_open:  # one step after the last panel is mounted
                await pilot.pause(0.02)
            # `--meeting` froze at its first frame, before the ORM was loaded: every full
            # collection walked the ORM and the panels after it (90 ms at 366 meetings).
            tracked = {id(thing) for thing in gc.get_objects()}
            assert app.db is not None and id(app.db) not in tracked
            assert screen.side_panels()
            assert not any(id(panel) in tracked for panel in screen.side_panels())
            assert id(sys.modules["sqlalchemy.orm"].Session) not in tracked
    finally:
        gc.unfreeze()  # the other tests' objects are collected as before


async def test_a_pgdn_to_a_panel_not_mounted_yet_paints_its_question_first_then_the_panel(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(capture_panels, "AHEAD_DELAY", 3600.0)  # as when paging from the start
    meeting_id = demo_meeting(db_path)
    async with open_capture(db_path, meeting_id) as (app, pilot, screen):
        await settle(pilot)
        assert not screen._panels
        # (question, whether its panel was mounted) at each frame shown while on it
        frames: list[tuple[str, bool]] = []
        display = App._display

        def shown(self: App[object], screen_shown: object, update: object) -> None:
            if screen_shown is screen:
                key = panel_key(screen.question)
                panel = screen._panels.get(key)
                frames.append((screen.question.key, panel is not None and panel.is_mounted))
            display(self, screen_shown, update)  # type: ignore[arg-type]

        monkeypatch.setattr(App, "_display", shown)
        in_pgdn: list[object] = []  # widgets mounted while the PgDn was handled
        register, page = App._register, CaptureScreen.action_next_question

        def counted(
            self: App[object], parent: object, *widgets: object, **kwargs: object
        ) -> object:
            in_pgdn.extend(widgets)
            return register(self, parent, *widgets, **kwargs)  # type: ignore[arg-type]

        async def paged(self: CaptureScreen) -> None:
            monkeypatch.setattr(App, "_register", counted)
            try:
                await page(self)
            finally:
                monkeypatch.setattr(App, "_register", register)

        monkeypatch.setattr(CaptureScreen, "action_next_question", paged)
        kinds = {q.kind for q in screen.questions if q.kind in PANEL_MODULES}
        for question in screen.questions[1:]:
            frames.clear()
            await pilot.press("pagedown")
            await settle(pilot)
            if question.kind not in PANEL_MODULES:
                continue
            # Mounting the panel inside the PgDn held the question's frame back 70-120 ms:
            # now the PgDn mounts nothing, the question is on screen without its panel, and
            # the panel follows.
            assert in_pgdn == [], question.key
            assert frames and frames[0] == (question.key, False), question.key
            panel = shown_panel(screen)
            assert panel is screen._panels[panel_key(question)] and panel.is_mounted
            assert panel.display and panel.screen is screen
            assert isinstance(app.focused, NotesEditor)  # the note kept the keyboard
            kinds.discard(question.kind)
        assert kinds == set()


async def test_f2_right_after_a_pgdn_to_a_panel_not_mounted_yet_enters_the_panel(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import Input

    monkeypatch.setattr(capture_panels, "AHEAD_DELAY", 3600.0)
    meeting_id = demo_meeting(db_path)
    async with open_capture(db_path, meeting_id) as (_app, pilot, screen):
        await settle(pilot)
        followups = next(i for i, q in enumerate(screen.questions) if q.kind == "followups")
        await pilot.press(*["pagedown"] * (followups - 1))
        await settle(pilot)
        assert panel_key(screen.questions[followups]) not in screen._panels
        # One burst: the PgDn paints the question before its panel is mounted; F2 and the
        # letters after it are the panel's all the same, none of them the note's.
        burst(pilot, ["pagedown", "f2", *"ring"])
        await settle(pilot)
        panel = shown_panel(screen)
        assert panel is not None and panel.entered
        assert screen.query_one("#fu-what", Input).value == "ring"
        assert screen.notes_editor.text == note_of(db_path, meeting_id, screen.question.key)
        assert "ring" not in screen.notes_editor.text


async def test_a_panel_is_mounted_ahead_in_a_pause_of_the_keys_not_right_after_one(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.screens import capture_keys

    clock = [1000.0]  # the screen's monotonic clock, moved by the test
    monkeypatch.setattr(capture_panels, "monotonic", lambda: clock[0])
    monkeypatch.setattr(capture_keys, "monotonic", lambda: clock[0])
    monkeypatch.setattr(capture_panels, "AHEAD_DELAY", 3600.0)  # started by the test, below
    meeting_id = demo_meeting(db_path)
    async with open_capture(db_path, meeting_id) as (_app, pilot, screen):
        await settle(pilot)
        assert screen._ahead and not screen._panels
        later: list[float] = []  # the delays it asked to be called again after
        monkeypatch.setattr(screen, "set_timer", lambda delay, _callback: later.append(delay))
        await pilot.press("a")
        clock[0] += capture_panels.AHEAD_PAUSE / 2  # a key a moment ago: the next may come
        await screen._mount_ahead()
        assert not screen._panels
        assert later == [pytest.approx(capture_panels.AHEAD_PAUSE / 2)]  # at the pause's end
        clock[0] += capture_panels.AHEAD_PAUSE  # a pause: one panel now, then the next later
        await screen._mount_ahead()
        assert len(screen._panels) == 1 and later[-1] == capture_panels.AHEAD_GAP
        await pilot.press("pagedown")
        await screen._mount_ahead()
        assert len(screen._panels) == 1  # and none right after a PgDn


async def test_a_panel_mounted_ahead_is_first_shown_in_one_layout_of_the_screen(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.tui.test_capture_paging import layouts_per_page

    meeting_id = demo_meeting(db_path)
    async with open_capture(db_path, meeting_id) as (_app, pilot, screen):
        screen.ticker = lambda: 0.0
        await all_mounted_ahead(pilot, screen)
        per_page = await layouts_per_page(pilot, screen, monkeypatch, "pagedown")
        shown = [
            (question.key, layouts)
            for question, layouts in zip(screen.questions[1:], per_page, strict=True)
            if question.kind in PANEL_MODULES
        ]
        # Before, the layout that first showed a panel measured its size and its title's, and
        # each asked for a second layout of the whole screen, to find nothing to change.
        assert len(shown) == len(panel_questions(screen))  # each shown for the first time
        assert all(layouts == 1 for _, layouts in shown), shown


async def test_a_panel_shown_again_with_its_rows_unchanged_starts_no_worker_to_find_out(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.widgets.followups_panel import FollowUpsPanel

    meeting_id = demo_meeting(db_path)
    async with open_capture(db_path, meeting_id) as (_app, pilot, screen):
        screen.ticker = lambda: 0.0  # no time per question written: nothing commits
        await all_mounted_ahead(pilot, screen)
        loads: list[str] = []
        for panel_class in (ServicesPanel, FollowUpsPanel, ContactsPanel):
            load = panel_class._load

            def counted(self: EnteredPanel, *args: object, _load: object = load) -> object:
                loads.append(type(self).__name__)
                return _load(self, *args)  # type: ignore[operator]

            monkeypatch.setattr(panel_class, "_load", counted)
        last = len(screen.questions) - 1
        for key in ["pagedown"] * last + ["pageup"] * last:
            await pilot.press(key)
            await settle(pilot)
            panel = shown_panel(screen)
            if isinstance(panel, ServicesPanel):
                assert len(panel.rows) == panel.query_one(DataTable).row_count
        # Each showing started a thread to find the rows as read: now the UI thread asks the
        # file's version, and a thread reads only what changed.
        assert loads == []
        db = open_database(db_path)
        try:
            services = next(i for i, q in enumerate(screen.questions) if q.kind == "services")
            question_key = screen.questions[services].key
            panel = screen._panels[panel_key(screen.questions[services])]
            assert isinstance(panel, ServicesPanel)
            linked = {row.service_id for row in panel.rows}
            service = next(s for s in all_services(db) if s not in linked)
            link_service(db, service, meeting_id, question_key)  # another window's write
        finally:
            db.close()
        await pilot.press(*["pagedown"] * services)
        await settle(pilot)
        assert loads == ["ServicesPanel"]
        assert service in [row.service_id for row in panel.rows]


async def test_a_read_that_comes_back_to_a_panel_being_removed_changes_nothing(
    db_path: Path,
) -> None:
    # Quitting removes a panel's children before the panel: a read begun before came back to
    # a panel without its table (NoMatches, a traceback as the app quit).
    meeting_id = demo_meeting(db_path)
    async with open_capture(db_path, meeting_id) as (_app, pilot, screen):
        await all_mounted_ahead(pilot, screen)
        panels = [panel for panel in screen._panels.values() if isinstance(panel, TablePanel)]
        kinds = {type(panel).__name__ for panel in panels}
        assert kinds >= {"ServicesPanel", "ContactsPanel", "FollowUpsPanel"}
        for panel in panels:
            rows = panel.rows
            await panel.query_one(DataTable).remove()
            panel.reload()
            await settle(pilot)
            assert panel.rows == rows and not panel.showable


async def test_a_panel_mounted_ahead_shows_its_rows_rendered_while_it_was_hidden(
    db_path: Path,
) -> None:
    meeting_id = demo_meeting(db_path)
    async with open_capture(db_path, meeting_id) as (_app, pilot, screen):
        screen.ticker = lambda: 0.0  # no time per question written: nothing commits
        await all_mounted_ahead(pilot, screen)
        shown = 0
        for index, question in enumerate(screen.questions):
            panel = screen._panels.get(panel_key(question))
            if not isinstance(panel, TablePanel) or not panel.rows:
                continue
            table = panel.query_one(DataTable)
            rendered_ahead = len(table._row_render_cache)
            await screen.go_to(index)
            await settle(pilot)
            assert table.size.height, question.key  # on screen, its rows painted
            # Every line it painted was rendered (each cell through Rich) while it was hidden:
            # 10 ms of the first PgDn to a services panel, before.
            assert rendered_ahead, question.key
            assert len(table._row_render_cache) == rendered_ahead, question.key
            shown += 1
        assert shown >= 2
