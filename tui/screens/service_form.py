"""Add or edit a mobile service: name first, then the guide's service fields.

Built for typing during a meeting: every field is one Tab away, a letter picks an option in a
closed list, ctrl+s saves from anywhere, Escape asks before throwing anything typed away.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Footer, Input, Label, Select, SelectionList, Static, TextArea

from models.catalogue import (
    SERVICE_BLOCKS,
    SERVICE_CHOICES,
    ServiceVocabulary,
    ValidationError,
    save_service,
    service_vocabulary,
)
from models.errors import InnsiktError
from models.service_search import ServiceChoice, similar_services
from models.storage import Database
from models.tables import Service
from tui import bindings
from tui.screens.discard_changes import DiscardChangesScreen
from tui.screens.type_ahead import TypesAhead
from tui.store.services import load_service_form
from tui.text import tx
from tui.unsent_fields import HoldsFieldText, joined, short_label
from tui.widgets.choice_select import ChoiceSelect
from tui.widgets.text_field import TextField
from tui.widgets.write_failure import failure_text
from tui.writer import write_from

FieldKind = Literal["line", "block", "choice", "owner", "multi"]

if TYPE_CHECKING:
    from tui.recovery import RecoveredField


@dataclass(frozen=True)
class FormField:
    name: str
    kind: FieldKind


def _kind(name: str) -> FieldKind:
    if name == "owner_id":
        return "owner"
    if name in SERVICE_CHOICES:
        return "choice"
    if name in ("user_groups", "equipment", "connectivity", "regions"):
        return "multi"
    return "block" if name in SERVICE_BLOCKS else "line"


# The order a facilitator fills them in: what it is and whose, then the quick classifications
# (one letter each), then who uses it on what, then the prose.
FIELD_ORDER = (
    "name",
    "owner_id",
    "status",
    "criticality",
    "nodnett_dependency",
    "criticality_assessment",
    "user_groups",
    "equipment",
    "connectivity",
    "regions",
    "description",
    "user_count",
    "developed_by",
    "introduced_by",
    "operated_by",
    "managed_by",
    "suppliers",
    "nodnett_dependency_text",
    "new_nodnett_relevance",
    "plans",
    "plans_target_date",
    "fallback",
    "contact_person",
)
FIELDS = tuple(FormField(name, _kind(name)) for name in FIELD_ORDER)


def _with_unknown(options: list[tuple[Text, str]], values: list[str]) -> list[tuple[Text, str]]:
    """`options` plus any stored value not among them, so that nothing is lost on save."""
    known = {value for _label, value in options}
    extra = [(Text(value), value) for value in values if value and value not in known]
    return options + extra


def _as_text(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return "" if value is None else str(value)


class ServiceFormScreen(TypesAhead, HoldsFieldText, ModalScreen[str | None]):
    """Dismisses with the saved service's id, or None when cancelled."""

    TYPE_AHEAD_FIELD = "#f-name"

    CSS_PATH = Path(__file__).parent.parent / "styles" / "service_form.tcss"

    BINDINGS = bindings.SERVICE_FORM

    def __init__(
        self,
        db: Database,
        *,
        service_id: str | None = None,
        meeting_id: str | None = None,
        question_key: str | None = None,
        name: str = "",
    ) -> None:
        super().__init__()
        self.db = db
        self.initial_name = name
        self.service_id = service_id
        self.meeting_id = meeting_id
        self.question_key = question_key
        self._baseline: dict[str, Any] | None = None
        self.others: list[ServiceChoice] = []
        self._saving = False
        self._gone = False
        self._owner_names: dict[str, str] = {}  # the owner's name for its id (unsent_fields)

    # --- building the form ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # A handful of small reads: quicker than a frame, so done here rather than in a worker.
        vocabulary = service_vocabulary()
        loaded = load_service_form(self.db, self.service_id, self.meeting_id)
        if loaded.gone:
            # Deleted or joined into another since the list was drawn: say so on mount.
            self._gone = True
            return
        service, organisations, self.others = loaded.service, loaded.organisations, loaded.others
        with Vertical(id="service-form") as form:
            form.border_title = (
                tx("svc_form_edit", name=service.name) if service else tx("svc_form_new")
            )
            form.border_subtitle = tx("svc_form_hint")
            if loaded.meeting_title is not None:
                context = tx(
                    "svc_form_link", meeting=loaded.meeting_title, question=self.question_key or ""
                )
                yield Static(Text(context), id="form-context")
            with VerticalScroll(id="form-fields"):
                for field in FIELDS:
                    tall = "-tall" if field.kind in ("multi", "block") else ""
                    with Horizontal(classes=f"field-row {tall}"):
                        yield Label(tx(f"svc_field_{field.name}"), classes="field-label")
                        with Vertical(classes="field-input"):
                            yield self._field_widget(field, service, organisations, vocabulary)
                            if field.name == "name":
                                yield Static("", id="name-similar")
                            yield Static("", id=f"err-{field.name}", classes="field-error")
        yield Footer()

    def _field_widget(
        self,
        field: FormField,
        service: Service | None,
        organisations: list[tuple[str, str]],
        vocabulary: ServiceVocabulary,
    ) -> Widget:
        widget_id = f"f-{field.name}"
        value = getattr(service, field.name) if service else None
        if field.kind == "line":
            if field.name == "name":
                value = value or self.initial_name
            placeholder = tx("svc_name_placeholder") if field.name == "name" else ""
            return TextField(value or "", placeholder=placeholder, id=widget_id, compact=True)
        if field.kind == "block":
            return TextArea(value or "", id=widget_id, compact=True)
        if field.kind == "multi":
            chosen = list(value or [])
            options = [(Text(item), item) for item in getattr(vocabulary, field.name)]
            return SelectionList[str](
                *((label, item, item in chosen) for label, item in _with_unknown(options, chosen)),
                id=widget_id,
                compact=True,
            )
        if field.kind == "owner":
            self._owner_names = {org_id: name for name, org_id in organisations}
            options = [(Text(name), org_id) for name, org_id in organisations]
            if value and value not in {org_id for _name, org_id in organisations}:
                options.append((Text(value[:8]), value))
        else:
            options = [(Text(item), item) for item in SERVICE_CHOICES[field.name]]
            options = _with_unknown(options, [value or ""])
        return ChoiceSelect(
            options,
            prompt=tx("svc_choose"),
            value=value or Select.NULL,
            id=widget_id,
            compact=True,
        )

    def on_mount(self) -> None:
        if self._gone:
            self.app.notify(tx("svc_gone"), severity="error")
            self.dismiss(None)
            return
        self.query_one("#f-name", Input).focus()
        # The selects take their values while mounting; compare against what they show then.
        self.call_after_refresh(self._remember_baseline)

    def _remember_baseline(self) -> None:
        self._baseline = self.values()

    # --- reading the form -----------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """What the form holds now, as service fields."""
        values: dict[str, Any] = {}
        for field in FIELDS:
            widget = self.query_one(f"#f-{field.name}")
            if isinstance(widget, Input):
                values[field.name] = widget.value
            elif isinstance(widget, TextArea):
                values[field.name] = widget.text
            elif isinstance(widget, SelectionList):
                chosen = set(widget.selected)
                values[field.name] = [
                    widget.get_option_at_index(index).value
                    for index in range(widget.option_count)
                    if widget.get_option_at_index(index).value in chosen
                ]
            elif isinstance(widget, Select):
                empty = None if field.kind == "owner" else ""
                values[field.name] = empty if widget.is_blank() else widget.value
        return values

    def is_dirty(self) -> bool:
        return self._baseline is not None and self.values() != self._baseline

    def unsent_fields(self) -> list[RecoveredField]:
        """What was changed and not saved, field by field; for the question's note when the
        form was opened from one."""
        from tui.recovery import RecoveredField

        if self._saving or self._baseline is None or not self.is_dirty():
            return []  # a save in flight dismisses the form itself
        values, before = self.values(), self._baseline
        values["owner_id"] = self._owner_names.get(values["owner_id"], values["owner_id"])
        before = {
            **before,
            "owner_id": self._owner_names.get(before["owner_id"], before["owner_id"]),
        }
        changed = [
            (short_label(tx(f"svc_field_{name}")), _as_text(value))
            for name, value in values.items()
            if value != before.get(name)
        ]
        text = joined(changed)
        if not text:  # only emptied: nothing typed to keep
            return []
        name = values.get("name", "").strip()
        place = tx("svc_form_edit", name=name) if self.service_id and name else tx("svc_form_new")
        return [RecoveredField(place, text, self.meeting_id or "", self.question_key or "")]

    # --- saving ---------------------------------------------------------------------------

    def action_save(self) -> None:
        if self._saving:
            return
        self._clear_errors()
        values = self.values()
        if not values["name"].strip():
            self._show_error("name", tx("svc_name_required"))
            return
        self._saving = True
        self._save(values)

    def _save(self, values: dict[str, Any]) -> None:
        db, service_id, meeting_id, question_key = (
            self.db,
            self.service_id,
            self.meeting_id,
            self.question_key,
        )

        def failed(error: BaseException) -> None:
            if isinstance(error, ValidationError):
                self._failed(error.field, str(error))
            elif isinstance(error, InnsiktError):
                self._failed("name", str(error))
            else:  # the disk or the database: say so, keep the form
                self._failed("name", failure_text(error))

        write_from(
            self,
            lambda: save_service(
                db, values, service_id=service_id, meeting_id=meeting_id, question_key=question_key
            ),
            on_done=lambda saved_id: self._saved(saved_id, values["name"].strip()),
            on_error=failed,
        )

    def _saved(self, service_id: str, name: str) -> None:
        self.app.notify(tx("svc_saved", name=name), markup=False)
        self.dismiss(service_id)

    def _failed(self, field: str, message: str) -> None:
        self._saving = False
        self._show_error(field, message)
        self.notify(tx("svc_form_has_errors"), severity="error")

    def _show_error(self, field: str, message: str) -> None:
        error = self.query_one(f"#err-{field}", Static)
        error.update(Text(message))
        error.add_class("-shown")
        widget = self.query_one(f"#f-{field}")
        widget.focus()
        widget.scroll_visible()

    def _clear_errors(self) -> None:
        for error in self.query(".field-error.-shown"):
            error.remove_class("-shown")

    @on(Input.Changed, "#f-name")
    def _name_changed(self, event: Input.Changed) -> None:
        name = event.value.strip()
        if name:
            self.query_one("#err-name", Static).remove_class("-shown")
        # Warn about a likely duplicate while the name is typed, before it is saved twice.
        similar = similar_services(self.others, name)
        hint = self.query_one("#name-similar", Static)
        shown = bool(similar)
        if shown:
            names = ", ".join(
                f"«{c.name}» ({c.owner})" if c.owner else f"«{c.name}»" for c in similar
            )
            hint.update(Text(tx("svc_similar", names=names)))
        hint.set_class(shown, "-shown")

    # --- leaving --------------------------------------------------------------------------

    def action_cancel(self) -> None:
        if self._saving:  # the save in flight dismisses the form itself
            return
        if not self.is_dirty():
            self.dismiss(None)
            return

        def discard(confirmed: bool | None) -> None:
            if confirmed:
                self.dismiss(None)

        self.app.push_screen(DiscardChangesScreen(), discard)
