"""Who writes on which laptop: device ids named after the author last using them.

The app keeps this laptop's author in `meta` (key "author"). A snapshot carries it as
"device_name:<device id>", and merging learns every such name, so that a conflict can say
«Kari Nordmann» instead of a device id. `meta` is per laptop; these names are a courtesy and
never decide anything.
"""

from __future__ import annotations

import sqlite3

from sqlmodel import Session, col, select

from models.read import AUTHOR_KEY
from models.tables import Meta

PREFIX = "device_name:"


def name_own_device(connection: sqlite3.Connection, schema: str = "main") -> None:
    """Record the author of the file's own device under its device id (before a snapshot)."""
    connection.execute(
        f"INSERT INTO {schema}.meta (key, value) "
        f"SELECT '{PREFIX}' || d.value, a.value FROM {schema}.meta d JOIN {schema}.meta a "
        f"ON d.key = 'device_id' AND a.key = '{AUTHOR_KEY}' WHERE a.value != '' "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE value != excluded.value"
    )


def learn_device_names(connection: sqlite3.Connection, schema: str) -> None:
    """Take over the device names another file knows (its own device's included)."""
    name_own_device_from = (
        f"SELECT '{PREFIX}' || d.value, a.value FROM {schema}.meta d JOIN {schema}.meta a "
        f"ON d.key = 'device_id' AND a.key = '{AUTHOR_KEY}' WHERE a.value != ''"
    )
    known = f"SELECT key, value FROM {schema}.meta WHERE key LIKE '{PREFIX}%'"
    connection.execute(
        f"INSERT INTO main.meta (key, value) SELECT * FROM ({known} UNION {name_own_device_from}) "
        "WHERE true ON CONFLICT (key) DO UPDATE SET value = excluded.value "
        "WHERE value != excluded.value"
    )


def device_names(session: Session) -> dict[str, str]:
    """Device id → author name, this laptop's own included."""
    rows = {
        row.key: row.value
        for row in session.exec(
            select(Meta).where(
                col(Meta.key).startswith(PREFIX) | col(Meta.key).in_(["device_id", AUTHOR_KEY])
            )
        )
    }
    names = {
        key.removeprefix(PREFIX): value for key, value in rows.items() if key.startswith(PREFIX)
    }
    if rows.get(AUTHOR_KEY) and rows.get("device_id"):
        names[rows["device_id"]] = rows[AUTHOR_KEY]
    return names
