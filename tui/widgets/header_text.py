"""The capture screen's header and panel parts whose height follows their content: laid out once a PgDn."""

from __future__ import annotations

from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from tui.widgets.own_size import SizedByLayout


class HeaderText(SizedByLayout, Static):
    """The question, its help and the other authors' notes."""


class HeaderScroll(SizedByLayout, VerticalScroll):
    """The answer and side panels' box under the question."""


class HeaderBox(SizedByLayout, Vertical):
    """The slot the question's side panel is shown in."""


class PanelText(SizedByLayout, Static):
    """A side panel's title, hint, error or empty line: its first showing laid out once."""


class PanelRow(SizedByLayout, Horizontal):
    """A side panel's row of fields."""
