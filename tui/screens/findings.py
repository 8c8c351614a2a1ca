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
from tui.store.findings import store_finding
from tui.text import tx
from tui.text_saver import TextSaver
from tui.widgets.notes_editor import NotesEditor

if TYPE_CHECKING:
    from tui.app import InnsiktApp
    from tui.store.findings import FindingsData


class FindingsScreen(HoldsNotes, Screen[None]):
    BINDINGS = bindings.FINDINGS
    CSS_PATH = Path(__file__).parent.parent / "styles" / "findings.tcss"

    def __init__(self, data: FindingsData) -> None:
        super().__init__()
        self.journey = (data.journey_id, data.journey_name) if data.journey_id else None
        self.texts: dict[str, str] = dict(data.texts)

    @property
    def innsikt(self) -> InnsiktApp:
        return cast("InnsiktApp", self.app)

    def compose(self) -> ComposeResult:
        self.saver = TextSaver(self.innsikt, self, store_finding)
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
        # query, not query_one: a screen just pushed has no editor until it is composed (the
        # app flushes every screen on blur, quit and export, whenever they come).
        for editor in self.query(NotesEditor):
            editor.flush()

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
