"""The capture screen's compositor paints what Textual's paints, rendering only what it must."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from types import MethodType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import get_character_cell_size
from rich.console import Console
from rich.segment import ControlType, Segment
from rich.style import Style
from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.widget import Widget

from tests.budget import examples
from tests.tui.support import burst, demo_meeting, open_capture, settle
from tui.crop_compositor import CropCompositor

from .test_capture_panels_ahead import all_mounted_ahead

Cells = dict[tuple[int, int], tuple[str, Style | None]]


def painted(update: ChopsUpdate | None, console: Console) -> Cells:
    """The cells an update writes on the terminal, with their styles."""
    cells: Cells = {}
    if update is None:
        return cells
    x = y = 0
    for segment in update.__rich_console__(console, console.options):
        assert isinstance(segment, Segment)
        if segment.control:
            for control in segment.control:
                if control[0] == ControlType.CURSOR_MOVE_TO:
                    x, y = control[1] - 1, control[2] - 1  # type: ignore[misc]
            continue
        if segment.text == "\n":
            continue
        for character in segment.text:
            cells[(x, y)] = (character, segment.style)
            x += get_character_cell_size(character)
    return cells


def textual_and_ours(compositor: Compositor, dirty: list[Region]) -> tuple[object, object]:
    """The same partial update made by Textual's compositor and by ours."""
    compositor._dirty_regions.update(dirty)
    ours = compositor.render_partial_update()
    compositor._dirty_regions.update(dirty)
    compositor._get_renders = MethodType(Compositor._get_renders, compositor)  # type: ignore[method-assign]
    try:
        theirs = compositor.render_partial_update()
    finally:
        del compositor._get_renders
    return theirs, ours


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
async def test_any_partial_update_paints_the_same_cells_as_textuals_compositor(
    db_path: Path, size: tuple[int, int]
) -> None:
    meeting_id = demo_meeting(db_path, "Helse Vest")
    async with open_capture(db_path, meeting_id, size=size) as (app, pilot, screen):
        # Something in every part: a choice question with its list, the others' notes, a
        # note longer than the editor (scrolled), the guide tree scrolled down.
        burst(pilot, ["pagedown"] * 3 + list("ord ") * 200)
        await settle(pilot)
        compositor = screen._compositor
        assert isinstance(compositor, CropCompositor)
        width, height = compositor.size
        screen_region = compositor.size.region
        region = st.builds(
            Region,
            st.integers(0, width - 1),
            st.integers(0, height - 1),
            st.integers(1, width),
            st.integers(1, height),
        ).map(screen_region.intersection)

        @settings(
            max_examples=examples(60, 1000),
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture],
        )
        @given(st.lists(region, min_size=1, max_size=4))
        def same_cells(dirty: list[Region]) -> None:
            theirs, ours = textual_and_ours(compositor, dirty)
            assert painted(ours, app.console) == painted(theirs, app.console)  # type: ignore[arg-type]

        same_cells()
        # The editor's own update, as a key makes it.
        editor = screen.notes_editor
        theirs, ours = textual_and_ours(compositor, [editor.region])
        assert painted(ours, app.console) == painted(theirs, app.console)  # type: ignore[arg-type]


async def test_keys_in_the_note_render_the_note_and_the_status_line_not_the_rest(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting_id = demo_meeting(db_path, "Helse Vest")
    async with open_capture(db_path, meeting_id) as (app, pilot, screen):
        await all_mounted_ahead(pilot, screen)  # the panels' own mounts are not the keys'
        await pilot.press("x")  # the question's mark in the guide tree changes once
        await settle(pilot)
        rendered: Counter[str] = Counter()
        render_lines = Widget.render_lines

        def counted(self: Widget, crop: Region) -> list[object]:
            rendered[type(self).__name__] += 1
            return render_lines(self, crop)  # type: ignore[return-value]

        monkeypatch.setattr(Widget, "render_lines", counted)
        for key in "ord":
            await pilot.press(key)
        await settle(pilot)
        editor = screen.notes_editor
        around = {type(node).__name__ for node in editor.ancestors_with_self if node is not app}
        # The status line below the note says «Lagrer …» and «Lagret» (the Statics: the line's
        # other half and the others' notes between).
        assert set(rendered) <= around | {"SaveIndicator", "Static"}
        assert rendered["NotesEditor"] >= 1
        # Textual's compositor renders every child of the screen and every widget beside the
        # note, whole, for each key.
        assert not {"GuideTree", "MeetingClock", "QuietFooter", "Label"} & set(rendered)


async def test_the_note_and_the_save_line_in_one_frame_render_nothing_between_them(
    db_path: Path,
) -> None:
    # A key and «Lagrer …» in one frame (a loaded machine): Textual's crop is the box around
    # both, and the others' notes between the editor and the save line were rendered.
    meeting_id = demo_meeting(db_path, "Helse Vest")
    async with open_capture(db_path, meeting_id) as (app, pilot, screen):
        await all_mounted_ahead(pilot, screen)
        compositor = screen._compositor
        editor = screen.notes_editor
        others = screen.query_one("#others")
        saved = screen.query_one("SaveIndicator")
        assert others.display and editor.region.bottom <= others.region.y
        assert others.region.bottom <= saved.region.y
        rendered: list[str] = []
        for widget in screen.query("*"):
            if widget.region:
                widget.render_lines = (  # type: ignore[method-assign]
                    lambda crop, widget=widget, real=widget.render_lines: (
                        rendered.append(widget.id or type(widget).__name__) or real(crop)
                    )
                )
        theirs, ours = textual_and_ours(compositor, [editor.region, saved.region])
        assert painted(ours, app.console) == painted(theirs, app.console)  # type: ignore[arg-type]
        assert "others" in rendered  # by Textual's compositor
        rendered.clear()
        compositor._dirty_regions.update([editor.region, saved.region])
        compositor.render_partial_update()
        assert {"notes", "save-indicator"} <= set(rendered)
        assert "others" not in rendered
