"""Text typed in a field and not sent yet (a panel's line, an open form): found at quit and hang-up.

Notes are saved as they are typed; a panel's line or a form only when the user sends it (Enter,
ctrl+s). Leaving before that must not lose what was typed: quit names it in its question, and
both quit and hang-up keep it in the recovery file, which the next start offers back.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode

    from tui.recovery import RecoveredField  # not before the first frame (tests/test_light_imports)

log = logging.getLogger(__name__)

SHOWN_CHARS = 60  # of one field's text in the quit question


class HoldsFieldText:
    """A widget or screen whose fields may hold text that was never sent."""

    def unsent_fields(self) -> list[RecoveredField]:
        raise NotImplementedError


def unsent_fields(app: App[object]) -> list[RecoveredField]:
    """Every open screen's unsent field text, with the author of the screen it was typed on."""
    found: list[RecoveredField] = []
    default_author = str(getattr(app, "author", "") or "")
    for screen in app.screen_stack:
        author = str(getattr(screen, "author", "") or default_author)
        nodes: list[DOMNode] = [screen, *screen.query("*")]
        for node in nodes:
            if not isinstance(node, HoldsFieldText):
                continue
            try:
                fields = node.unsent_fields()
            except Exception:  # a half-built widget must not stop the quit or the hang-up
                log.debug("unsent fields not read", exc_info=True)
                continue
            found.extend(dataclasses.replace(f, author=f.author or author) for f in fields)
    return found


def joined(pairs: list[tuple[str, str]]) -> str:
    """«Hva: x · Hvem: y»: the fields that hold text, each named."""
    return " · ".join(f"{label}: {value}" for label, value in pairs if value.strip())


def short_label(label: str) -> str:
    """A field's label without its hint: «Dato (dd.mm.åååå)» → «Dato», «Navn *» → «Navn»."""
    return label.split(" (")[0].split(" – ")[0].removesuffix(" *").strip()


def listed(fields: list[RecoveredField]) -> str:
    """The lines the quit question shows: where, and the start of what was typed."""
    lines = []
    for field in fields:
        text = " ".join(field.text.split())
        if len(text) > SHOWN_CHARS:
            text = text[: SHOWN_CHARS - 1] + "…"
        lines.append(f"• {field.place}: {text}")
    return "\n".join(lines)
