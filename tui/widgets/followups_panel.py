"""A meeting's follow-up items: add one on a single line, change status, mark done."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.widgets import DataTable, Input, Static
from textual.worker import get_current_worker

from models.catalogue import ValidationError
from models.followups import (
    FollowUpRow,
    add_followup,
    check_followup,
    next_followup_status,
    set_followup_status,
)
from models.read_panels import panel_followups
from models.storage import Database
from tui import bindings
from tui.forms import clean_line
from tui.store.panel_reads import PanelReads
from tui.text import tx
from tui.unsent_fields import HoldsFieldText, joined
from tui.widgets.entered_panel import PanelTable, TablePanel
from tui.widgets.header_text import PanelRow, PanelText
from tui.widgets.line_field import LineField, TakesLine
from tui.widgets.sent_items import SentItem, SentItems
from tui.widgets.table_columns import Column, clipped, fit_columns
from tui.widgets.write_failure import failure_text
from tui.writer import write_from

FIELDS = ("#fu-what", "#fu-who", "#fu-due")  # the one line an item is typed on, in order

if TYPE_CHECKING:
    from tui.recovery import RecoveredField


def due_text(due: dt.date | None, status: str, today: dt.date) -> Text:
    """A due date as people write it (dd.mm.yyyy), red when it has passed and is still open."""
    if due is None:
        return Text("")
    overdue = status != "lukket" and due < today
    return Text(due.strftime("%d.%m.%Y"), style="bold red" if overdue else "")


def today_of(app: object) -> dt.date:
    """Today by the app's clock when it has one (InnsiktApp's is frozen in tests), else the system's."""
    clock = getattr(app, "clock", None)
    return clock().date() if callable(clock) else dt.date.today()


def status_text(status: str) -> Text:
    return Text(status, style="dim" if status == "lukket" else "")


def status_change_text(what: str, status: str) -> str:
    """What the notification says after a follow-up got `status`."""
    if status == "lukket":
        return tx("fu_closed", what=what)
    return tx("fu_status_set", what=what, status=status)


class FollowUpsPanel(TablePanel[FollowUpRow], HoldsFieldText, TakesLine):
    """Shown under a `followups` question; entered with F2, Enter in a field adds the item."""

    DEFAULT_CSS = """
    FollowUpsPanel { height: auto; max-height: 100%; }
    FollowUpsPanel #fu-title { text-style: bold; height: 1; }
    FollowUpsPanel #fu-line { height: 1; margin-bottom: 1; }
    FollowUpsPanel #fu-what { width: 1fr; margin-right: 1; }
    FollowUpsPanel #fu-who { width: 18; margin-right: 1; }
    FollowUpsPanel #fu-due { width: 13; }
    FollowUpsPanel #fu-error { color: $error; height: auto; display: none; }
    FollowUpsPanel #fu-error.-shown { display: block; }
    FollowUpsPanel #fu-empty { color: $text-muted; height: auto; }
    FollowUpsPanel DataTable { height: auto; max-height: 12; }
    FollowUpsPanel.-entered #fu-title { color: $text-accent; }
    """

    BINDINGS = bindings.FOLLOWUPS_PANEL

    def __init__(
        self,
        db: Database,
        meeting_id: str,
        reads: PanelReads | None = None,
        question_key: str = "",
        **kwargs: str,
    ) -> None:
        super().__init__(reads or PanelReads(db.path), owned=reads is None, **kwargs)
        self.db = db
        self.meeting_id = meeting_id
        self.question_key = question_key  # the question it was first shown under: see unsent
        self.rows: list[FollowUpRow] = []
        self.sent = SentItems()  # items whose save is not known yet: their text is in the fields

    def compose(self) -> ComposeResult:
        yield PanelText(tx("fu_panel_title", open=0, count=0), id="fu-title")
        with PanelRow(id="fu-line"):
            yield LineField(placeholder=tx("fu_what"), id="fu-what", compact=True)
            yield LineField(placeholder=tx("fu_who"), id="fu-who", compact=True)
            yield LineField(placeholder=tx("fu_due"), id="fu-due", compact=True)
        yield PanelText("", id="fu-error")
        yield PanelTable(cursor_type="row", zebra_stripes=True)
        yield PanelText(tx("fu_panel_empty"), id="fu-empty")

    def on_mount(self) -> None:
        self.on_leave()  # TablePanel.on_mount reads the rows

    def on_enter(self) -> None:
        for field in self.query(Input):
            field.can_focus = True
        self.screen.set_focus(self.query_one("#fu-what", Input))  # at once: see EnteredPanel

    def on_leave(self) -> None:
        # The fields take typing; outside the panel they must not catch a stray Tab.
        for field in self.query(Input):
            field.can_focus = False

    # --- loading --------------------------------------------------------------------------

    def reload(self, select_id: str | None = None) -> None:
        # The capture screen swaps panels as the user moves on; a late write may still ask.
        if not self.is_attached:
            return
        rows = self.reads.kept(panel_followups, self.meeting_id)
        if rows is None:
            self._load(select_id)
        else:  # as read before: no worker thread to find that out
            self._show(rows, select_id)

    @work(thread=True, exclusive=True, group="followups-panel")
    def _load(self, select_id: str | None) -> None:
        rows = self.reads.read(panel_followups, self.meeting_id)
        # A newer load replaced this one; its result would show stale rows.
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, rows, select_id)

    def _show(self, rows: list[FollowUpRow], select_id: str | None) -> None:
        if not self.showable:
            return
        self.replace_rows(rows, select_id)
        open_count = sum(1 for row in rows if row.status != "lukket")
        title = tx("fu_panel_title", open=open_count, count=len(rows))
        self.show_text(self.query_one("#fu-title", Static), title)
        self.query_one("#fu-empty").display = not rows
        self.post_message(self.Counted("followups", "", len(rows)))

    def row_key(self, row: FollowUpRow) -> str:
        return row.id

    def fill_state(self) -> object:
        return today_of(self.app)  # a due date turns red the day after it

    def add_rows(self, table: DataTable[object]) -> None:
        widths = fit_columns(
            table,
            [
                Column("what", tx("fu_col_what")),
                Column("who", tx("fu_col_who"), 14),
                Column("due", tx("fu_col_due"), 10),
                Column("status", tx("fu_col_status"), 6),
            ],
            self.table_width(table),
        )
        today = today_of(self.app)
        for row in self.rows:
            table.add_row(
                clipped(row.what, widths["what"]),
                clipped(row.who, widths["who"]),
                due_text(row.due_date, row.status, today),
                status_text(row.status),
                key=row.id,
            )

    # --- adding ---------------------------------------------------------------------------

    def line_sent(self, field: LineField, line: dict[str, str]) -> None:
        """Enter in one of the fields, at the key (`TakesLine`)."""
        # The line as it was at Enter: keys typed after it, in one burst, are the next item's.
        typed = [line.get(name[1:], "") for name in FIELDS]
        what, who, due = self.sent.unsent(typed)
        if not any(value.strip() for value in (what, who, due)):
            # Nothing typed since the items still being saved (Enter again, as nothing seemed
            # to happen): nothing to send, and nothing wrong to say.
            return
        try:
            check_followup(what, who, due)
        except ValidationError as error:
            # Refused at the key, before the keys typed after it: the same in every burst.
            self._show_error(error)
            return
        # The fields stay as they are until the save is known (`_added`, `failed`): emptied
        # now, a failure had to put the item back ahead of what was typed since, glued to it.
        # The next item starts in «Hva» now, not when the save returns: the keys after Enter
        # go there however fast the disk is, none split between two fields.
        what_field = self.query_one("#fu-what", Input)
        what_field.cursor_position = len(what_field.value)
        self.screen.set_focus(what_field)
        self._add(self.sent.send((what, who, due)), what, who, due)

    def _add(self, item: SentItem, what: str, who: str, due: str) -> None:
        db, meeting_id = self.db, self.meeting_id

        def failed(error: BaseException) -> None:
            self.sent.failed(item)  # what was typed stays in the fields, as typed
            self._show_error(error)

        write_from(
            self,
            lambda: add_followup(db, meeting_id, what, who, due),
            on_done=lambda item_id: self._added(item, item_id, what.strip()),
            on_error=failed,
        )

    def _added(self, item: SentItem, item_id: str, what: str) -> None:
        self.notify(tx("fu_added", what=what), markup=False)
        if not self.is_attached:
            return
        fields = [self.query_one(field, Input) for field in FIELDS]
        kept = self.sent.saved(item, [field.value for field in fields])
        for field, value in zip(fields, kept, strict=True):
            if field.value != value:
                field.value = value  # what was typed since stays: the next item's
        # An error shown after this item was sent (one ahead failed, a value was refused) is
        # still the user's to see to: its line and the focus stay.
        if self.sent.clears_error(item):
            self.query_one("#fu-error").remove_class("-shown")
        self.reload(select_id=item_id)

    def _show_error(self, error: BaseException) -> None:
        if isinstance(error, ValidationError):
            message = str(error)
            field = {"what": "#fu-what", "who": "#fu-who"}.get(error.field, "#fu-due")
        else:  # the disk or the database: say so, keep what was typed
            message, field = failure_text(error), "#fu-what"
        if not self.is_attached:
            self.app.notify(message, severity="error", markup=False)
            return
        self.sent.error_shown()
        shown = self.query_one("#fu-error", Static)
        shown.update(Text(message))
        shown.add_class("-shown")
        # At once, not deferred as focus() is: the keys after a refused Enter go to its field.
        # A save failing later, once the user is back in the note, leaves the focus there.
        focused = self.screen.focused
        if focused is not None and self in focused.ancestors:
            self.screen.set_focus(self.query_one(field, Input))

    def unsent_fields(self) -> list[RecoveredField]:
        """The fields as typed, less the items out for saving (see `SentItems`); kept for the
        note of the question the panel was made for."""
        from tui.recovery import RecoveredField

        typed = self.sent.unsent([self.query_one(field, Input).value for field in FIELDS])
        labels = (tx("fu_col_what"), tx("fu_col_who"), tx("fu_col_due"))
        text = joined(
            [(label, clean_line(value)) for label, value in zip(labels, typed, strict=True)]
        )
        if not text:
            return []
        return [RecoveredField(tx("fu_place"), text, self.meeting_id, self.question_key)]

    # --- status ---------------------------------------------------------------------------

    def action_new_item(self) -> None:
        # At once, not deferred as focus() is: the text typed right after «n» is for the field.
        self.screen.set_focus(self.query_one("#fu-what", Input))

    def action_cycle_status(self) -> None:
        row = self._selected_or_tell()
        if row is not None:
            self._set_status(row, next_followup_status(row.status))

    def action_mark_done(self) -> None:
        row = self._selected_or_tell()
        if row is not None:
            self._set_status(row, "lukket")

    def _set_status(self, row: FollowUpRow, status: str) -> None:
        message = status_change_text(row.what, status)
        self._write(lambda: set_followup_status(self.db, row.id, status), message, row.id)

    def _selected_or_tell(self) -> FollowUpRow | None:
        row = self.selected()
        if row is None:
            self.notify(tx("fu_none_selected"), severity="warning")
        return row

    def _write(self, change: Callable[[], object], message: str, select_id: str) -> None:
        def done(_result: object) -> None:
            self.notify(message, markup=False)
            self.reload(select_id)

        write_from(
            self,
            change,
            on_done=done,
            # the disk or the database: tell, keep the panel usable
            on_error=lambda error: self.notify(failure_text(error), severity="error", markup=False),
        )
