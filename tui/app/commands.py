"""The app's command palette: its commands, the palette itself and the remembered theme."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

from textual.app import SystemCommand
from textual.screen import Screen

from tui.text import tx


class Commands:
    """Mixed into `InnsiktApp`: the palette's commands."""

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield SystemCommand(tx("cmd_home"), tx("cmd_home_help"), self.action_home)
        yield SystemCommand(
            tx("cmd_new_meeting"), tx("cmd_new_meeting_help"), lambda: self.new_meeting(None)
        )
        yield SystemCommand(
            tx("cmd_edit_meeting"),
            tx("cmd_edit_meeting_help"),
            lambda: self.edit_meeting(self.current_meeting()),
        )
        yield SystemCommand(tx("cmd_new_journey"), tx("cmd_new_journey_help"), self.new_journey)
        yield SystemCommand(tx("cmd_author"), tx("cmd_author_help"), self.ask_author)
        yield SystemCommand(tx("cmd_catalogue"), tx("cmd_catalogue_help"), self.action_catalogue)
        yield SystemCommand(tx("cmd_followups"), tx("cmd_followups_help"), self.action_followups)
        yield SystemCommand(tx("cmd_conflicts"), tx("cmd_conflicts_help"), self.action_conflicts)
        yield SystemCommand(tx("cmd_duplicates"), tx("cmd_duplicates_help"), self.action_duplicates)
        from tui.hub_sync import start_sync

        yield SystemCommand(tx("cmd_sync"), tx("cmd_sync_help"), lambda: start_sync(self))  # type: ignore[arg-type]
        yield SystemCommand(tx("cmd_review"), tx("cmd_review_help"), self.action_review_minutes)
        for status in ("utkast", "til-godkjenning", "godkjent"):
            yield SystemCommand(
                tx("cmd_minutes_status", status=tx(f"ms_{status}")),
                tx("cmd_minutes_status_help"),
                partial(self.set_minutes_status, status),
            )
        yield SystemCommand(tx("cmd_findings"), tx("cmd_findings_help"), self.open_findings)
        yield SystemCommand(tx("cmd_search"), tx("cmd_search_help"), self.action_search)
        yield SystemCommand(tx("cmd_across"), tx("cmd_across_help"), self.action_across)
        yield SystemCommand(tx("cmd_help"), tx("cmd_help_help"), self.action_help)
        yield SystemCommand(tx("cmd_demo"), tx("cmd_demo_help"), self.load_demo)
        yield SystemCommand(tx("cmd_erase"), tx("cmd_erase_help"), self.erase_person)
        from tui import exporting

        for kind in exporting.available():
            yield SystemCommand(kind.title, kind.help, partial(self.export, kind.key))
        from tui.palette import system_commands

        yield from system_commands(self, screen)

    def action_command_palette(self) -> None:
        from tui.palette import Palette

        if self.use_command_palette and not Palette.is_open(self):
            self.push_screen(Palette(id="--command-palette"))

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        from tui.palette import Palette

        self.push_screen(
            Palette(providers=[ThemeProvider], placeholder=tx("palette_theme_placeholder"))
        )

    def watch_theme(self, theme: str) -> None:
        """The chosen theme is remembered on this device (written off the UI thread)."""
        if theme and theme != self.settings.get("theme"):
            from tui.settings import remember

            self.settings["theme"] = theme
            self.writer.submit(lambda: remember("theme", theme))
