"""A screen laid out once for its first frame: not again for what that layout already covered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import _time

if TYPE_CHECKING:
    from typing import Self

    from textual import events, messages
    from textual._compositor import Compositor
    from textual.geometry import Region, Size
    from textual.widget import Widget


class LaidOutOnce:
    """Mixed in before `Screen`. Textual lays a screen out as it is shown, while its widgets
    still hold the layout requests of their own mounting; each then asks for a layout of the
    screen, and gets a second one (and a repaint) before the first frame has settled:

    - the widgets' requests from before the first layout: that layout took them in (it
      arranged every widget anew), so they are dropped, with those the layout itself made
      (each widget's new size asks for a layout and a repaint); so are the requests for a
      repaint from before the first frame, which rendered every widget as it was;
    - the screen's own Resize, which its first layout sends it: Textual answers it with a
      layout at the same size. A Resize to the size laid out at already is taken as done;
      any other (the terminal resized) is Textual's as always;
    - the restyle of every widget Textual makes when a screen is resumed: shown the first
      time, each widget was styled as it mounted; and the repaint of the whole screen it asks
      for once that showing's layout has painted the first frame;
    - the toast rack, hidden by its CSS, whose first showing (after the first frame) sets
      `display = False` inline: a change of style. It is set so before the first layout.

    Textual calls the handlers of every class in the MRO in turn (not through super()):
    preventing the default stops the walk before Screen's own. The screen's `on_resize` runs.
    """

    _compositor: Compositor
    _laid_out_at = 0.0  # when the first layout was made (Textual's clock)
    _resuming = False  # handling the first ScreenResume, whose layout paints the first frame
    _painted_at = 0.0  # when the first frame was rendered

    def _on_mount(self) -> None:
        from textual.widgets._toast import ToastRack

        for rack in self.query_children(ToastRack):  # type: ignore[attr-defined]
            rack.display = False

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        if not self._laid_out_at:  # shown the first time: each widget was styled as it mounted
            event.refresh_styles = False  # (Screen's handler, next, restyles them all else)
            # Screen's handler lays the screen out, which paints it, and then asks for a
            # repaint of all of it: a second full render of the frame just drawn.
            self._resuming = True
            self.call_next(self._resumed)

    def _resumed(self) -> None:
        self._resuming = False

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Self:
        if self._resuming and self._painted_at and not (regions or layout or recompose):
            self._resuming = False  # the frame painted by this first showing is that repaint
            return self
        return super().refresh(  # type: ignore[misc,no-any-return]
            *regions, repaint=repaint, layout=layout, recompose=recompose
        )

    def _refresh_layout(self, size: Size | None = None, scroll: bool = False) -> None:
        first = not self._laid_out_at and not scroll
        super()._refresh_layout(size, scroll)  # type: ignore[misc]
        if first and self._compositor.size:
            self._laid_out_at = _time.get_time()
            widget: Widget
            for widget in self.walk_children(with_self=True):  # type: ignore[attr-defined]
                widget._layout_required = False

    def _compositor_refresh(self) -> None:
        painted = not self._painted_at and self is self.app.screen  # type: ignore[attr-defined]
        super()._compositor_refresh()  # type: ignore[misc]
        if painted:
            self._painted_at = _time.get_time()
            widget: Widget
            for widget in self.walk_children(with_self=True):  # type: ignore[attr-defined]
                widget._repaint_required = False

    def _on_update(self, message: messages.Update) -> None:
        if message.time <= self._painted_at:
            message.stop()
            message.prevent_default()

    def _on_layout(self, message: messages.Layout) -> None:
        if message.time <= self._laid_out_at:
            message.stop()
            message.prevent_default()

    def _on_resize(self, event: events.Resize) -> None:
        if event.size == self._compositor.size:
            event.stop()
            event.prevent_default()
