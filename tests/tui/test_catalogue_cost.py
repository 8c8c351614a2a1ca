"""What opening the service catalogue costs, counted: restyles of the whole screen, footers built."""

from __future__ import annotations

from typing import Any

from textual.dom import DOMNode
from textual.widgets import Footer

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
