"""Every string the Textual app shows, in bokmål (default) and English.

Look texts up with `tx("key", **params)`. Keys are grouped by screen; add new keys to the group of
the screen that shows them. English falls back to bokmål where a key is missing.
"""

from __future__ import annotations

from models.text import language

NB: dict[str, str] = {
    # --- app-wide ---
    "app_title": "innsikt",
    "app_subtitle": "Innsiktsreiser – nytt nødnett",
}

EN: dict[str, str] = {
    "app_title": "innsikt",
    "app_subtitle": "Insight journeys – new emergency network",
}


def tx(key: str, **params: object) -> str:
    """The UI text `key` in the current language."""
    template = (EN if language() == "en" else NB).get(key) or NB[key]
    return template.format(**params) if params else template
