"""`innsikt --meeting` lays the meeting out once for its first frame and composes no home beneath it."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.screen import Screen
from textual.widgets import DataTable

import models.storage
from tests.tui.support import make_app, settle, wait_for_screen, wait_until
from tui.app import InnsiktApp
from tui.screens.capture import CaptureScreen

from .test_capture_flow import demo_meeting


@pytest.fixture
def meeting_id(db_path: Path) -> str:
    return demo_meeting(db_path)


@pytest.fixture
def held_open(monkeypatch: pytest.MonkeyPatch, meeting_id: str) -> Iterator[threading.Event]:
    """The database's opening waits until the event is set (before the app ends: it waits for
    the worker): the meeting is shown from the file first, and nothing the open database sets
    off (panels, home's read) runs meanwhile."""
    release = threading.Event()
    real_open = models.storage.open_database

    def slow_open(*args: object, **kwargs: object) -> models.storage.Database:
        release.wait(30)
        return real_open(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(models.storage, "open_database", slow_open)
    yield release
    release.set()


async def shown_early(app: InnsiktApp) -> CaptureScreen:
    """The meeting, shown before the database is open, once its first frame has settled (the
    app then lets the database open). Not `pilot.pause()`: that waits for the held worker."""
    for _ in range(1000):
        screen = app.screen
        if isinstance(screen, CaptureScreen) and app._early_painted.is_set():
            return screen
        await asyncio.sleep(0.01)
    raise AssertionError("the meeting never showed")


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
async def test_the_meeting_is_not_laid_out_again_for_the_resize_its_own_first_layout_sends(
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    held_open: threading.Event,
    meeting_id: str,
    size: tuple[int, int],
) -> None:
    resized: list[str] = []
    real = Screen._screen_resized

    def screen_resized(self: Screen[object], *args: object) -> None:
        resized.append(type(self).__name__)
        real(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Screen, "_screen_resized", screen_resized)
    app = make_app(db_path, meeting_ref=meeting_id, author="Kari")
    async with app.run_test(size=size) as pilot:
        screen = await shown_early(app)
        # The terminal kept its size: Textual's answer to the screen's own Resize (a second
        # layout and paint of the whole meeting, and of home beneath it) is not given.
        assert "CaptureScreen" not in resized
        assert screen.size == size and screen.focused is screen.notes_editor
        held_open.set()
        await settle(pilot)
        await pilot.resize_terminal(size[0] + 10, size[1] + 2)  # a real resize still lays out
        await wait_until(pilot, lambda: "CaptureScreen" in resized)
        assert screen.size == (size[0] + 10, size[1] + 2)


async def test_home_beneath_the_meeting_is_composed_only_when_the_meeting_is_left(
    db_path: Path, held_open: threading.Event, meeting_id: str
) -> None:
    app = make_app(db_path, meeting_ref=meeting_id, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await shown_early(app)
        assert not app.home.query(DataTable)  # nothing of home is made before it is seen
        held_open.set()
        await settle(pilot)
        assert not app.home.query(DataTable) and app.home.data is not None
        await pilot.press("escape", "escape")
        await wait_for_screen(pilot, "HomeScreen")
        await settle(pilot)
        table = app.home.query_one("#meetings", DataTable)
        assert table.row_count == 6 and app.focused is table
        assert "Kari" in str(app.home.query_one("#home-author").render())


async def test_home_is_composed_when_the_meeting_asked_for_cannot_be_shown(
    db_path: Path,
) -> None:
    demo_meeting(db_path)
    app = make_app(db_path, meeting_ref="no-such-meeting", author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "HomeScreen"
        assert app.home.query_one("#meetings", DataTable).row_count == 6


async def test_the_meeting_footer_is_built_once_with_its_keys_in_the_order_bindings_give(
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    held_open: threading.Event,
    meeting_id: str,
) -> None:
    from textual.widgets._footer import FooterKey

    from tui import bindings
    from tui.widgets.quiet_footer import QuietFooter

    recomposed: list[QuietFooter] = []
    real_recompose = QuietFooter.recompose

    async def recompose(footer: QuietFooter) -> None:
        recomposed.append(footer)
        await real_recompose(footer)

    monkeypatch.setattr(QuietFooter, "recompose", recompose)
    app = make_app(db_path, meeting_ref=meeting_id, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await shown_early(app)
        assert screen.focused is screen.notes_editor
        # The keys were in the first frame, and the note's focus (TextArea binds PgDn, Ctrl+K
        # and F6 itself) neither moved them nor had the footer built again.
        assert not recomposed
        shown = [key.action for key in screen.query(FooterKey)]
        declared = [b.action for b in bindings.CAPTURE if b.show]
        assert shown[: len(declared)] == list(dict.fromkeys(declared))
        held_open.set()
        await settle(pilot)
        await pilot.press("ctrl+l")  # the tree focused: the same keys, in the same order
        assert [key.action for key in screen.query(FooterKey)] == shown


async def test_home_is_laid_out_once_for_its_first_frame_not_again_for_its_widgets_requests(
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    held_open: threading.Event,
) -> None:
    layouts: list[bool] = []
    real = Screen._refresh_layout

    def refresh_layout(self: Screen[object], size: object = None, scroll: bool = False) -> None:
        if type(self).__name__ == "HomeScreen":
            layouts.append(scroll)
        real(self, size, scroll)  # type: ignore[arg-type]

    monkeypatch.setattr(Screen, "_refresh_layout", refresh_layout)
    app = make_app(db_path, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(3):
            await pilot.pause()
        assert app.home.loaded and app.home.query_one("#meetings", DataTable).row_count == 6
        # Its widgets asked for layouts while they mounted, and the layout itself (each new
        # size) asked for more: all of them were in the first one.
        assert layouts == [False]
        held_open.set()
        await settle(pilot)  # the database opened before the app ends (else its news may
        # reach an app whose screens are gone)


async def test_the_meeting_at_80_columns_is_narrow_from_its_first_layout(
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    held_open: threading.Event,
    meeting_id: str,
) -> None:
    narrow: list[bool] = []
    real = Screen._refresh_layout

    def refresh_layout(self: Screen[object], *args: object, **kwargs: object) -> None:
        if isinstance(self, CaptureScreen):
            narrow.append(self.has_class("-narrow"))
        real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Screen, "_refresh_layout", refresh_layout)
    app = make_app(db_path, meeting_ref=meeting_id, author="Kari")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await shown_early(app)
        # Set by the screen's Resize, after its first frame, the class restyled the screen
        # and laid it out again, the guide tree drawn wide first and narrow after.
        assert narrow and all(narrow)
        assert screen.guide_tree.size.width == 21
        held_open.set()
        await settle(pilot)
        await pilot.resize_terminal(100, 30)
        await wait_until(pilot, lambda: not screen.has_class("-narrow"))


async def test_home_is_rendered_whole_once_for_its_first_frame(
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    held_open: threading.Event,
) -> None:
    """Textual's first showing of a screen lays it out, which paints the whole frame, and then
    asks for a repaint of the whole screen: every widget rendered a second time for nothing."""
    from textual._compositor import Compositor

    whole: list[str] = []
    real = Compositor.render_full_update

    def render_full_update(self: Compositor, *args: object, **kwargs: object) -> object:
        whole.append(type(self.root).__name__)
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Compositor, "render_full_update", render_full_update)
    app = make_app(db_path, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(3):
            await pilot.pause()
        assert app.home.loaded and app.home.query_one("#meetings", DataTable).row_count == 6
        assert whole == ["HomeScreen"]
        await pilot.resize_terminal(110, 32)  # a real resize still paints it all again
        await wait_until(pilot, lambda: len(whole) > 1)
        assert set(whole) == {"HomeScreen"}
        held_open.set()
        await settle(pilot)  # the database opened before the app ends


async def test_home_paints_nothing_after_its_first_frame_while_nothing_changes(
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    held_open: threading.Event,
) -> None:
    """The first frame has every widget drawn at its size: the journeys list's first Resize
    (sent by the layout that drew it) threw its lines away and repainted it after that frame."""
    paints: list[str] = []
    real = Screen._compositor_refresh

    def compositor_refresh(self: Screen[object]) -> None:
        if self is self.app.screen:
            paints.append(type(self).__name__)
        real(self)

    monkeypatch.setattr(Screen, "_compositor_refresh", compositor_refresh)
    app = make_app(db_path, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(3):
            await pilot.pause()
        assert app.home.loaded and app.home.query_one("#meetings", DataTable).row_count == 6
        assert paints == ["HomeScreen"]
        journeys = app.home.query_one("#journeys")
        width = journeys.size.width
        await pilot.resize_terminal(80, 30)  # narrower: the journeys are drawn anew
        await wait_until(pilot, lambda: journeys.size.width < width and len(paints) > 1)
        lines = [journeys.render_line(y).text for y in range(3)]
        assert lines[0].strip() and all(len(line) == journeys.size.width for line in lines)
        held_open.set()
        await settle(pilot)  # the database opened before the app ends
