"""`innsikt sync`: pull what the laptop has not seen, merge it by the file rules, push the result.

In one hub transaction holding an advisory lock (two laptops syncing at once take turns):
1. the rows changed on the hub since this laptop's last sync are pulled into a snapshot file;
2. that file is merged, with `models.sync.merge.merge_files`, into a copy of the laptop;
3. the copy's rows the hub has not seen are written to the hub, and rows the merge retired taken
   off it: the hub then holds merge(laptop, hub), as a file merge there would leave it;
4. the hub commits; only then is the snapshot merged into the laptop itself, and the laptop
   notes what the hub holds. A failure before that leaves the hub rolled back and the laptop as
   it was; a failure after it is mended by the next sync (merging is idempotent).
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.hub import tracking
from models.hub.connection import HubError, connect, lost, reason, shown, stored
from models.hub.pull import Pulled, pull
from models.hub.push import Changes, changes, push
from models.hub.schema import LOCK_KEY, check_versions, read_meta
from models.progress import Progress, Steps
from models.storage import Database
from models.sync.merge import MergeSummary

ATTEMPTS = 5  # a serialization failure or lock timeout is retried with the hub as it is then
LOCK_TIMEOUT = "60s"


@dataclass
class SyncSummary:
    address: str  # as shown: no password
    pulled: int = 0  # rows received from the hub
    pushed: int = 0  # rows written to the hub
    retired: int = 0  # rows taken off the hub (merged away here)
    version: int = 0
    synced_at: str = ""
    merge: MergeSummary | None = None
    attempts: int = 1

    @property
    def open_conflicts(self) -> int:
        return self.merge.open_conflicts if self.merge else 0


@dataclass
class _Round:
    """One attempt's results, handed from the hub transaction to the laptop's bookkeeping."""

    hub_id: str = ""
    since: int = 0
    version: int = 0
    pulled: Pulled | None = None
    changes: Changes = field(default_factory=Changes)
    mark: int = 0  # the laptop's change notes read, up to this rowid


def _device_names(connection: Any) -> dict[str, str]:
    from models.devices import PREFIX
    from models.read import AUTHOR_KEY

    values = dict(connection.execute("SELECT key, value FROM meta"))
    names = {
        key.removeprefix(PREFIX): value for key, value in values.items() if key.startswith(PREFIX)
    }
    if values.get(AUTHOR_KEY) and values.get("device_id"):
        names[values["device_id"]] = values[AUTHOR_KEY]
    return names


def _merged_copy(db: Database, snapshot: Path, folder: Path) -> tuple[Path, int]:
    """The laptop merged with the pulled rows, in a private copy: the laptop stays untouched.

    Also the mark of the changes noted in the copy before the merge: those are all compared.
    """
    from models.storage import open_database
    from models.sync.merge import merge_files
    from models.sync.snapshot import write_snapshot

    copy = write_snapshot(db, folder / "laptop.sqlite", plain_of_encrypted=True)
    with tracking.opened(copy, plain=True) as connection:
        _, mark = tracking.dirty(connection)
    copy_db = open_database(copy)
    try:
        merge_files(copy_db, [snapshot])
    finally:
        copy_db.close()
    return copy, mark


def _assess(
    connection: Any, fresh: bool, pulled: Pulled | None
) -> tuple[Changes, int, dict[str, str]]:
    """What the hub has not seen of this database: its changes, the mark read, device names.

    `pulled` is given for a database that has merged it (the copy): what the hub holds is then
    the tracked rows as the pull changed them. Compared are the rows noted as changed and
    those the pull touched; every row when the laptop starts afresh with this hub or its
    triggers went missing.
    """
    connection.execute("BEGIN")  # one consistent read while the app may be writing
    try:
        full = fresh or not tracking.triggers_intact(connection)
        noted, mark = tracking.dirty(connection)
        if full:
            candidates = None
            known = {} if fresh else tracking.tracked(connection)
        else:
            candidates = {table: set(ids) for table, ids in noted.items()}
            if pulled:
                for table, row_id in pulled.removed:
                    candidates.setdefault(table, set()).add(row_id)
                for table, digests in pulled.digests.items():
                    candidates.setdefault(table, set()).update(digests)
            known = tracking.known_for(connection, candidates)
        if pulled:
            for table, row_id in pulled.removed:
                known.get(table, {}).pop(row_id, None)
            for table, digests in pulled.digests.items():
                known.setdefault(table, {}).update(digests)
        return changes(connection, known, candidates), mark, _device_names(connection)
    finally:
        connection.execute("COMMIT")


def _round(cursor: Any, db: Database, state: tracking.State, folder: Path, address: str) -> _Round:
    cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
    cursor.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
    meta = read_meta(cursor)
    if meta is None:
        raise HubError("hub_not_initialised", address=address)
    check_versions(meta, address)
    result = _Round(hub_id=meta["hub_id"], version=int(meta["version"]))
    result.since = state.since(result.hub_id, db.device_id)
    if result.since > result.version:  # the hub was put back from an older backup
        result.since = 0
    cursor.execute("SELECT device_id, name FROM hub_device")
    hub_names = dict(cursor.fetchall())
    if result.version > result.since:
        result.pulled = pull(cursor, result.since, folder / "hub.sqlite", hub_names)
    pulled = result.pulled if result.pulled and result.pulled.rows else None
    fresh = result.since == 0
    with tracking.opened(db.path) as connection:
        pending, result.mark, names = _assess(connection, fresh, None)
    if pulled and pending.any():
        # Both sides changed: what the hub must get is the laptop merged with what it pulled.
        copy, result.mark = _merged_copy(db, pulled.path, folder)
        with tracking.opened(copy, plain=True) as connection:
            pending, _, _ = _assess(connection, fresh, result.pulled)
    elif pulled:
        # Nothing here the hub has not seen: merging what came gives what the hub holds.
        pending = Changes()
    result.changes = pending
    if result.changes.any():
        result.version += 1
        push(cursor, result.changes, result.version)
        cursor.execute(
            "UPDATE hub_meta SET value = %s WHERE key = 'version'", (str(result.version),)
        )
    renamed = [(device, name) for device, name in names.items() if hub_names.get(device) != name]
    if renamed:
        cursor.executemany(
            "INSERT INTO hub_device (device_id, name) VALUES (%s, %s) "
            "ON CONFLICT (device_id) DO UPDATE SET name = excluded.name",
            renamed,
        )
    cursor.execute(
        "INSERT INTO hub_laptop (device_id, synced_at, hub_seq) VALUES (%s, now(), %s) "
        "ON CONFLICT (device_id) DO UPDATE SET synced_at = now(), hub_seq = excluded.hub_seq",
        (db.device_id, result.version),
    )
    return result


@dataclass
class Exchanged:
    """The hub's side done and committed; the laptop's side (`finish`) still to do.

    Apart so that the app can do the network part in a worker and the laptop's writes on its
    writer thread. Holds the temporary folder with the pulled snapshot until `close`.
    """

    address: str
    done: _Round
    folder: tempfile.TemporaryDirectory[str]
    attempts: int = 1

    def finish(self, db: Database) -> SyncSummary:
        """Merge what was pulled into the laptop and note what the hub now holds."""
        from models.sync.merge import merge_files
        from models.tables import utc_now

        done = self.done
        summary = SyncSummary(address=shown(self.address), attempts=self.attempts)
        if done.pulled and done.pulled.rows:
            summary.merge = merge_files(db, [done.pulled.path])
        written = done.pulled.digests if done.pulled else {}
        for table, digests in done.changes.digests.items():
            written.setdefault(table, {}).update(digests)
        for table, row_id in done.changes.retired:  # merged away here, taken off the hub
            written.get(table, {}).pop(row_id, None)
        summary.synced_at = utc_now()
        state = tracking.State(
            hub_id=done.hub_id,
            version=done.version,
            device=db.device_id,
            synced_at=summary.synced_at,
            address=stored(self.address),
        )
        with tracking.opened(db.path) as connection:
            tracking.record(
                connection,
                state,
                fresh=done.since == 0,
                written=written,
                removed=(done.pulled.removed if done.pulled else []) + done.changes.retired,
                read_up_to=done.mark,
            )
        summary.pulled = done.pulled.rows if done.pulled else 0
        summary.pushed = done.changes.count()
        summary.retired = len(done.changes.retired)
        summary.version = done.version
        return summary

    def close(self) -> None:
        self.folder.cleanup()


def exchange(db: Database, address: str) -> Exchanged:
    """Pull, merge into a copy and push, in one locked hub transaction; the laptop only read."""
    import psycopg
    from psycopg import errors

    shown_address = shown(address)
    with tracking.opened(db.path) as connection:
        state = tracking.read_state(connection)
    hub = connect(address)
    folder = tempfile.TemporaryDirectory(prefix="innsikt-sync-")
    try:
        for attempt in range(1, ATTEMPTS + 1):
            round_folder = Path(folder.name) / str(attempt)
            round_folder.mkdir()
            try:
                with hub.transaction(), hub.cursor() as cursor:
                    done = _round(cursor, db, state, round_folder, shown_address)
                return Exchanged(address, done, folder, attempt)
            except (errors.SerializationFailure, errors.DeadlockDetected, errors.LockNotAvailable):
                if attempt == ATTEMPTS:
                    raise HubError("hub_busy", address=shown_address) from None
                time.sleep(0.05 * attempt)
            except psycopg.OperationalError as error:
                raise lost(address, error) from error
            except psycopg.Error as error:
                raise HubError("hub_failed", address=shown_address, reason=reason(error)) from error
        raise AssertionError("unreachable")
    except BaseException:
        folder.cleanup()
        raise
    finally:
        hub.close()


def sync_hub(db: Database, address: str, progress: Progress | None = None) -> SyncSummary:
    """Sync the laptop `db` with the hub at `address`; one line (HubError) when it cannot.

    `progress` hears the two steps: the exchange with the hub, and the merge into the laptop.
    """
    steps = Steps(progress, 2)
    exchanged = exchange(db, address)
    steps.advance()
    try:
        summary = exchanged.finish(db)
    finally:
        exchanged.close()
    steps.advance()
    return summary


def last_sync(db_path: Path) -> tracking.State:
    """When, and with which hub (no password), this laptop last synced; empty if never."""
    with tracking.opened(db_path) as connection:
        return tracking.read_state(connection)
