"""The shipped guides' keys, versions and question counts, read from their text alone.

Home's first frame shows each meeting's number of questions. `models.guides` can tell it too,
but importing it costs the guide parser (tomllib), importlib.resources and the guides' frozen
dataclasses, a few per cent of the time to home's first frame; this module needs none of them.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from models.locations import user_guides_dir

SHIPPED_DIR = Path(__file__).with_name("guides")  # the package `models.guides`' own folder

# A guide's own key and version, on lines of their own before its first table.
_HEAD_LINE = re.compile(r'^(key|version)[ \t]*=[ \t]*(?:"([^"\n]*)"|(\d+))[ \t]*$', re.MULTILINE)
# Each question is a table of its own under its section (docs/guide-format.md).
_QUESTION_TABLE = re.compile(r"^\[\[sections\.questions\]\][ \t]*$", re.MULTILINE)

Head = tuple[str, int, str, int]  # key, version, file name, questions


def text_head(name: str, text: str) -> Head | None:
    """(key, version, `name`, questions) of a guide's TOML text, from the lines before its
    first table and its question tables; None if those lines do not name both."""
    head = text.split("\n[", 1)[0]
    found = {m[1]: m[2] if m[2] is not None else m[3] for m in _HEAD_LINE.finditer(head)}
    if "key" not in found or "version" not in found:
        return None
    return found["key"], int(found["version"]), name, len(_QUESTION_TABLE.findall(text))


@cache
def shipped_heads() -> tuple[tuple[str, Head | None], ...]:
    """Each shipped guide's file name and head (None: it must be parsed to tell), by name."""
    names = sorted(path.name for path in SHIPPED_DIR.iterdir() if path.name.endswith(".toml"))
    return tuple((name, text_head(name, (SHIPPED_DIR / name).read_text("utf-8"))) for name in names)


def question_count(key: str, version: int | None = None) -> int | None:
    """How many questions `models.guides.question_count(key, version)` gives (0 where it finds
    no such guide), told from the shipped guides' heads; None when only `models.guides` can
    tell: a shipped head names too little, or the user has guides of their own."""
    heads = shipped_heads()
    if any(head is None for _name, head in heads) or _has_own_guides():
        return None
    versions = {
        head[1]: head[3]
        for _name, head in heads
        if head is not None and head[0] == key and version in (None, head[1])
    }
    return versions[max(versions)] if versions else 0


def _has_own_guides() -> bool:
    folder = user_guides_dir()
    return folder.is_dir() and next(folder.glob("*.toml"), None) is not None
