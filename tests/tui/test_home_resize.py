"""Home's meetings table fits the terminal after a resize, also when a dialog covers home."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import DataTable

from tests.templates import copy_demo
from tests.tui.support import make_app, settle
from tui.app import InnsiktApp


def columns(app: InnsiktApp) -> list[tuple[object, int]]:
    """The meetings table's columns as home shows them: each one's key and width."""
    table = app.home.query_one("#meetings", DataTable)
    return [(key.value, column.get_render_width(table)) for key, column in table.columns.items()]


async def fresh_columns(db_path: Path, size: tuple[int, int]) -> list[tuple[object, int]]:
    app = make_app(db_path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        return columns(app)


@pytest.mark.parametrize(
    ("key", "start", "end"),
    [
        pytest.param("n", (80, 24), (120, 40), id="new-journey-form-wider"),
        pytest.param("a", (120, 40), (80, 24), id="who-am-i-narrower"),
    ],
)
async def test_home_beneath_a_dialog_refits_its_table_when_the_terminal_is_resized(
    db_path: Path, key: str, start: tuple[int, int], end: tuple[int, int]
) -> None:
    copy_demo(db_path)
    expected = await fresh_columns(db_path, end)
    app = make_app(db_path)
    async with app.run_test(size=start) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        assert app.screen is not app.home  # the dialog is shown, home beneath it
        await pilot.resize_terminal(*end)
        for _ in range(100):  # until home has filled its table again (or never does)
            await settle(pilot)
            if columns(app) == expected:
                break
            await asyncio.sleep(0.02)
        pane = app.home.query_one("#home-meetings")
        assert columns(app) == expected, (pane.size.width, columns(app), expected)
