"""Rules about where names are imported from, checked on the source so that they stay true."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("models", "tui", "exports")


def _imports_of(name: str) -> list[tuple[str, str]]:
    """(file, module) for every `from module import name` in the product's packages."""
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and any(a.name == name for a in node.names):
                    found.append((str(path.relative_to(ROOT)), node.module or ""))
    return found


def test_schema_version_is_imported_from_dbfile_only() -> None:
    imports = _imports_of("SCHEMA_VERSION")
    assert imports, "SCHEMA_VERSION is imported somewhere"
    assert [(path, module) for path, module in imports if module != "models.dbfile"] == []
