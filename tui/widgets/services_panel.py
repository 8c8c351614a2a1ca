"""The services linked to one question of one meeting: add, link, edit, remark, unlink."""

from __future__ import annotations

from collections.abc import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from models.mentions import MentionRow, link_service, set_mention_remark, unlink_mention
from models.read_panels import panel_mentions
from models.service_search import ServiceChoice
from models.storage import Database
from tui import bindings
from tui.screens.remark_prompt import RemarkPromptScreen
from tui.screens.service_form import ServiceFormScreen
from tui.screens.service_picker import NewService, ServicePickerScreen
from tui.store.panel_reads import PanelReads
from tui.text import tx
from tui.widgets.entered_panel import PanelTable, TablePanel
from tui.widgets.header_text import PanelText
from tui.widgets.table_columns import Column, clipped, fit_columns
from tui.widgets.undoable import Deletion
from tui.widgets.write_failure import failure_text
from tui.writer import write_from


class ServicesPanel(TablePanel[MentionRow]):
    """Shown under a `services` question; its keys work once entered with F2."""

    DEFAULT_CSS = """
    ServicesPanel { height: auto; max-height: 100%; }
    ServicesPanel #services-title { text-style: bold; height: 1; }
    ServicesPanel #services-empty { color: $text-muted; height: auto; }
    ServicesPanel DataTable { height: auto; max-height: 12; }
    ServicesPanel.-entered #services-title { color: $text-accent; }
    """

    BINDINGS = bindings.SERVICES_PANEL

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
        self.rows: list[MentionRow] = []
        self.unlinked: Deletion[MentionRow] | None = None  # the link «u» brings back

    def compose(self) -> ComposeResult:
        yield PanelText(tx("svc_panel_title", count=0), id="services-title")
        yield PanelTable(cursor_type="row", zebra_stripes=True)
        yield PanelText(tx("svc_panel_empty"), id="services-empty")

    # --- loading --------------------------------------------------------------------------

    def reload(self, select_service: str | None = None) -> None:
        """Read the linked services again (in a worker) and show them."""
        # The capture screen swaps panels as the user moves on; a late write may still ask.
        if not self.is_attached:
            return
        rows = self.reads.kept(panel_mentions, self.meeting_id, self.question_key)
        if rows is None:
            self._load(select_service)
        else:  # as read before: no worker thread to find that out
            self._show(rows, select_service)

    @work(thread=True, exclusive=True, group="services-panel")
    def _load(self, select_service: str | None) -> None:
        rows = self.reads.read(panel_mentions, self.meeting_id, self.question_key)
        # A newer load replaced this one; its result would show stale rows.
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, rows, select_service)

    def _show(self, rows: list[MentionRow], select_service: str | None) -> None:
        if not self.showable:
            return
        self.replace_rows(rows, select_service)
        self.show_text(
            self.query_one("#services-title", Static), tx("svc_panel_title", count=len(rows))
        )
        self.query_one("#services-empty").display = not rows
        self.post_message(self.Counted("services", self.question_key, len(rows)))

    def row_key(self, row: MentionRow) -> str:
        return row.service_id

    def add_rows(self, table: DataTable[object]) -> None:
        width = self.table_width(table)
        wide = width >= 70
        widths = fit_columns(
            table,
            [
                Column("name", tx("svc_col_name"), flex=2),
                Column("status", tx("svc_col_status"), 15 if wide else 10),
                Column("criticality", tx("svc_col_criticality"), 18 if wide else 12),
                Column("remark", tx("svc_col_remark")),
            ],
            width,
        )
        for row in self.rows:
            table.add_row(
                clipped(row.name, widths["name"]),
                clipped(row.status, widths["status"]),
                clipped(row.criticality, widths["criticality"]),
                clipped(row.remark, widths["remark"], style="italic"),
                key=row.service_id,
            )

    # --- actions --------------------------------------------------------------------------

    def action_add(self) -> None:
        form = ServiceFormScreen(
            self.db, meeting_id=self.meeting_id, question_key=self.question_key
        )
        self.app.push_screen(form, self._after_form)

    def action_link(self) -> None:
        linked = {row.service_id for row in self.rows}
        self.app.push_screen(ServicePickerScreen(self.db, exclude=linked), self._after_pick)

    def action_edit(self) -> None:
        row = self._selected_or_tell()
        if row is not None:
            self.app.push_screen(
                ServiceFormScreen(self.db, service_id=row.service_id), self._after_form
            )

    def action_remark(self) -> None:
        row = self._selected_or_tell()
        if row is not None:
            self.app.push_screen(
                RemarkPromptScreen(row.name, row.remark), self._remark_callback(row)
            )

    def action_unlink(self) -> None:
        """Unlink at once; «u» right after brings the link back (with its remark)."""
        row = self._selected_or_tell()
        if row is None:
            return
        deletion = self.unlinked = Deletion(row)  # «u» finds it before the write has run
        db = self.db

        def unlink() -> None:
            unlink_mention(db, row.mention_id)
            deletion.stored = True

        def done(_result: object) -> None:
            self.notify(tx("svc_unlinked_undo", name=row.name), markup=False, timeout=8)
            self.reload()

        def failed(error: BaseException) -> None:
            if self.unlinked is deletion:
                self.unlinked = None
            self._failed(error)

        self._write(unlink, None, on_done=done, on_error=failed)

    def action_undo(self) -> None:
        deletion = self.unlinked
        if deletion is None:
            self.notify(tx("undo_nothing"), severity="warning")
            return
        self.unlinked = None
        row = deletion.row
        db, meeting_id, key = self.db, self.meeting_id, self.question_key

        def relink() -> None:
            if deletion.stored:  # run after the unlink, on the same writer thread
                link_service(db, row.service_id, meeting_id, key)

        def done(_result: object) -> None:
            if deletion.stored:  # else the unlink failed, and said so
                self.notify(tx("svc_relinked", name=row.name), markup=False)
            self.reload(row.service_id)

        def failed(error: BaseException) -> None:
            if self.unlinked is None:
                self.unlinked = deletion  # still undoable: «u» again tries again
            self._failed(error)

        self._write(relink, None, on_done=done, on_error=failed)

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.entered:
            self.action_edit()

    # --- results of the modals ------------------------------------------------------------

    def _after_form(self, service_id: str | None) -> None:
        if service_id is not None:
            self.reload(select_service=service_id)

    def _after_pick(self, choice: ServiceChoice | NewService | None) -> None:
        if isinstance(choice, NewService):
            form = ServiceFormScreen(
                self.db,
                meeting_id=self.meeting_id,
                question_key=self.question_key,
                name=choice.name,
            )
            self.app.push_screen(form, self._after_form)
        elif choice is not None:
            self._write(
                lambda: link_service(self.db, choice.id, self.meeting_id, self.question_key),
                tx("svc_linked", name=choice.name),
                select_service=choice.id,
            )

    def _remark_callback(self, row: MentionRow) -> Callable[[str | None], None]:
        def save(remark: str | None) -> None:
            if remark is not None and remark != row.remark:
                self._write(
                    lambda: set_mention_remark(self.db, row.mention_id, remark),
                    None,
                    select_service=row.service_id,
                )

        return save

    def _selected_or_tell(self) -> MentionRow | None:
        row = self.selected()
        if row is None:
            self.notify(tx("svc_none_selected"), severity="warning")
        return row

    def _write(
        self,
        change: Callable[[], object],
        message: str | None,
        select_service: str | None = None,
        on_done: Callable[[object], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        def done(_result: object) -> None:
            if message:
                self.notify(message, markup=False)
            self.reload(select_service)

        write_from(self, change, on_done=on_done or done, on_error=on_error or self._failed)

    def _failed(self, error: BaseException) -> None:
        # the disk or the database: tell, keep the panel usable
        self.notify(failure_text(error), severity="error", markup=False)
