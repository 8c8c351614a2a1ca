"""Textual's command palette and system commands, in the app's language."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from rich.align import Align
from rich.text import Text
from textual.app import SystemCommand
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from tui.text import tx

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen


class Palette(CommandPalette):
    """The palette with a translated placeholder and «Ingen treff»."""

    def __init__(self, **options: Any) -> None:
        options.setdefault("placeholder", tx("palette_placeholder"))
        super().__init__(**options)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own text is fixed English; this mirrors its countdown with ours.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(tx("palette_no_matches"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


def system_commands(app: App[Any], screen: Screen[Any]) -> Iterable[SystemCommand]:
    """Textual's system commands (theme, quit, keys, maximize, screenshot), translated."""
    yield SystemCommand(tx("cmd_theme"), tx("cmd_theme_help"), app.action_change_theme)
    yield SystemCommand(tx("cmd_quit"), tx("cmd_quit_help"), app.action_quit)
    if screen.query("HelpPanel"):
        yield SystemCommand(tx("cmd_keys"), tx("cmd_keys_hide_help"), app.action_hide_help_panel)
    else:
        yield SystemCommand(tx("cmd_keys"), tx("cmd_keys_help"), app.action_show_help_panel)
    if screen.maximized is not None:
        yield SystemCommand(tx("cmd_minimize"), tx("cmd_minimize_help"), screen.action_minimize)
    elif screen.focused is not None and screen.focused.allow_maximize:
        yield SystemCommand(tx("cmd_maximize"), tx("cmd_maximize_help"), screen.action_maximize)
    yield SystemCommand(
        tx("cmd_screenshot"),
        tx("cmd_screenshot_help"),
        lambda: app.set_timer(0.1, app.deliver_screenshot),
    )
