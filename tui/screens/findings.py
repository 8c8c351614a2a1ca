"""The journey's «Hovedfunn»: one text per DSB question, written by the project lead.

A list of the questions on the left, the text of the chosen one on the right; the text saves
itself through the app's writer, like a note.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from models.findings import TOPICS
from tui import bindings
from tui.autosave import NoteSaver
from tui.screens.holds_notes import HoldsNotes
from tui.text import tx
from tui.text_saver import TextSaver
from tui.widgets.notes_editor import NotesEditor

if TYPE_CHECKING:
    from models.storage import Database
    from tui.app import InnsiktApp


def _journey(db: Database, journey_id: str | None) -> tuple[str, str] | None:
    """The chosen journey, or the only/first one: (id, name)."""
    from sqlmodel import col

    from models.records import live
    from models.tables import Journey

    with db.session() as session:
        if journey_id is not None:
            found = session.get(Journey, journey_id)
            if found is not None and not found.deleted:
                return found.id, found.name
        first = session.exec(live(Journey).order_by(col(Journey.created_at))).first()
        return (first.id, first.name) if first is not None else None


class FindingsScreen(HoldsNotes, Screen[None]):
    BINDINGS = bindings.FINDINGS
    CSS_PATH = Path(__file__).parent.parent / "styles" / "findings.tcss"

    def __init__(self, db: Database, journey_id: str | None) -> None:
        super().__init__()
        self.db = db
        self.journey = _journey(db, journey_id)
        self.texts: dict[str, str] = {}
        if self.journey is not None:
            from models.minutes import findings_of

            self.texts = findings_of(db, self.journey[0])

    @property
    def innsikt(self) -> InnsiktApp:
        return cast("InnsiktApp", self.app)

    def compose(self) -> ComposeResult:
        self.saver = TextSaver(self.innsikt, self, _store_finding)
        name = self.journey[1] if self.journey else ""
        yield Static(
            tx("fd_title", journey=name) if self.journey else tx("fd_no_journey"),
            id="findings-title",
        )
        with Horizontal(id="findings-body"):
            yield OptionList(
                *(Option(tx(f"fd_topic_{topic}"), id=topic) for topic in TOPICS),
                id="findings-topics",
            )
            with Vertical(id="findings-pane"):
                yield Label(id="findings-label")
                yield NotesEditor(self.saver, id="findings-text")
        yield Footer()

    def on_mount(self) -> None:
        editor = self.query_one(NotesEditor)
        if self.journey is None:
            editor.disabled = True
            return
        self.show(TOPICS[0])
        editor.focus()

    def show(self, topic: str) -> None:
        assert self.journey is not None
        self.query_one("#findings-label", Label).update(tx(f"fd_topic_{topic}"))
        self.query_one(NotesEditor).show_note(
            (self.journey[0], topic, ""), self.texts.get(topic, "")
        )

    @on(OptionList.OptionHighlighted, "#findings-topics")
    def topic_chosen(self, event: OptionList.OptionHighlighted) -> None:
        if self.journey is not None and event.option.id:
            self.show(event.option.id)

    @on(OptionList.OptionSelected, "#findings-topics")
    def topic_selected(self) -> None:
        self.query_one(NotesEditor).focus()

    def on_note_saver_saved(self, message: NoteSaver.Saved) -> None:
        message.stop()  # the app's own saver handles notes, not these
        self.saver.saved(message)
        self.texts[message.key[1]] = message.text

    def on_note_saver_failed(self, message: NoteSaver.Failed) -> None:
        message.stop()
        line = self.saver.failed(message)
        self.notify(line, severity="error", timeout=10, markup=False)

    def flush_notes(self) -> None:
        self.query_one(NotesEditor).flush()

    def on_screen_suspend(self) -> None:
        self.flush_notes()

    def action_switch_pane(self) -> None:
        if isinstance(self.focused, NotesEditor):
            self.query_one(OptionList).focus()
        else:
            self.query_one(NotesEditor).focus()

    def action_back(self) -> None:
        self.flush_notes()
        self.dismiss(None)


def _store_finding(db: Database, key: tuple[str, str, str], text: str) -> None:
    """The journey's finding on one topic; runs on the writer thread."""
    from models.minutes import save_finding

    journey_id, topic, _ = key
    save_finding(db, journey_id, topic, text)
