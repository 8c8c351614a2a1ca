"""The app's «Synkroniser med hub»: the hub exchange in a worker, the laptop's side on the writer.

The exchange only reads the laptop (it merges into a private copy), so it runs in a worker
thread while the user types on; what it pulled is then merged into the laptop by the writer
thread like every other write of the app. Home says when the laptop last synced.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.text import tx

if TYPE_CHECKING:
    from tui.app import InnsiktApp


def synced_text(db_path: Path) -> str:
    """«Sist synkronisert 01.12.2026 14:05» (local time), or "" if the laptop never synced."""
    from models.hub.sync import last_sync

    try:
        when = last_sync(db_path).synced_at
    except Exception:  # never a reason for home not to show
        return ""
    if not when:
        return ""
    moment = datetime.strptime(when, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC).astimezone()
    today = datetime.now(UTC).astimezone()
    if moment.date() == today.date():  # short enough for the status line at 80 columns
        return tx("home_synced_today", time=moment.strftime("%H:%M"))
    shape = "%d.%m. %H:%M" if moment.year == today.year else "%d.%m.%Y %H:%M"
    return tx("home_synced", when=moment.strftime(shape))


def start_sync(app: InnsiktApp) -> None:
    """Sync with the hub named by INNSIKT_HUB or the last sync, saying so in the status line."""
    from models.hub.connection import HubError, chosen, shown
    from models.hub.sync import last_sync

    db = app.db
    if db is None:
        return
    try:
        address = chosen(None, last_sync(db.path).address)
    except HubError:
        app.notify(tx("sync_no_hub"), severity="warning", timeout=8)
        return
    app.notify(tx("sync_running", address=shown(address)), markup=False)
    app.run_worker(lambda: _exchange(app, address), thread=True, group="hub-sync", exclusive=True)


def _exchange(app: InnsiktApp, address: str) -> None:
    from models.errors import InnsiktError
    from models.hub.sync import exchange

    db = app.db
    if db is None:
        return
    try:
        exchanged = exchange(db, address)
    except InnsiktError as error:
        app.call_from_thread(app.notify, str(error), severity="error", timeout=10, markup=False)
        return

    def finish(db: Any) -> str:
        try:
            summary = exchanged.finish(db)
        finally:
            exchanged.close()
        conflicts = (
            sum(counts.conflicts for counts in summary.merge.counts.values())
            if summary.merge
            else 0
        )
        done = tx("sync_done", pulled=summary.pulled, pushed=summary.pushed, conflicts=conflicts)
        merged = summary.merge.text_merged if summary.merge else 0
        return f"{done} {tx('sync_text_merged', count=merged)}" if merged else done

    app.call_from_thread(app.write, finish)
