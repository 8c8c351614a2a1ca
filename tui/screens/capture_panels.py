"""The capture screen's side panels: services, follow-ups or contacts under their question."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import sys
from functools import partial
from time import monotonic
from typing import TYPE_CHECKING, TypeVar

from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from tui.text import tx
from tui.widgets.answer_panel import AnswerPanel
from tui.widgets.entered_panel import EnteredPanel, TablePanel

if TYPE_CHECKING:
    from textual.css.query import DOMQuery
    from textual.timer import Timer

    from models.guides import Question
    from models.storage import Database
    from tui.capture_data import CaptureData
    from tui.key_order import KeyHold
    from tui.store.panel_reads import PanelReads

W = TypeVar("W", bound=Widget)

# The module of each question kind's panel.
PANEL_MODULES = {
    "services": "tui.widgets.services_panel",
    "followups": "tui.widgets.followups_panel",
    "people": "tui.widgets.contacts_panel",
}
# Seconds after the screen is painted with the database open before the panels are mounted
# ahead, and between two of them: the start's own work is done, and keys typed meanwhile wait
# for one panel at most.
AHEAD_DELAY = 0.3
AHEAD_GAP = 0.05
# Seconds without a key before a panel is mounted ahead: a mount takes the UI thread for
# 10-30 ms, which a PgDn or a keystroke arriving meanwhile waited for.
AHEAD_PAUSE = 0.25
# F2 before the database is open waits for it this long at most (checked every OPEN_CHECK
# seconds), the keys typed after it held meanwhile: then they go to the note, as without F2.
OPEN_WAIT = 10.0
OPEN_CHECK = 0.2


def side_panel(
    kind: str, db: Database, meeting_id: str, question_key: str, reads: PanelReads | None = None
) -> Widget | None:
    """The services, follow-ups or contacts panel for a question of that kind, if installed."""
    try:
        if kind == "services":
            from tui.widgets.services_panel import ServicesPanel

            return ServicesPanel(db, meeting_id, question_key, reads)
        if kind == "followups":
            from tui.widgets.followups_panel import FollowUpsPanel

            return FollowUpsPanel(db, meeting_id, reads, question_key)
        if kind == "people":
            from tui.widgets.contacts_panel import ContactsPanel

            return ContactsPanel(db, meeting_id, question_key, reads)
    except ImportError:
        return Static(tx("capture_panel_missing", what=kind), classes="muted")
    return None


def panel_key(question: Question) -> tuple[str, str]:
    """One follow-ups panel per meeting; the others one per question."""
    return (question.kind, "" if question.kind == "followups" else question.key)


def _import_panel(kind: str) -> None:
    with contextlib.suppress(ImportError):  # side_panel shows that it is missing
        importlib.import_module(PANEL_MODULES[kind])


class CapturePanels:
    """Mixed into CaptureScreen: one panel per question kind that has one, kept once mounted."""

    data: CaptureData
    db: Database | None
    questions: list[Question]
    shown: bool
    last_key_at: float  # monotonic time of the last key the screen was sent
    _escape_pressed: bool
    database_failed: bool  # the database will not open: no panel can be mounted
    key_hold: KeyHold

    if TYPE_CHECKING:

        @property
        def question(self) -> Question: ...
        @property
        def is_attached(self) -> bool: ...
        def query_one(self, selector: str, expect_type: type[W]) -> W: ...
        def query(self, selector: type[AnswerPanel]) -> DOMQuery[AnswerPanel]: ...
        def set_focus(self, widget: Widget | None) -> None: ...
        def set_timer(self, delay: float, callback: object) -> Timer: ...
        def notify(self, message: str, **options: object) -> None: ...

    def init_panels(self) -> None:
        # The side panels mounted so far by (kind, question key), and the one shown.
        self._panels: dict[tuple[str, str], Widget] = {}
        self._panel: Widget | None = None
        # The questions whose panels are still to be mounted ahead; None: not started.
        self._ahead: list[Question] | None = None
        self._panel_reads: PanelReads | None = None
        # The panels being mounted (by panel key), set once they are.
        self._mounting: dict[tuple[str, str], asyncio.Event] = {}
        # F2 pressed before the database was open: its question and when (`_enter_once_open`).
        # F2's question, when it was pressed, and its key hold (for `KeyHold.end`).
        self._entering: tuple[Question, float, int] | None = None

    def _new_panel(self, question: Question, db: Database) -> Widget | None:
        if self._panel_reads is None:
            from tui.store.panel_reads import PanelReads

            self._panel_reads = PanelReads(db.path)
        made = side_panel(question.kind, db, self.data.meeting_id, question.key, self._panel_reads)
        if made is not None:
            self._panels[panel_key(question)] = made
        return made

    async def show_side_panel(self, question: Question) -> None:
        """Show the question's services, follow-ups or contacts panel, hiding the others.

        Each panel is mounted ahead, hidden (`panels_ahead`), and kept (hidden) after: removing
        and re-mounting them on every PgDn was slow, and a panel half removed could be asked
        for its table (NoMatches). A PgDn that reaches a panel not mounted yet paints the
        question first and mounts its panel right after (`_mount_panel`): mounting it inside
        the PgDn held its paint back 70-120 ms. Before the database is open there is none yet:
        `database_opened` shows it.
        """
        key = panel_key(question)
        panel = None if key in self._mounting else self._panels.get(key)
        if panel is None and self.db is not None and question.kind in PANEL_MODULES:
            self.call_after_refresh(partial(self._mount_panel, question))
        self._show_panel(panel)
        self.panels_ahead()

    def _show_panel(self, panel: Widget | None) -> None:
        if isinstance(panel, EnteredPanel) and panel is not self._panel:
            # Its rows may have changed while it was hidden (or, mounted ahead, it has read
            # none yet). Read them once the question is painted: the read in its thread held
            # the interpreter lock the paint waited for.
            panel.call_after_refresh(panel.reload)
        for other in self._panels.values():
            other.display = other is panel
        self._panel = panel
        self.query_one("#panel-slot", Vertical).display = panel is not None

    async def _mount_panel(self, question: Question) -> Widget | None:
        """Mount the question's panel, hidden (its rows read and its table filled for the width
        it will get), unless mounted or being mounted already; shown if its question is on
        screen by the time it is mounted."""
        key = panel_key(question)
        pending = self._mounting.get(key)
        if pending is not None:
            await pending.wait()
            return self._panels.get(key)
        db = self.db
        if key in self._panels or db is None or not self.is_attached:
            return self._panels.get(key)
        done = self._mounting[key] = asyncio.Event()
        try:
            if PANEL_MODULES[question.kind] not in sys.modules:
                # Imported on a thread: the interpreter lock is let go every few ms for keys.
                await asyncio.to_thread(_import_panel, question.kind)
                if not self.is_attached:
                    return None
            panel = self._new_panel(question, db)
            if panel is None:
                return None
            panel.display = False
            if isinstance(panel, TablePanel):
                panel.width_hint = self._panel_width
            await self.query_one("#panel-slot", Vertical).mount(panel)
        finally:
            del self._mounting[key]
            done.set()
        if panel_key(self.question) == key:
            self._show_panel(panel)  # the question came (or stayed) on screen meanwhile
        elif isinstance(panel, TablePanel):
            panel.reload()  # its rows read and its table filled while hidden
        return panel

    def on_capture_screen_painted(self) -> None:
        self.panels_ahead()

    def panels_ahead(self) -> None:
        """Once the screen is painted and the database open, mount the panels of the guide's
        other questions, hidden, one at a time: the first PgDn to a panel question then only
        shows it (mounting it there cost 100-350 ms: its module imported, its widgets composed,
        styled and laid out)."""
        if self._ahead is not None or self.db is None or not self.shown:
            return
        self._ahead = [q for q in self.questions if q.kind in PANEL_MODULES]
        self.set_timer(AHEAD_DELAY, self._mount_ahead)

    async def _mount_ahead(self) -> None:
        """Mount the next panel of `_ahead` not mounted yet, hidden; then the next one later.
        Once all are (and the last one filled), the objects made so far leave the collector."""
        if not self._ahead:
            from tui.gc_tuning import freeze_once_open

            freeze_once_open()
            return
        wait = self.last_key_at + AHEAD_PAUSE - monotonic()
        if wait > 0:  # paging or typing: in the next pause
            self.set_timer(wait, self._mount_ahead)
            return
        while self._ahead and self.is_attached:
            question = self._ahead.pop(0)
            if panel_key(question) not in self._panels:
                await self._mount_panel(question)
                break
        if self._ahead is not None and self.is_attached:
            self.set_timer(AHEAD_GAP, self._mount_ahead)

    def _panel_width(self) -> int:
        """The width a panel's table gets: the width inside the box under the question."""
        return self.query_one("#capture-extras", Widget).scrollable_content_region.width

    def on_unmount(self) -> None:
        if self._panel_reads is not None:
            self._panel_reads.close()

    def panels_read(self) -> int:
        """How many reads the side panels made from the file (the rest were as read before)."""
        return self._panel_reads.reads if self._panel_reads is not None else 0

    def side_panels(self) -> list[EnteredPanel]:
        """The entered panels mounted so far, shown or hidden."""
        return [panel for panel in self._panels.values() if isinstance(panel, EnteredPanel)]

    def entered_panel_slot(self) -> EnteredPanel | None:
        return self._panel if isinstance(self._panel, EnteredPanel) else None

    async def action_focus_panel(self) -> None:
        """Enter the services or follow-ups panel (its keys work from now), else the choices."""
        self._escape_pressed = False
        question = self.question
        if self._panel is None and question.kind in PANEL_MODULES:
            if self.db is None and not self.database_failed:
                self._enter_once_open(question)
                return
            await self._mount_panel(question)  # a PgDn and F2 in one burst: mounted for F2
        self._enter_panel()

    def _enter_once_open(self, question: Question) -> None:
        """F2 while the database opens: the panel can be mounted only once it is open. The
        keys typed meanwhile are held (`tui/key_order.py:KeyHold`) and given to the panel then;
        to the note if the database does not open within `OPEN_WAIT` seconds."""
        self._entering = (question, monotonic(), self.key_hold.begin())
        self.set_timer(OPEN_CHECK, self._check_entering)
        # Nothing typed shows until then: say why, and where it goes.
        self.notify(tx("capture_panel_waits", seconds=round(OPEN_WAIT)), timeout=3)

    def opened_for_f2(self) -> None:
        """The database is open (or will not open): F2 pressed meanwhile goes on."""
        if self._entering is not None:
            self.call_later(self._enter_after_open)

    async def _check_entering(self) -> None:
        entering = self._entering
        if entering is None:
            return
        if self.db is not None or self.database_failed or monotonic() - entering[1] > OPEN_WAIT:
            await self._enter_after_open()
        else:
            self.set_timer(OPEN_CHECK, self._check_entering)

    async def _enter_after_open(self) -> None:
        entering, self._entering = self._entering, None
        if entering is None:
            return  # gone on already
        question, _, began = entering
        try:
            if (
                self.db is not None
                and self.is_attached
                and question is self.question
                and not self.key_hold.released_since(began)  # quit, hang-up: F2 is over
            ):
                await self._mount_panel(question)
                self._enter_panel()
        finally:
            await self.key_hold.end(began)  # those keys now go where F2 put the focus

    def _enter_panel(self) -> None:
        panel = self.entered_panel_slot()
        if panel is not None:
            panel.enter()
            return
        for answer_panel in self.query(AnswerPanel):
            chooser = answer_panel.choice_list
            if chooser is not None:
                # At once, not deferred as focus() is: a key in the same burst as F2 is for the list.
                self.set_focus(chooser)
