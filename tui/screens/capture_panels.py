"""The capture screen's side panels: services, follow-ups or contacts under their question."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from tui.text import tx
from tui.widgets.answer_panel import AnswerPanel
from tui.widgets.entered_panel import EnteredPanel

if TYPE_CHECKING:
    from textual.css.query import DOMQuery

    from models.guides import Question
    from models.storage import Database
    from tui.capture_data import CaptureData


def side_panel(kind: str, db: Database, meeting_id: str, question_key: str) -> Widget | None:
    """The services, follow-ups or contacts panel for a question of that kind, if installed."""
    try:
        if kind == "services":
            from tui.widgets.services_panel import ServicesPanel

            return ServicesPanel(db, meeting_id, question_key)
        if kind == "followups":
            from tui.widgets.followups_panel import FollowUpsPanel

            return FollowUpsPanel(db, meeting_id)
        if kind == "people":
            from tui.widgets.contacts_panel import ContactsPanel

            return ContactsPanel(db, meeting_id, question_key)
    except ImportError:
        return Static(tx("capture_panel_missing", what=kind), classes="muted")
    return None


class CapturePanels:
    """Mixed into CaptureScreen: one panel per question kind that has one, kept once mounted."""

    data: CaptureData
    db: Database | None
    _escape_pressed: bool

    if TYPE_CHECKING:

        @property
        def question(self) -> Question: ...
        def query_one(self, selector: str, expect_type: type[Vertical]) -> Vertical: ...
        def query(self, selector: type[AnswerPanel]) -> DOMQuery[AnswerPanel]: ...
        def set_focus(self, widget: Widget | None) -> None: ...

    def init_panels(self) -> None:
        # The side panels mounted so far by (kind, question key), and the one shown.
        self._panels: dict[tuple[str, str], Widget] = {}
        self._panel: Widget | None = None

    async def show_side_panel(self, question: Question) -> None:
        """Show the question's services, follow-ups or contacts panel, hiding the others.

        Each panel is mounted the first time its question is shown and kept (hidden) after:
        removing and re-mounting them on every PgDn was slow, and a panel half removed could
        be asked for its table (NoMatches). Before the database is open there is none yet:
        `database_opened` shows it.
        """
        slot = self.query_one("#panel-slot", Vertical)
        # One follow-ups panel per meeting; the others per question.
        key = (question.kind, "" if question.kind == "followups" else question.key)
        panel = self._panels.get(key)
        if panel is None and self.db is not None:
            made = side_panel(question.kind, self.db, self.data.meeting_id, question.key)
            if made is not None:
                self._panels[key] = panel = made
                await slot.mount(made)
        elif isinstance(panel, EnteredPanel) and panel is not self._panel:
            # Its rows may have changed while it was hidden. Read them once the question is
            # painted: the read in its thread held the interpreter lock the paint waited for.
            panel.call_after_refresh(panel.reload)
        for other in self._panels.values():
            other.display = other is panel
        self._panel = panel
        slot.display = panel is not None

    def side_panels(self) -> list[EnteredPanel]:
        """The entered panels mounted so far, shown or hidden."""
        return [panel for panel in self._panels.values() if isinstance(panel, EnteredPanel)]

    def entered_panel_slot(self) -> EnteredPanel | None:
        return self._panel if isinstance(self._panel, EnteredPanel) else None

    def action_focus_panel(self) -> None:
        """Enter the services or follow-ups panel (its keys work from now), else the choices."""
        self._escape_pressed = False
        panel = self.entered_panel_slot()
        if panel is not None:
            panel.enter()
            return
        for answer_panel in self.query(AnswerPanel):
            chooser = answer_panel.choice_list
            if chooser is not None:
                # At once, not deferred as focus() is: a key in the same burst as F2 is for the list.
                self.set_focus(chooser)
