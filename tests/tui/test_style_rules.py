"""The TUI's one styling rule and one home for keys, checked on the source so that they stay true."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TUI = Path(__file__).resolve().parents[2] / "tui"
STYLES = TUI / "styles"


def _class_assignments(path: Path, name: str) -> list[tuple[str, ast.expr]]:
    """(class name, assigned value) for every `name = …` in a class body of `path`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ClassDef):
            continue
        for statement in node.body:
            targets: list[ast.expr] = []
            if isinstance(statement, ast.Assign):
                targets = statement.targets
            elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
                targets = [statement.target]
            for target in targets:
                if isinstance(target, ast.Name) and target.id == name:
                    found.append((node.name, statement.value))
    return found


SCREEN_FILES = sorted((TUI / "screens").glob("*.py"))


@pytest.mark.parametrize("path", SCREEN_FILES, ids=lambda path: path.stem)
def test_screens_keep_their_css_in_a_stylesheet_not_in_default_css(path: Path) -> None:
    assert _class_assignments(path, "DEFAULT_CSS") == []


@pytest.mark.parametrize("path", SCREEN_FILES, ids=lambda path: path.stem)
def test_every_stylesheet_a_screen_names_exists(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    for _, value in _class_assignments(path, "CSS_PATH"):
        assert isinstance(value, ast.BinOp) and isinstance(value.right, ast.Constant)
        assert (STYLES / value.right.value).is_file(), ast.unparse(value)
    assert "CSS = " not in source.replace("DEFAULT_CSS", "").replace("CSS_PATH", "")


def test_every_stylesheet_belongs_to_the_app_or_a_screen() -> None:
    named = {"app.tcss"}
    for path in SCREEN_FILES:
        for _, value in _class_assignments(path, "CSS_PATH"):
            named.add(value.right.value)  # type: ignore[attr-defined]
    assert {path.name for path in STYLES.glob("*.tcss")} == named


@pytest.mark.parametrize(
    "path",
    sorted(path for path in TUI.rglob("*.py") if path.name != "bindings.py"),
    ids=lambda path: str(path.relative_to(TUI)),
)
def test_every_bindings_list_lives_in_tui_bindings(path: Path) -> None:
    for class_name, value in _class_assignments(path, "BINDINGS"):
        reference = ast.unparse(value)
        assert reference.startswith("bindings."), f"{class_name}.BINDINGS = {reference}"
