"""What opening the service catalogue costs, counted: restyles, CSS parses, footers built."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App
from textual.color import Color
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.widgets import Footer, Static

import tui.screens.service_catalogue as catalogue
from models.storage import Database
from tui.screens.service_catalogue import ServiceCatalogueScreen
from tui.widgets.bulk_table import BulkTable

from .services_harness import HarnessApp, settle

ROOT = Path(__file__).resolve().parents[2]


async def test_opening_the_catalogue_styles_it_once_and_builds_its_footer_once(
    demo_db: Database, monkeypatch: Any
) -> None:
    """Textual restyled the whole screen when it was first shown, after styling each widget as
    it was mounted; the footer was rebuilt at each change of focus (the text filter was
    focused first, then the table)."""
    restyled: list[DOMNode] = []
    built: list[Footer] = []
    update_styles = HarnessApp.update_styles
    recompose = Footer.recompose

    def counted_styles(self: HarnessApp, node: DOMNode, animate: bool = True) -> None:
        if isinstance(node, ServiceCatalogueScreen):
            restyled.append(node)
        update_styles(self, node, animate)

    async def counted_recompose(self: Footer) -> None:
        built.append(self)
        await recompose(self)

    monkeypatch.setattr(HarnessApp, "update_styles", counted_styles)
    monkeypatch.setattr(Footer, "recompose", counted_recompose)
    app = HarnessApp(demo_db, ServiceCatalogueScreen)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ServiceCatalogueScreen) and screen.filled
        assert app.focused is screen.query_one("#catalogue-table")
        assert restyled == []
        assert len(built) <= 1


async def test_opening_the_catalogue_parses_only_its_own_css_and_restyles_nothing_beneath(
    demo_db: Database, monkeypatch: Any
) -> None:
    """Textual's first push of a screen with a CSS_PATH re-parsed every source of the app's
    stylesheet and restyled every widget of the screens beneath; the catalogue's CSS applies."""
    calls: list[str] = []
    for name in ("reparse", "update"):
        original = getattr(Stylesheet, name)

        def counted(self: Stylesheet, *args: Any, _name: str = name, _call: Any = original) -> Any:
            calls.append(_name)
            return _call(self, *args)

        monkeypatch.setattr(Stylesheet, name, counted)
    app = HarnessApp(demo_db, lambda _db: Static("beneath"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        calls.clear()  # the app's own start
        app.push_screen(ServiceCatalogueScreen(demo_db))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ServiceCatalogueScreen) and screen.filled
        assert calls == []
        current = screen.query_one("#catalogue-current")
        assert current.size.height == 1
        assert current.styles.background == Color.parse(app.get_css_variables()["panel"])


def test_every_rule_of_the_catalogue_css_selects_within_the_catalogue() -> None:
    """Its CSS is added without restyling the screens beneath (tui/screens/screen_css.py),
    so no rule may reach them."""
    css = Path(ServiceCatalogueScreen.CSS_PATH).read_text(encoding="utf-8")  # type: ignore[arg-type]
    stylesheet = Stylesheet(variables=App().get_css_variables())
    stylesheet.add_source(css)
    assert stylesheet.rules
    for rule in stylesheet.rules:
        for selector_set in rule.selector_set:
            assert selector_set.selectors[0].name == "ServiceCatalogueScreen", rule.css


def count_first_layout(monkeypatch: Any, then: Callable[[], None] = lambda: None) -> list[int]:
    """The rows in the catalogue's table at the screen's first layout, filled in as it runs."""
    rows: list[int] = []
    refresh_layout = ServiceCatalogueScreen._refresh_layout

    def counted(self: ServiceCatalogueScreen, *args: Any, **kwargs: Any) -> None:
        if not rows:
            rows.append(self.query_one("#catalogue-table", BulkTable).row_count)
            then()
        refresh_layout(self, *args, **kwargs)

    monkeypatch.setattr(ServiceCatalogueScreen, "_refresh_layout", counted)
    return rows


async def test_the_catalogue_is_first_laid_out_with_its_rows_and_fits_its_columns_once(
    demo_db: Database, monkeypatch: Any
) -> None:
    """The rows came a frame after an empty first frame: one more layout and render of every
    widget. The read, begun as the screen is composed, is waited for before the first layout,
    and the columns are fitted to the width Textual then gives the table."""
    at_first_layout = count_first_layout(monkeypatch)
    fitted: list[int] = []
    current_lines: list[str] = []
    fit = catalogue.fit_columns
    update = Static.update

    def counted_fit(table: Any, columns: Any, width: int | None = None) -> dict[str, int]:
        fitted.append(table.size.width if width is None else width)
        return fit(table, columns, width)

    def counted_update(self: Static, *args: Any, **kwargs: Any) -> None:
        if self.id == "catalogue-current":
            current_lines.append(str(args[0]) if args else "")
        update(self, *args, **kwargs)

    monkeypatch.setattr(catalogue, "fit_columns", counted_fit)
    monkeypatch.setattr(Static, "update", counted_update)
    for size in ((100, 30), (80, 24)):
        at_first_layout.clear()
        fitted.clear()
        current_lines.clear()
        app = HarnessApp(demo_db, ServiceCatalogueScreen)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, ServiceCatalogueScreen) and screen.filled
            table = screen.query_one("#catalogue-table", BulkTable)
            assert at_first_layout == [33]
            assert fitted == [table.size.width]
            assert len(current_lines) == 1 and current_lines[0].startswith(screen.shown[0].name)


async def test_a_read_slower_than_the_first_layout_fills_the_catalogue_after_it(
    demo_db: Database, monkeypatch: Any
) -> None:
    """The first layout waits for the read only a moment; a slow read shows when it is done."""
    laid_out = threading.Event()
    at_first_layout = count_first_layout(monkeypatch, then=laid_out.set)
    load = catalogue.load_catalogue

    def slow_load(db: Database) -> Any:
        assert laid_out.wait(10)  # read only once the screen is laid out without it
        return load(db)

    monkeypatch.setattr(catalogue, "load_catalogue", slow_load)
    monkeypatch.setattr(catalogue, "FIRST_READ_WAIT", 0.01)
    app = HarnessApp(demo_db, ServiceCatalogueScreen)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ServiceCatalogueScreen) and screen.filled
        table = screen.query_one("#catalogue-table", BulkTable)
        assert at_first_layout == [0]
        assert table.row_count == 33 and screen._built_width == table.size.width


def test_the_catalogue_module_imports_neither_its_form_nor_textual_text_area() -> None:
    """Opening the catalogue imports its module; the form (and Textual's TextArea, which it
    brings) waited for the first edit. Half of what the import cost."""
    code = (
        "import sys, tui.screens.service_catalogue;"
        "print(sorted(m for m in ('tui.screens.service_form', 'textual.widgets._text_area')"
        " if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.strip() == "[]"
