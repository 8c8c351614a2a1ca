"""The exports the app offers from the command palette: what each needs, and writing it."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tui.text import tx

if TYPE_CHECKING:
    from models.storage import Database


@dataclass(frozen=True)
class ExportKind:
    key: str
    module: str
    file_name: str
    suffixes: tuple[str, ...]

    @property
    def title(self) -> str:
        return tx(f"cmd_{self.key}")

    @property
    def help(self) -> str:
        return tx(f"cmd_{self.key}_help")


KINDS = {
    kind.key: kind
    for kind in (
        ExportKind("minutes", "exports.minutes", "referat-{meeting}.docx", (".docx",)),
        ExportKind("report", "exports.report", "sammenstilling.docx", (".docx",)),
        ExportKind("services_export", "exports.services", "tjenester.xlsx", (".xlsx", ".csv")),
    )
}


def available() -> list[ExportKind]:
    """The exports whose module is installed (looked up without importing python-docx)."""
    return [kind for kind in KINDS.values() if importlib.util.find_spec(kind.module) is not None]


def suggested_path(kind: ExportKind, meeting_id: str | None) -> Path:
    return Path.cwd() / kind.file_name.format(meeting=(meeting_id or "")[:8])


def write_export(
    db: Database, kind: ExportKind, path: Path, meeting_id: str | None, journey_id: str | None
) -> None:
    """Write the export `kind` to `path`; runs on the writer thread, after pending notes."""
    if kind.key == "minutes":
        from exports.minutes import write_minutes

        write_minutes(db, str(meeting_id), path)
    elif kind.key == "report":
        from exports.report import write_report

        write_report(db, journey_id, path)
    else:
        from exports.services import write_services

        write_services(db, path)
