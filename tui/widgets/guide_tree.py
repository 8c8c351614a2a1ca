"""The interview guide as a tree: sections, then their questions, each marked with its state."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

if TYPE_CHECKING:
    from models.guides import Guide, Question

# One glyph per state, so that the tree shows at a glance where the meeting has been.
MARK_NOTE = "●"
MARK_ANSWER = "◆"
MARK_SKIPPED = "–"
MARK_NONE = "○"


class GuideTree(Tree[str]):
    """Section nodes hold the section key, question leaves the question key."""

    DEFAULT_CSS = """
    GuideTree { width: 28; border-right: tall $panel; overflow-x: hidden; }
    """

    def __init__(self, guide: Guide, marks: dict[str, str], *, id: str | None = None) -> None:
        super().__init__(guide.title, id=id)
        self.guide = guide
        self.show_root = False
        self.guide_depth = 2
        self._leaves: dict[str, TreeNode[str]] = {}
        for section in guide.sections:
            branch = self.root.add(f"{section.key} {section.title}", data=section.key, expand=True)
            for question in section.questions:
                mark = marks.get(question.key, MARK_NONE)
                leaf = branch.add_leaf(self._label(question, mark), data=question.key)
                self._leaves[question.key] = leaf

    @staticmethod
    def _label(question: Question, mark: str) -> Text:
        label = Text(f"{mark} ", style="bold" if mark != MARK_NONE else "dim")
        label.append(f"{question.key} ")
        label.append(question.text)
        return label

    def mark(self, question_key: str, mark: str) -> None:
        question = self.guide.question(question_key)
        leaf = self._leaves.get(question_key)
        if question is not None and leaf is not None:
            leaf.set_label(self._label(question, mark))

    def show_question(self, question_key: str) -> None:
        """Move the cursor to the question without posting a selection."""
        leaf = self._leaves.get(question_key)
        if leaf is not None:
            self.move_cursor(leaf)

    def is_section(self, node: TreeNode[str]) -> bool:
        return node.parent is self.root
