"""The interview guide as a tree: sections, then their questions, each marked with its state."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from tui.widgets.own_keys import OwnKeysOnArrival
from tui.widgets.own_size import OwnVirtualSize

if TYPE_CHECKING:
    from models.guides import Guide, Question

# One glyph per state, so that the tree shows at a glance where the meeting has been.
MARK_NOTE = "●"
MARK_ANSWER = "◆"
MARK_SKIPPED = "–"
MARK_NONE = "○"

# Lines kept between the cursor and the tree's top or bottom edge when the guide is walked.
SCROLL_MARGIN = 2


def minutes_text(seconds: int) -> str:
    """«4m», «1t05m»: time spent on a question, short enough for the end of a tree line."""
    minutes = seconds // 60
    return f"{minutes // 60}t{minutes % 60:02d}m" if minutes >= 60 else f"{minutes}m"


class GuideTree(OwnKeysOnArrival, OwnVirtualSize, Tree[str]):
    """Section nodes hold the section key, question leaves the question key.

    Each line shows the key and as much of the text as the tree's width allows, cut with «…»
    (the full question stands in the capture screen's header), and the minutes spent on the
    question, once there is a minute, at the end.
    """

    DEFAULT_CSS = """
    GuideTree { width: 28; border-right: tall $panel; overflow-x: hidden; }
    """

    def __init__(self, guide: Guide, marks: dict[str, str], *, id: str | None = None) -> None:
        super().__init__(guide.title, id=id)
        self.guide = guide
        self.show_root = False
        self.guide_depth = 2
        self.marks = dict(marks)
        self.times: dict[str, int] = {}
        self._leaves: dict[str, TreeNode[str]] = {}
        self._branches: dict[str, TreeNode[str]] = {}
        for section in guide.sections:
            branch = self.root.add(f"{section.key} {section.title}", data=section.key, expand=True)
            self._branches[section.key] = branch
            for question in section.questions:
                leaf = branch.add_leaf(self._label(question), data=question.key)
                self._leaves[question.key] = leaf

    def _room(self) -> int:
        """Cells a label has after its guide or expand icon (0 before the first layout: nothing
        is cut). Sections and questions both start one guide in: the root is hidden."""
        width = self.scrollable_content_region.width
        return max(width - self.guide_depth, 0) if width else 0

    def _label(self, question: Question) -> Text:
        mark = self.marks.get(question.key, MARK_NONE)
        label = Text(f"{mark} ", style="bold" if mark != MARK_NONE else "dim")
        label.append(f"{question.key} ")
        label.append(question.text)
        seconds = self.times.get(question.key, 0)
        suffix = f" {minutes_text(seconds)}" if seconds >= 60 else ""
        room = self._room()
        if room:
            label.truncate(max(room - len(suffix), len(question.key) + 3), overflow="ellipsis")
        if suffix:
            label.append(suffix, style="dim")
        return label

    def _section_label(self, key: str, title: str) -> Text:
        label = Text(f"{key} {title}")
        room = self._room()
        if room:
            label.truncate(room, overflow="ellipsis")
        return label

    def relabel(self) -> None:
        for question in self.guide.questions():
            leaf = self._leaves.get(question.key)
            if leaf is not None:
                leaf.set_label(self._label(question))
        for section in self.guide.sections:
            self._branches[section.key].set_label(self._section_label(section.key, section.title))

    def on_resize(self) -> None:
        self.relabel()

    def mark(self, question_key: str, mark: str) -> None:
        if self.marks.get(question_key, MARK_NONE) == mark:
            return  # asked on every question change: an unchanged label is not set again
        self.marks[question_key] = mark
        question = self.guide.question(question_key)
        leaf = self._leaves.get(question_key)
        if question is not None and leaf is not None:
            leaf.set_label(self._label(question))

    def show_times(self, times: dict[str, int]) -> None:
        """Seconds spent per question (all devices): their minutes end the lines."""
        changed = {
            key for key in set(times) | set(self.times) if times.get(key) != self.times.get(key)
        }
        self.times = dict(times)
        for key in changed:
            question = self.guide.question(key)
            leaf = self._leaves.get(key)
            if question is not None and leaf is not None:
                leaf.set_label(self._label(question))

    def show_question(self, question_key: str) -> None:
        """Move the cursor to the question without posting a selection.

        The tree scrolls only when the cursor comes within `SCROLL_MARGIN` lines of an edge,
        and then so far that the cursor is in the middle: a scroll repaints every line of the
        tree and its scrollbar, which Tree's own one-line-per-move scrolling did on each PgDn.
        """
        leaf = self._leaves.get(question_key)
        if leaf is None or leaf.line < 0:
            return
        self.cursor_line = leaf.line
        if self.scrollable_content_region.height:
            self._keep_cursor_in_view()
        else:  # not laid out yet (the first question shown): once it is
            self.call_after_refresh(self._keep_cursor_in_view)

    def _keep_cursor_in_view(self) -> None:
        line, height = self.cursor_line, self.scrollable_content_region.height
        if line < 0 or not height:
            return
        margin = min(SCROLL_MARGIN, (height - 1) // 2)
        top = round(self.scroll_y)
        if not top + margin <= line < top + height - margin:
            self.scroll_to(y=max(0, line - height // 2), animate=False, force=True)

    def is_section(self, node: TreeNode[str]) -> bool:
        return node.parent is self.root
