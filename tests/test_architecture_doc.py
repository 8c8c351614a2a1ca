"""docs/architecture.md names real modules and functions: every path and `path:name` on it exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "architecture.md"
# `tui/writer.py`, `tui/app/`, `models/records.py:create`, `tui/autosave.py:NoteSaver.save`
REFERENCE = re.compile(r"`((?:tui|models|exports|tests|docs)/[\w/]*(?:\.\w+)?)(?::([\w.]+))?`")


def _references() -> list[tuple[str, str | None]]:
    return REFERENCE.findall(PAGE.read_text(encoding="utf-8"))


def _defines(source: str, dotted: str) -> bool:
    """Whether `source` defines each part of `dotted` (a class, then its method)."""
    return all(
        re.search(rf"^\s*(?:async\s+)?(?:def|class)\s+{re.escape(part)}\b", source, re.M)
        for part in dotted.split(".")
    )


def test_the_page_names_modules_and_functions_at_all() -> None:
    references = _references()
    assert len(references) > 40
    assert sum(1 for _, name in references if name) > 15


def test_every_module_path_on_the_page_exists() -> None:
    missing = [path for path, _ in _references() if not (ROOT / path).exists()]
    assert missing == []


def test_every_function_and_class_on_the_page_is_defined_where_it_says() -> None:
    missing = [
        f"{path}:{name}"
        for path, name in _references()
        if name and not _defines((ROOT / path).read_text(encoding="utf-8"), name)
    ]
    assert missing == []


def test_a_name_that_is_not_there_is_caught() -> None:
    source = (ROOT / "tui" / "writer.py").read_text(encoding="utf-8")
    assert _defines(source, "Writer.submit_latest")
    assert not _defines(source, "Writer.no_such_method")
