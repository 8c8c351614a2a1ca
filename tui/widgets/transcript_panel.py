"""The meeting's Teams transcript beside the notes (F4), read-only; Enter quotes a cue into the note.

The quote goes in at the cursor as «Navn: "…"» on a line of its own, and the focus returns to
the notes editor, whose autosave then takes the quote like anything typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui import bindings
from tui.text import tx

if TYPE_CHECKING:
    from models.storage import Database
    from models.transcripts import TranscriptLine
    from tui.screens.capture import CaptureScreen


class TranscriptPanel(Vertical):
    """The cues of one meeting; `quote` receives the text to put into the note."""

    DEFAULT_CSS = """
    TranscriptPanel { width: 40%; min-width: 28; height: 1fr; border-left: tall $primary; }
    TranscriptPanel > .title { text-style: bold; padding: 0 1; }
    TranscriptPanel > .hint { color: $text-muted; padding: 0 1; }
    TranscriptPanel > OptionList { height: 1fr; border: none; }
    """

    BINDINGS = bindings.TRANSCRIPT_PANEL

    def __init__(
        self, db: Database, meeting_id: str, quote: Callable[[str], None], *, focus: bool = False
    ) -> None:
        super().__init__(id="transcript-panel")
        self.db = db
        self.meeting_id = meeting_id
        self.quote = quote
        self.lines: list[TranscriptLine] = []
        self._focus_on_mount = focus

    def compose(self) -> ComposeResult:
        yield Static(tx("tr_title"), classes="title")
        yield Static(tx("tr_loading"), classes="hint", id="transcript-hint")
        yield OptionList(id="transcript-cues")

    def on_mount(self) -> None:
        if self._focus_on_mount:  # its cues are composed now: not an after-refresh guess later
            self.focus_cues()
        self._load()

    @work(thread=True, group="transcript")
    def _load(self) -> None:
        from models.transcripts import transcript_lines

        lines = transcript_lines(self.db, self.meeting_id)
        self.app.call_from_thread(self.show_lines, lines)

    def show_lines(self, lines: list[TranscriptLine]) -> None:
        from models.transcripts import clock_text

        self.lines = lines
        options = self.query_one(OptionList)
        options.clear_options()
        for line in lines:
            prompt = Text(clock_text(line.start_ms) + " ", style="dim")
            if line.speaker:
                prompt.append(line.speaker + ": ", style="bold")
            prompt.append(line.text)
            options.add_option(Option(prompt))
        if lines:
            options.highlighted = 0
        self.query_one("#transcript-hint", Static).update(
            tx("tr_hint") if lines else tx("tr_empty")
        )

    def focus_cues(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected, "#transcript-cues")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_quote()

    def action_quote(self) -> None:
        from models.transcripts import quote

        index = self.query_one(OptionList).highlighted
        if index is not None and 0 <= index < len(self.lines):
            self.quote(quote(self.lines[index]))


def insert_quote(screen: CaptureScreen, text: str) -> None:
    """Put `text` into the note at the cursor, on a line of its own, and go back to typing."""
    from tui.widgets.notes_editor import NotesEditor

    editor = screen.query_one(NotesEditor)
    row, column = editor.cursor_location
    line = editor.document.get_line(row)
    before = "\n" if line[:column].strip() else ""
    editor.insert(before + text + "\n")
    editor.focus()


NARROW = 100  # below this width the guide tree gives its room to the transcript


def toggle_transcript(screen: CaptureScreen) -> None:
    """F4: show the panel and move into it; into it when shown; hide it when already in it."""
    from tui.widgets.guide_tree import GuideTree
    from tui.widgets.notes_editor import NotesEditor

    found = screen.query(TranscriptPanel)
    tree = screen.query_one(GuideTree)
    if found:
        panel = found.first()
        if panel.has_focus_within:
            panel.remove()
            tree.display = True
            screen.query_one(NotesEditor).focus()
        else:
            panel.focus_cues()
        return
    if screen.db is None:  # shown before the database is open: it will be in a moment
        screen.notify(tx("loading"))
        return
    if screen.size.width < NARROW:
        tree.display = False
    panel = TranscriptPanel(
        screen.db, screen.data.meeting_id, lambda text: insert_quote(screen, text), focus=True
    )
    screen.query_one("#capture-body").mount(panel)
