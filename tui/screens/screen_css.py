"""A screen's own CSS added to the app's stylesheet without re-parsing the rest: `add_own_css`."""

from __future__ import annotations

from pathlib import Path

from textual.screen import Screen


def add_own_css(screen: Screen[object]) -> None:
    """Add `screen`'s CSS_PATH files to its app's stylesheet, before the screen is pushed.

    On a screen's first push Textual re-parses every source of the stylesheet in a fresh parser
    (the app's CSS and every widget's DEFAULT_CSS, none from its cache) and restyles every
    widget of the screens beneath: 20-40 ms to open the service catalogue. Added here, the
    push finds them there and does neither; the next use of the rules parses the new source
    alone. The screens beneath keep their styles, so each rule must select within the screen
    (start with its class name: tests/tui/test_catalogue_cost.py checks the catalogue's)."""
    stylesheet = screen.app.stylesheet
    for path in screen.css_path:
        if not stylesheet.has_source(str(path), ""):
            # The location as Stylesheet.read gives it, which the push looks for.
            css = Path(path).read_text(encoding="utf-8")
            stylesheet.add_source(css, read_from=(str(path), ""))
