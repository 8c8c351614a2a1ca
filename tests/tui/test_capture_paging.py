"""Paging through capture fast: the same panels are reused, nothing raises, every answer lands."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select
from textual.pilot import Pilot
from textual.screen import Screen
from textual.scrollbar import ScrollBar
from textual.widgets import DataTable

from models.mentions import link_service
from models.storage import Database
from models.tables import Service
from tests.tui.support import make_app, open_capture, settle, wait_for_screen
from tests.tui.test_capture_keyboard import answer_of, demo_meeting
from tui.screens.capture import CaptureScreen
from tui.widgets.answer_panel import AnswerPanel, OtherInput
from tui.widgets.choice_list import ChoiceList
from tui.widgets.contacts_panel import ContactsPanel
from tui.widgets.entered_panel import EnteredPanel
from tui.widgets.followups_panel import FollowUpsPanel
from tui.widgets.guide_tree import GuideTree
from tui.widgets.services_panel import ServicesPanel


def all_services(db: Database) -> list[str]:
    with db.session() as session:
        return [
            service.id for service in session.exec(select(Service)).all() if not service.deleted
        ]


PANELS = {"services": ServicesPanel, "followups": FollowUpsPanel, "people": ContactsPanel}


def shown_panel(screen: CaptureScreen) -> EnteredPanel | None:
    shown = [panel for panel in screen.query(EnteredPanel) if panel.display]
    assert len(shown) <= 1, shown
    return shown[0] if shown else None


async def test_paging_fast_over_every_question_kind_reuses_the_panels_and_raises_nothing(
    db_path: Path,
) -> None:
    meeting_id = demo_meeting(db_path)
    async with open_capture(db_path, meeting_id) as (_app, pilot, screen):
        kinds = {question.kind for question in screen.questions}
        assert {"text", "choice", "multi", "services", "followups", "people"} <= kinds
        last = len(screen.questions) - 1
        chooser = screen.query_one(ChoiceList)
        other = screen.query_one(OtherInput)
        # Down and up again three times without waiting between the keys: workers of the
        # panels left behind are still running when the next question shows.
        for _ in range(3):
            await pilot.press(*["pagedown"] * last)
            assert screen.index == last
            await pilot.press(*["pageup"] * last)
            assert screen.index == 0
        await settle(pilot)
        # One panel per services or people question and one for the meeting's follow-ups, no more.
        services = [q.key for q in screen.questions if q.kind == "services"]
        assert len(screen.query(ServicesPanel)) == len(services)
        assert len(screen.query(FollowUpsPanel)) == 1
        people = [q.key for q in screen.questions if q.kind == "people"]
        assert len(screen.query(ContactsPanel)) == len(people)
        seen: dict[str, EnteredPanel] = {}
        for index, question in enumerate(screen.questions):
            if index:
                await pilot.press("pagedown")
                await pilot.pause()
            panel = shown_panel(screen)
            if question.kind in PANELS:
                assert isinstance(panel, PANELS[question.kind]), question.key
                seen[question.key] = panel
            else:
                assert panel is None, question.key
            answer_panel = screen.query_one(AnswerPanel)
            assert answer_panel.display == (question.kind in ("choice", "multi"))
            if answer_panel.display:
                assert answer_panel.choice_list is chooser  # the same widget, new choices
                assert chooser.choices == tuple(question.choices)
        assert screen.query_one(ChoiceList) is chooser and screen.query_one(OtherInput) is other
        for key, panel in seen.items():
            if isinstance(panel, ServicesPanel):
                assert panel.question_key == key
                await settle(pilot)
                assert len(panel.rows) == panel.query_one("DataTable").row_count


async def test_a_choice_ticked_just_before_paging_on_is_saved_for_its_own_question(
    db_path: Path,
) -> None:
    meeting_id = demo_meeting(db_path)
    async with open_capture(db_path, meeting_id) as (_app, pilot, screen):
        multi = next(i for i, q in enumerate(screen.questions) if q.kind == "multi")
        question = screen.questions[multi]
        await pilot.press(*["pagedown"] * multi)
        assert screen.question.key == question.key
        # alt+2 then PgDn at once: the list's message arrives when it already shows the next
        # question (or none); it must still be written for the question it was ticked on.
        await pilot.press("alt+2", "pagedown", "pagedown")
        await settle(pilot)
        saved = answer_of(db_path, question.key)
        assert saved is not None and question.choices[1] in saved.choices
        for later in screen.questions[multi + 1 : multi + 3]:
            stored = answer_of(db_path, later.key)
            assert stored is None or question.choices[1] not in stored.choices


async def test_paging_between_text_questions_paints_the_guide_trees_scrollbar_no_more(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting_id = demo_meeting(db_path)
    async with open_capture(db_path, meeting_id) as (_app, pilot, screen):
        tree = screen.query_one(GuideTree)
        bar = tree.vertical_scrollbar
        assert tree.show_vertical_scrollbar  # the guide is longer than the tree at 30 lines
        texts = [i for i, q in enumerate(screen.questions) if q.kind == "text"]
        # Two text questions in a row near the top: the tree's cursor moves, it does not scroll.
        start = next(i for i in texts if i + 1 in texts and i + 2 in texts)
        await pilot.press(*["pagedown"] * start)
        await settle(pilot)
        painted: list[ScrollBar] = []
        original = ScrollBar.refresh

        def counted(self: ScrollBar, *args: object, **kwargs: object) -> ScrollBar:
            if self is bar:
                painted.append(self)
            return original(self, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(ScrollBar, "refresh", counted)
        scrolled = tree.scroll_y
        await pilot.press("pagedown", "pagedown")
        await settle(pilot)
        assert screen.index == start + 2 and tree.scroll_y == scrolled
        # Each PgDn relays the screen out; the tree's scrollbar did not change and is not painted.
        assert painted == []
        # Its own changes still reach it: to the last question the tree scrolls, the bar follows.
        await pilot.press(*["pagedown"] * (len(screen.questions) - 1 - screen.index))
        await settle(pilot)
        assert tree.scroll_y > scrolled and bar.position == tree.scroll_y
        assert bar.window_virtual_size == tree.virtual_size.height


async def test_a_choice_list_longer_than_its_box_keeps_its_scrollbar_in_step_when_paging(
    db_path: Path,
) -> None:
    meeting_id = demo_meeting(db_path)
    app = make_app(db_path, meeting_ref=meeting_id, author="Kari")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, "CaptureScreen")
        screen = app.screen
        assert isinstance(screen, CaptureScreen)
        chooser = screen.query_one(ChoiceList)
        for _ in range(2):  # down and up: the list's own size changes with each question
            for index, question in enumerate(screen.questions):
                if index:
                    await pilot.press("pagedown")
                    await settle(pilot)
                if question.kind not in ("choice", "multi"):
                    continue
                lines = chooser.virtual_size.height  # a long choice wraps to two lines
                assert lines >= len(question.choices), question.key
                shown = chooser.show_vertical_scrollbar
                assert shown == (lines > chooser.scrollable_content_region.height), question.key
                if shown:
                    assert chooser.vertical_scrollbar.window_virtual_size == lines
            await pilot.press(*["pageup"] * (len(screen.questions) - 1))
            await settle(pilot)


async def test_a_services_panel_shown_again_refills_its_table_only_when_its_rows_changed(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.tui.test_capture_panels_ahead import all_mounted_ahead

    meeting_id = demo_meeting(db_path)
    app = make_app(db_path, meeting_ref=meeting_id, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, "CaptureScreen")
        screen = app.screen
        assert isinstance(screen, CaptureScreen) and app.db is not None
        services = next(i for i, q in enumerate(screen.questions) if q.kind == "services")
        await pilot.press(*["pagedown"] * services)
        # The other panels are mounted ahead in a pause of the keys: their first fills, at a
        # moment a loaded machine chooses, are not the refills counted here.
        await all_mounted_ahead(pilot, screen)
        panel = shown_panel(screen)
        assert isinstance(panel, ServicesPanel)
        table = panel.query_one(DataTable)
        before = [row.service_id for row in panel.rows]
        fills: list[DataTable[object]] = []
        original = DataTable.clear

        def counted(self: DataTable[object], columns: bool = False) -> DataTable[object]:
            fills.append(self)
            return original(self, columns)

        monkeypatch.setattr(DataTable, "clear", counted)
        await pilot.press("pagedown", "pageup")
        await settle(pilot)
        assert shown_panel(screen) is panel and fills == []  # the same rows: not refilled
        assert [row.service_id for row in panel.rows] == before
        assert table.row_count == len(before)
        # Linked while the panel was hidden (another window, a merge): shown when it is back.
        await pilot.press("pagedown")
        await settle(pilot)
        linked = {row.service_id for row in panel.rows}
        service = next(s for s in all_services(app.db) if s not in linked)
        link_service(app.db, service, meeting_id, screen.questions[services].key)
        await pilot.press("pageup")
        await settle(pilot)
        assert fills == [table]
        assert service in [row.service_id for row in panel.rows]
        assert table.row_count == len(before) + 1


async def test_a_panel_reads_its_rows_after_its_question_is_painted_not_before(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The panel a PgDn reaches before it was mounted ahead (tests/tui/test_capture_panels_ahead.py
    # shows the ones mounted ahead): none is, here, so that a slow machine reads the same.
    monkeypatch.setattr(CaptureScreen, "panels_ahead", lambda self: None)
    meeting_id = demo_meeting(db_path)
    async with open_capture(db_path, meeting_id) as (_app, pilot, screen):
        kinds = [q.kind for q in screen.questions]
        services_key = screen.questions[kinds.index("services")].key
        events: list[tuple[str, str]] = []
        paint, reload = Screen._compositor_refresh, ServicesPanel.reload

        def painted(self: Screen[object]) -> None:
            # Which question the paint shows: go_to sets it before it mounts the panel, and a
            # loaded machine may paint while the mount is awaited.
            events.append(("paint", getattr(self, "_shown_key", "")))
            paint(self)

        def reloaded(self: ServicesPanel, select_service: str | None = None) -> None:
            events.append(("read", ""))
            reload(self, select_service)

        monkeypatch.setattr(Screen, "_compositor_refresh", painted)
        monkeypatch.setattr(ServicesPanel, "reload", reloaded)
        for steps in ([1] * kinds.index("services"), [1, -1]):  # mounted, then shown again
            for step in steps:
                events.append(("key", ""))
                await pilot.press("pagedown" if step > 0 else "pageup")
            await settle(pilot)
            assert screen.question.kind == "services"
            # The question painted, then its panel's rows read.
            after = [
                kind
                for kind, key in events[len(events) - events[::-1].index(("key", "")) :]
                if kind == "read" or key == services_key
            ]
            assert "read" in after and after.index("paint") < after.index("read"), events
            events.clear()
        panel = shown_panel(screen)
        assert isinstance(panel, ServicesPanel) and panel.rows  # read and shown all the same


async def layouts_per_page(
    pilot: Pilot, screen: CaptureScreen, monkeypatch: pytest.MonkeyPatch, key: str
) -> list[int]:
    """How many times the screen was laid out for each `key` pressed, its paint included."""
    counted: list[int] = [0]
    original = Screen._refresh_layout

    def refresh_layout(self: Screen[object], *args: object, **kwargs: object) -> None:
        if self is screen:
            counted[-1] += 1
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Screen, "_refresh_layout", refresh_layout)
    per_page: list[int] = []
    for _ in range(len(screen.questions) - 1):
        counted[-1] = 0
        await pilot.press(key)
        await settle(pilot)
        await pilot.pause(0.05)  # the screen's next updates, after it was painted
        per_page.append(counted[-1])
    monkeypatch.setattr(Screen, "_refresh_layout", original)
    return per_page


async def test_a_pgdn_to_a_text_or_choice_question_lays_the_screen_out_once_at_most(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with open_capture(db_path, demo_meeting(db_path)) as (_app, pilot, screen):
        await settle(pilot)
        # Every panel mounted once: its first showing is page-panels' measure, not this one's.
        await pilot.press(*["pagedown"] * (len(screen.questions) - 1))
        await pilot.press(*["pageup"] * (len(screen.questions) - 1))
        await settle(pilot)
        kinds = ("text", "choice", "multi")
        for key, walk in (
            ("pagedown", screen.questions),
            ("pageup", screen.questions[::-1]),
        ):
            per_page = await layouts_per_page(pilot, screen, monkeypatch, key)
            # Before, a second layout followed whenever a header's height changed. Left: from
            # one choice question to another the list, on screen, measures its new choices
            # against its old height (OptionList), and may take and drop a scrollbar.
            twice = [
                (shown.key, layouts)
                for left, shown, layouts in zip(walk[:-1], walk[1:], per_page, strict=True)
                if shown.kind in kinds and layouts > 1
                if not (left.kind in kinds[1:] and shown.kind in kinds[1:])
            ]
            assert twice == [], key
            assert sum(per_page) >= len(per_page) // 2  # it counts the layouts there are


async def test_walking_the_guide_scrolls_the_tree_seldom_and_keeps_the_cursor_in_view(
    db_path: Path,
) -> None:
    async with open_capture(db_path, demo_meeting(db_path), size=(100, 24)) as (
        _app,
        pilot,
        screen,
    ):
        tree = screen.query_one(GuideTree)
        await settle(pilot)
        assert tree.scroll_y == 0  # the first section's heading is in view over its question
        height = tree.scrollable_content_region.height
        assert tree.virtual_size.height > height  # the guide is longer than the tree
        scrolls = 0
        for key in ["pagedown"] * (len(screen.questions) - 1) + ["pageup"] * 3:
            before = tree.scroll_y
            await pilot.press(key)
            await pilot.pause()
            scrolls += tree.scroll_y != before
            top = round(tree.scroll_y)
            assert top <= tree.cursor_line < top + height, screen.question.key
            assert tree.cursor_node is not None and tree.cursor_node.data == screen.question.key
        # Tree's own scrolling moved it a line on every PgDn once the cursor reached the
        # bottom (each a repaint of all of it); now it jumps half a tree at a time.
        assert 1 <= scrolls <= len(screen.questions) // 5, scrolls


async def test_a_choice_question_shown_again_renders_none_of_its_choices_anew(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.visual import Visual

    async with open_capture(db_path, demo_meeting(db_path)) as (_app, pilot, screen):
        multi = next(i for i, q in enumerate(screen.questions) if q.kind == "multi")
        question = screen.questions[multi]
        chooser = screen.query_one(ChoiceList)
        last = len(screen.questions) - 1
        await pilot.press(*["pagedown"] * last, *["pageup"] * (last - multi))  # all shown once
        await settle(pilot)
        assert screen.question.key == question.key
        rendered: list[object] = []
        original = Visual.to_strips.__func__  # type: ignore[attr-defined]

        def to_strips(cls: type[Visual], widget: object, *args: object, **kwargs: object):
            if widget is chooser:
                rendered.append(args[0])
            return original(cls, widget, *args, **kwargs)

        monkeypatch.setattr(Visual, "to_strips", classmethod(to_strips))
        for away in ("pagedown", "pageup"):  # to a question without choices and back
            await pilot.press(away, "pageup" if away == "pagedown" else "pagedown")
            await settle(pilot)
            assert screen.question.key == question.key and chooser.display
            assert rendered == [], away
        # A choice ticked changes its line, once; shown again later, it is still ticked.
        await pilot.press("alt+2")
        await settle(pilot)
        assert rendered
        await pilot.press("pagedown", "pageup")
        await settle(pilot)
        assert chooser.chosen == [question.choices[1]]
        assert chooser.get_option_at_index(1).prompt.plain.startswith("[x] 2")
        assert chooser.get_option_at_index(0).prompt.plain.startswith("[ ] 1")


async def test_a_pgdn_that_moves_nothing_on_screen_does_not_lay_it_out(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with open_capture(db_path, demo_meeting(db_path)) as (_app, pilot, screen):
        editor = screen.notes_editor
        for index, question in enumerate(screen.questions):  # notes of 1 to 4 lines
            if index:
                await pilot.press("pagedown")
            if question.kind == "text":
                editor.insert("\n".join(["notat"] * (1 + index % 4)))
        await pilot.press(*["pageup"] * (len(screen.questions) - 1))
        await settle(pilot)
        layouts: list[int] = [0]
        original = Screen._refresh_layout

        def refresh_layout(self: Screen[object], *args: object, **kwargs: object) -> None:
            layouts[0] += self is screen
            original(self, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Screen, "_refresh_layout", refresh_layout)
        still = []
        for question in screen.questions[1:]:
            before, lines = editor.region, editor.virtual_size.height
            layouts[0] = 0
            await pilot.press("pagedown")
            await settle(pilot)
            if question.kind == "text" and editor.region == before:
                # The same boxes: a note of another length changed only what the editor scrolls.
                still.append((question.key, layouts[0], editor.virtual_size.height != lines))
        assert still and all(count == 0 for _, count, _ in still), still
        assert any(other_length for *_, other_length in still), still


async def test_the_notes_scrollbar_follows_a_long_note_and_a_short_one_when_paging(
    db_path: Path,
) -> None:
    async with open_capture(db_path, demo_meeting(db_path)) as (_app, pilot, screen):
        editor = screen.notes_editor
        texts = [i for i, q in enumerate(screen.questions) if q.kind == "text"]
        start = next(i for i in texts if i + 1 in texts)
        await pilot.press(*["pagedown"] * start)
        await settle(pilot)
        editor.load_text("")
        editor.insert("\n".join(f"linje {n}" for n in range(60)))  # typed, as a paste would
        await settle(pilot)
        for key in ("pagedown", "pageup", "pagedown", "pageup"):
            await pilot.press(key)
            await settle(pilot)
            lines = editor.wrapped_document.height
            assert editor.virtual_size.height == lines
            height = editor.scrollable_content_region.height
            assert editor.show_vertical_scrollbar == (lines > height), screen.question.key
            if editor.show_vertical_scrollbar:
                bar = editor.vertical_scrollbar
                assert bar.window_virtual_size == lines and bar.window_size == height
                assert editor.scroll_y == editor.max_scroll_y  # the cursor, at the end, in view
        assert screen.index == start and "linje 59" in editor.text
