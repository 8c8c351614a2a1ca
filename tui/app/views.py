"""The app's screens over more than one meeting: catalogue, review, search, exports, help."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from tui.screens.holds_notes import HoldsNotes
from tui.screens.home import HomeScreen
from tui.text import tx

if TYPE_CHECKING:
    from models.storage import Database


class Views:
    """Mixed into `InnsiktApp`: opening the screens that read more than one meeting."""

    def push_review_screen(self, module: str, class_name: str) -> None:
        """Open a screen that works on the whole database (imported when first needed)."""
        if self.db is not None:
            screen_class = getattr(importlib.import_module(module), class_name)
            self.push_screen(screen_class(self.db))

    def action_catalogue(self) -> None:
        self.push_review_screen("tui.screens.service_catalogue", "ServiceCatalogueScreen")

    def action_followups(self) -> None:
        self.push_review_screen("tui.screens.followups", "FollowUpsScreen")

    def action_conflicts(self) -> None:
        self.push_review_screen("tui.screens.conflicts", "ConflictsScreen")

    def action_duplicates(self) -> None:
        self.push_review_screen("tui.screens.duplicates", "DuplicatesScreen")

    # --- minutes: review mode, status, findings (tui/screens/review.py, findings.py) ---

    def action_review_minutes(self) -> None:
        """Open review mode on the capture screen's meeting and question."""
        from models.minutes import referat_texts
        from tui.screens.capture import CaptureScreen
        from tui.screens.review import ReviewScreen

        screen = self.screen
        if self.db is None or not isinstance(screen, CaptureScreen):
            self.notify(tx("rv_from_capture"), severity="warning")
            return
        screen.flush_notes()
        texts = referat_texts(self.db, screen.data.meeting_id)
        self.push_screen(ReviewScreen(screen.data, screen.question.key, texts))

    def set_minutes_status(self, status: str) -> None:
        from models.minutes import set_minutes_status

        meeting_id = self.current_meeting()
        if meeting_id is None:
            self.notify(tx("export_no_meeting"), severity="warning")
            return

        def job(db: Database) -> str:
            meeting, record = set_minutes_status(db, meeting_id, status)
            return tx(
                "ms_set", title=meeting.title, status=tx(f"ms_{status}"), version=record.version
            )

        self.write(job)

    def open_findings(self) -> None:
        from tui.screens.findings import FindingsScreen
        from tui.store.findings import load_findings

        journey_id, db = self.home.selected_journey(), self.db
        if db is not None:
            self.read_then(
                lambda: load_findings(db, journey_id),
                lambda data: self.push_screen(FindingsScreen(data)),
            )

    def action_search(self) -> None:
        """Open search from any screen; what is being typed is saved first."""
        from tui.screens.search import SearchScreen, go_to_hit

        if self.db is None or isinstance(self.screen, SearchScreen):
            return
        self.flush_notes()
        self.push_screen(
            SearchScreen(self.db), lambda hit: go_to_hit(self, hit) if hit is not None else None
        )

    def action_across(self) -> None:
        """One question's answers across the journey's meetings (the capture screen's question)."""
        from tui.screens.across import AcrossScreen

        meeting_id = self.current_meeting()
        if self.db is None or isinstance(self.screen, AcrossScreen):
            return
        if meeting_id is None:
            self.notify(tx("across_none"), severity="warning")
            return
        self.flush_notes()  # the view holds what was typed a moment ago
        screen = self.screen
        question_key = screen.shown_question_key if isinstance(screen, HoldsNotes) else None
        self.push_screen(AcrossScreen(self.db, meeting_id, question_key))

    def current_meeting(self) -> str | None:
        """The meeting on the capture screen, else the one highlighted on the home screen."""
        for screen in reversed(self.screen_stack):
            meeting_id = screen.shown_meeting_id if isinstance(screen, HoldsNotes) else None
            if meeting_id:
                return meeting_id
        return self.home.selected_meeting()

    def export(self, key: str) -> None:
        """Ask for a file name, then write minutes, a report or the service catalogue."""
        from tui import exporting
        from tui.screens.export_path import ExportPathScreen

        if self.db is None:
            return
        kind = exporting.KINDS[key]
        meeting_id = self.current_meeting()
        journey_id = self.home.selected_journey()
        if key == "minutes" and meeting_id is None:
            self.notify(tx("export_no_meeting"), severity="warning")
            return

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.flush_notes()  # the minutes hold what was typed a moment ago
                exporting.start_export(self, kind, path, meeting_id, journey_id)

        suggested = exporting.suggested_path(kind, meeting_id)
        self.push_screen(ExportPathScreen(kind.title, suggested, kind.suffixes), chosen)

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen, current_groups

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(current_groups(self.screen)))

    def action_home(self) -> None:
        while not isinstance(self.screen, HomeScreen):
            self.pop_screen()
