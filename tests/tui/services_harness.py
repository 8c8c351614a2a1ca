"""A small app that shows one services or follow-ups widget or screen on a demo database."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from sqlmodel import col, select
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

from models.storage import Database
from models.tables import Meeting, Service
from tests.tui.support import workers_done
from tui.writer import app_writer


class PanelScreen(Screen[None]):
    """One panel on an otherwise empty screen, with the Footer that shows its keys."""

    def __init__(self, panel: Widget) -> None:
        super().__init__()
        self.panel = panel

    def compose(self) -> ComposeResult:
        yield self.panel
        yield Footer()


class HarnessApp(App[None]):
    def __init__(self, db: Database, make: Callable[[Database], Screen[Any] | Widget]) -> None:
        super().__init__()
        self.db = db
        self.make = make
        self.notices: list[str] = []

    def notify(self, message: str, **options: Any) -> None:
        """Keep what the user was told, so that tests can read it after the toast is gone."""
        self.notices.append(str(message))
        super().notify(message, **options)

    def on_mount(self) -> None:
        made = self.make(self.db)
        self.push_screen(made if isinstance(made, Screen) else PanelScreen(made))


async def settle(pilot: Pilot[Any]) -> None:
    """Let workers finish and the screen catch up with what they posted."""
    for _ in range(3):
        await workers_done(pilot.app)
        # Writes go through the app's writer.
        await asyncio.to_thread(app_writer(pilot.app).drain)
        await pilot.pause()


async def type_text(pilot: Pilot[Any], text: str) -> None:
    await pilot.press(*("space" if char == " " else char for char in text))


def demo_meetings(db: Database) -> list[str]:
    """The demo meetings' ids, oldest first."""
    with db.session() as session:
        meetings = session.exec(select(Meeting).order_by(col(Meeting.date))).all()
    return [meeting.id for meeting in meetings]


def service_named(db: Database, name: str) -> Service:
    with db.session() as session:
        return session.exec(select(Service).where(Service.name == name)).one()
