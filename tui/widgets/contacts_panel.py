"""The contacts under a `people` question (F1): add one on a line or pick a known person.

Entered with F2 like the other panels. The line takes «Navn, rolle, e-post, telefon»; a few
letters of a known name (the meeting's participants first) and Enter add that person instead,
the way the set-up adds participants. Removing a contact (del) can be undone at once with u.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.widgets import DataTable, Input, Static
from textual.worker import get_current_worker

from models.catalogue import ValidationError
from models.contacts import (
    ContactRow,
    KnownContact,
    add_contact,
    add_known_contact,
    contact_line,
    name_matches,
    parse_contact_line,
    remove_contact,
    restore_contact,
)
from models.read_panels import known_contacts, panel_contacts
from models.storage import Database
from tui import bindings
from tui.forms import clean_line
from tui.store.panel_reads import PanelReads
from tui.text import tx
from tui.unsent_fields import HoldsFieldText
from tui.widgets.entered_panel import PanelTable, TablePanel
from tui.widgets.header_text import PanelText
from tui.widgets.line_field import LineField
from tui.widgets.sent_items import SentItem, SentItems
from tui.widgets.table_columns import Column, clipped, fit_columns
from tui.widgets.undoable import Deletion
from tui.widgets.write_failure import failure_text
from tui.writer import write_from

if TYPE_CHECKING:
    from tui.recovery import RecoveredField


def candidates(people: list[KnownContact], typed: str, listed: set[str]) -> list[KnownContact]:
    """Known people whose name (or a word of it) starts with `typed`, not already contacts;
    the meeting's participants first (`people` is in that order)."""
    if "," in typed:
        return []  # a typed line is a new contact
    return [p for p in people if p.person_id not in listed and name_matches(p.name, typed)]


class ContactsPanel(TablePanel[ContactRow], HoldsFieldText):
    """Shown under a `people` question; its keys work once entered with F2."""

    DEFAULT_CSS = """
    ContactsPanel { height: auto; max-height: 100%; }
    ContactsPanel #contacts-title { text-style: bold; height: 1; }
    ContactsPanel #contact-line { height: 1; margin-bottom: 0; }
    ContactsPanel #contact-hint { color: $text-muted; height: 1; }
    ContactsPanel #contact-error { color: $error; height: auto; display: none; }
    ContactsPanel #contact-error.-shown { display: block; }
    ContactsPanel #contacts-empty { color: $text-muted; height: auto; }
    ContactsPanel DataTable { height: auto; max-height: 10; }
    ContactsPanel.-entered #contacts-title { color: $text-accent; }
    """

    BINDINGS = bindings.CONTACTS_PANEL

    def __init__(
        self,
        db: Database,
        meeting_id: str,
        question_key: str,
        reads: PanelReads | None = None,
        **kwargs: str,
    ) -> None:
        super().__init__(reads or PanelReads(db.path), owned=reads is None, **kwargs)
        self.db = db
        self.meeting_id = meeting_id
        self.question_key = question_key
        self.rows: list[ContactRow] = []
        self.people: list[KnownContact] = []
        self.removed: Deletion[ContactRow] | None = None  # the contact «u» brings back
        self.sent = SentItems()  # lines whose save is not known yet: their text is in the line

    def compose(self) -> ComposeResult:
        yield PanelText(tx("contacts_title", count=0), id="contacts-title")
        yield LineField(placeholder=tx("contacts_line"), id="contact-line", compact=True)
        yield PanelText("", id="contact-hint")
        yield PanelText("", id="contact-error")
        yield PanelTable(cursor_type="row", zebra_stripes=True)
        yield PanelText(tx("contacts_empty"), id="contacts-empty")

    def on_mount(self) -> None:
        self.on_leave()  # TablePanel.on_mount reads the rows

    def on_enter(self) -> None:
        # Everyone the type-ahead offers, read now and not with each showing of the question (a
        # journey's people, every time): here, at once, so that a name typed in the same burst
        # as F2 finds its person.
        self.people = self.reads.read(known_contacts, self.meeting_id)
        line = self.query_one("#contact-line", Input)
        line.can_focus = True
        self.screen.set_focus(line)  # at once (see EnteredPanel.on_enter)

    def on_leave(self) -> None:
        # The line takes typing; outside the panel it must not catch a stray Tab.
        self.query_one("#contact-line", Input).can_focus = False

    # --- loading --------------------------------------------------------------------------

    def reload(self, select_id: str | None = None) -> None:
        # The capture screen swaps panels as the user moves on; a late write may still ask.
        if not self.is_attached:
            return
        rows = self.reads.kept(panel_contacts, self.meeting_id, self.question_key)
        if rows is None or self.entered:  # entered: the people are read again too
            self._load(select_id)
        else:  # as read before: no worker thread to find that out
            self._show(rows, None, select_id)

    @work(thread=True, exclusive=True, group="contacts-panel")
    def _load(self, select_id: str | None) -> None:
        rows = self.reads.read(panel_contacts, self.meeting_id, self.question_key)
        people = self.reads.read(known_contacts, self.meeting_id) if self.entered else None
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, rows, people, select_id)

    def _show(
        self, rows: list[ContactRow], people: list[KnownContact] | None, select: str | None
    ) -> None:
        if not self.showable:
            return
        if people is not None:
            self.people = people
        self.replace_rows(rows, select)
        self.show_text(
            self.query_one("#contacts-title", Static), tx("contacts_title", count=len(rows))
        )
        self.query_one("#contacts-empty").display = not rows
        self.post_message(self.Counted("people", self.question_key, len(rows)))

    def row_key(self, row: ContactRow) -> str:
        return row.id

    def add_rows(self, table: DataTable[object]) -> None:
        # At 80 columns the organisation gives way: the name, role, address and phone matter more.
        width = self.table_width(table)
        wide = width >= 70
        columns = [
            Column("name", tx("contacts_col_name")),
            Column("role", tx("contacts_col_role"), 12 if wide else 10),
            *([Column("organisation", tx("contacts_col_organisation"), 10)] if wide else []),
            Column("email", tx("contacts_col_email"), 14 if wide else 12),
            Column("phone", tx("contacts_col_phone"), 14),  # «+47 912 34 567»
        ]
        widths = fit_columns(table, columns, width)
        for row in self.rows:
            cells = {
                "name": row.name,
                "role": row.role,
                "organisation": row.organisation,
                "email": row.email,
                "phone": row.phone,
            }
            table.add_row(
                *(clipped(cells[column.key], widths[column.key]) for column in columns),
                key=row.id,
            )

    # --- the line: type-ahead of known people, or a new contact -----------------------------

    def matches(self, typed: str) -> list[KnownContact]:
        return candidates(self.people, typed, {row.person_id for row in self.rows})

    @on(Input.Changed, "#contact-line")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        hint = self.query_one("#contact-hint", Static)
        (typed,) = self.sent.unsent((event.value,))  # a name still being saved is not offered
        found = self.matches(typed)
        if found:
            person = found[0]
            line = contact_line(person)
            more = tx("contacts_more", count=len(found) - 1) if len(found) > 1 else ""
            hint.update(Text(tx("contacts_match", line=line) + more))
        elif typed.strip():
            hint.update(Text(tx("contacts_new")))
        else:
            hint.update("")

    @on(Input.Submitted, "#contact-line")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        # The line as it was at Enter (the keys typed after it, in one burst, are the next
        # name's), less the names sent before whose save is not known yet.
        (typed,) = self.sent.unsent((event.value,))
        if not typed.strip():
            return
        found = self.matches(typed)
        db, meeting_id, key = self.db, self.meeting_id, self.question_key
        change: Callable[[], str]
        if found:
            name = found[0].name
            change = partial(add_known_contact, db, meeting_id, key, found[0].person_id)
        else:
            try:
                name = parse_contact_line(typed).name
            except ValidationError as error:
                # Refused at the key, before the keys typed after it: the same in every burst.
                self._show_error(error)
                return
            change = partial(add_contact, db, meeting_id, key, typed)
        # The line stays as it is until the save is known (`_added`, `failed`): emptied now,
        # a failure had to put the line back ahead of what was typed since, glued to it.
        self._add(self.sent.send((typed,)), change, name)

    def _add(self, item: SentItem, change: Callable[[], str], name: str) -> None:
        def failed(error: BaseException) -> None:
            self.sent.failed(item)  # what was typed stays in the line, as typed
            self._show_error(error)

        write_from(
            self,
            change,
            on_done=lambda record_id: self._added(item, record_id, name),
            on_error=failed,
        )

    def _show_error(self, error: BaseException) -> None:
        text = str(error) if isinstance(error, ValidationError) else failure_text(error)
        if not self.is_attached:
            self.app.notify(text, severity="error", markup=False)
            return
        self.sent.error_shown()
        shown = self.query_one("#contact-error", Static)
        shown.update(Text(text))
        shown.add_class("-shown")

    def _added(self, item: SentItem, record_id: str, name: str) -> None:
        self.notify(tx("contacts_added", name=name), markup=False)
        if not self.is_attached:
            return
        line = self.query_one("#contact-line", Input)
        (kept,) = self.sent.saved(item, (line.value,))
        if line.value != kept:
            line.value = kept  # what was typed since stays: the next name
        # An error shown after this line was sent (one ahead failed, a line was refused) is
        # still the user's to see to.
        if self.sent.clears_error(item):
            self.query_one("#contact-error").remove_class("-shown")
        self.query_one("#contact-hint", Static).update("")
        if self.entered:
            line.focus()
        self.reload(select_id=record_id)

    def unsent_fields(self) -> list[RecoveredField]:
        """The line as typed, less the names out for saving (see `SentItems`)."""
        from tui.recovery import RecoveredField

        (typed,) = self.sent.unsent((self.query_one("#contact-line", Input).value,))
        text = clean_line(typed)
        if not text:
            return []
        return [RecoveredField(tx("contacts_place"), text, self.meeting_id, self.question_key)]

    # --- removing, and «Angre» -----------------------------------------------------------------

    def action_new_contact(self) -> None:
        # At once, not deferred as focus() is: the name typed right after «n» is for the line.
        self.screen.set_focus(self.query_one("#contact-line", Input))

    def action_remove(self) -> None:
        row = self.selected()
        if row is None or self.focused_line():
            if row is None:
                self.notify(tx("contacts_none_selected"), severity="warning")
            return

        deletion = self.removed = Deletion(row)  # «u» finds it before the write has run
        db = self.db

        def remove() -> None:
            remove_contact(db, row.id)
            deletion.stored = True

        def done(_result: object) -> None:
            self.notify(tx("contacts_removed", name=row.name), markup=False, timeout=8)
            self.reload()

        def failed(error: BaseException) -> None:
            if self.removed is deletion:
                self.removed = None
            self._failed(error)

        self._write(remove, done, failed)

    def action_undo(self) -> None:
        deletion = self.removed
        if deletion is None:
            self.notify(tx("undo_nothing"), severity="warning")
            return
        self.removed = None
        row, db = deletion.row, self.db

        def restore() -> None:
            if deletion.stored:  # run after the removal, on the same writer thread
                restore_contact(db, row.id)

        def done(_result: object) -> None:
            if deletion.stored:  # else the removal failed, and said so
                self.notify(tx("contacts_restored", name=row.name), markup=False)
            self.reload(select_id=row.id)

        def failed(error: BaseException) -> None:
            if self.removed is None:
                self.removed = deletion  # still undoable: «u» again tries again
            self._failed(error)

        self._write(restore, done, failed)

    def focused_line(self) -> bool:
        """Whether the line has the keyboard (its letters are typing, not keys)."""
        return self.app.focused is self.query_one("#contact-line", Input)

    def _write(
        self,
        change: Callable[[], object],
        done: Callable[[object], None],
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        write_from(self, change, on_done=done, on_error=failed or self._failed)

    def _failed(self, error: BaseException) -> None:
        # the disk or the database: tell, keep the panel usable
        self.notify(failure_text(error), severity="error", markup=False)
