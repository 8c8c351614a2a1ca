"""What opening the service catalogue costs, counted: restyles, CSS parses, footers built."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App
from textual.color import Color
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.widgets import Footer, Static

from models.storage import Database
from tui.screens.service_catalogue import ServiceCatalogueScreen

from .services_harness import HarnessApp, settle


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
