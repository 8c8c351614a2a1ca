"""Virtual sizes taken from a layout without the relayout or repaint Textual adds after it.

`OwnVirtualSize`: a scrolling widget that keeps the virtual size it measured itself, whatever a
layout hands it.

Textual's compositor gives every widget the virtual size of its box at each layout of the
screen. A ScrollView (Tree, OptionList, TextArea, DataTable) never uses that size: it sets its
own from its content. But ScrollView compares the two, finds them different every time, and
refreshes its scrollbars: on the capture screen every PgDn relays the screen out, and the guide
tree's scrollbar was then painted again, in a paint of its own, after each one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.geometry import Size
    from textual.scroll_view import ScrollView
    from textual.widget import Widget

    _Base = ScrollView
    _WidgetBase = Widget
else:
    _Base = _WidgetBase = object


class OwnVirtualSize(_Base):
    """Mixed in before the Textual widget class: `class GuideTree(OwnVirtualSize, Tree[str])`."""

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # ScrollView updates the scrollbars only here: after the widget's own virtual size
        # changed (new lines), the layout's value still goes through and they are updated.
        own = self.virtual_size
        if own == getattr(self, "_own_virtual_size", None):
            virtual_size = own
        self._own_virtual_size = own
        return super()._size_updated(size, virtual_size, container_size, layout)


class SizedByLayout(_WidgetBase):
    """A widget whose virtual size the layout measures, taken without asking for another layout.

    Textual sets the virtual size each layout measured as a reactive that asks for a layout of
    its own: after any PgDn that changed a header's height, the whole screen was laid out (and
    the header painted) a second time, to find nothing to change. The scrollbars of a widget
    that scrolls are still updated (`Widget._size_updated` does that either way).
    Mixed in before the Textual class: `class HeaderText(SizedByLayout, Static)`.
    """

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)
