"""A follow-up made from a line of the note: what and who filled in, the due date asked inline."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from tui import bindings
from tui.text import tx
from tui.unsent_fields import HoldsFieldText, joined
from tui.widgets.text_field import TextField

if TYPE_CHECKING:
    from tui.app import InnsiktApp
    from tui.recovery import RecoveredField


class FollowUpLineScreen(HoldsFieldText, ModalScreen[str | None]):
    """Enter saves (through the writer) and dismisses with the follow-up's text."""

    BINDINGS = bindings.MODAL

    class Failed(Message):
        def __init__(self, detail: str, field: str) -> None:
            super().__init__()
            self.detail = detail
            self.field = field

    class Added(Message):
        pass

    def __init__(self, meeting_id: str, what: str, who: str, question_key: str = "") -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.question_key = question_key  # whose note the line is from
        self.what = what
        self.who = who
        self.saving = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(tx("fuline_title"), classes="dialog-title")
            yield Label(tx("fu_what"))
            yield TextField(self.what, id="fuline-what", compact=True)
            yield Label(tx("fu_who"))
            yield TextField(self.who, id="fuline-who", compact=True)
            yield Label(tx("fu_due"))
            yield TextField(id="fuline-due", placeholder=tx("fuline_due_hint"), compact=True)
            yield Static("", id="fuline-error", classes="field-error")
            yield Static(tx("fuline_keys"), classes="muted")

    def on_mount(self) -> None:
        self.query_one("#fuline-due", Input).focus()

    @on(Input.Submitted)
    def _save(self) -> None:
        if self.saving:
            return
        self.saving = True
        from models.catalogue import ValidationError
        from models.followups import add_followup

        app = cast("InnsiktApp", self.app)
        db, meeting_id = app.db, self.meeting_id
        what = self.query_one("#fuline-what", Input).value
        who = self.query_one("#fuline-who", Input).value
        due = self.query_one("#fuline-due", Input).value

        def failed(error: Exception) -> None:
            field = getattr(error, "field", "what") if isinstance(error, ValidationError) else ""
            self.post_message(self.Failed(str(error), field))

        app.writer.submit(
            lambda: add_followup(db, meeting_id, what, who, due),  # type: ignore[arg-type]
            on_done=lambda _id: self.post_message(self.Added()),
            on_error=failed,
        )

    def on_follow_up_line_screen_added(self) -> None:
        self.dismiss(self.query_one("#fuline-what", Input).value.strip())

    def on_follow_up_line_screen_failed(self, message: Failed) -> None:
        self.saving = False
        error = self.query_one("#fuline-error", Static)
        error.update(message.detail)
        error.add_class("-shown")
        field = {"what": "#fuline-what", "who": "#fuline-who"}.get(message.field, "#fuline-due")
        self.query_one(field, Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def unsent_fields(self) -> list[RecoveredField]:
        """The fields, when the user changed them from the note line's (a save in flight
        dismisses the screen itself)."""
        from tui.recovery import RecoveredField

        values = [self.query_one(f"#fuline-{name}", Input).value for name in ("what", "who", "due")]
        if self.saving or values == [self.what, self.who, ""]:
            return []
        labels = (tx("fu_col_what"), tx("fu_col_who"), tx("fu_col_due"))
        text = joined([(label, value.strip()) for label, value in zip(labels, values, strict=True)])
        if not text:
            return []
        return [RecoveredField(tx("fuline_title"), text, self.meeting_id, self.question_key)]
