"""Schema migrations, each run after a backup copy of the file is written beside it."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from models import search_index
from models.dbfile import SCHEMA_VERSION
from models.errors import DatabaseError

# STEPS[n] upgrades a database from version n to n + 1, inside one transaction.
STEPS: dict[int, Callable[[sqlite3.Connection], None]] = {}

# The synced tables of schema version 1, frozen here: later versions add their own steps.
V1_SYNCED_TABLES = (
    "journey", "organisation", "meeting", "meeting_organisation", "person", "participation",
    "note", "answer", "service", "service_mention", "followup",
)  # fmt: skip

_V2_SYNCED_COLUMNS = """id VARCHAR NOT NULL, created_at VARCHAR NOT NULL,
    updated_at VARCHAR NOT NULL, hlc VARCHAR NOT NULL, device_id VARCHAR NOT NULL,
    clocks JSON NOT NULL, deleted BOOLEAN NOT NULL, field_devices JSON DEFAULT '{}' NOT NULL,
    seen JSON DEFAULT '{}' NOT NULL"""

V2_NEW_TABLES = (
    f"""CREATE TABLE service_join ({_V2_SYNCED_COLUMNS},
    service_id VARCHAR NOT NULL, into_id VARCHAR NOT NULL, PRIMARY KEY (id))""",
    "CREATE INDEX ix_service_join_service_id ON service_join (service_id)",
    "CREATE INDEX ix_service_join_hlc ON service_join (hlc)",
    f"""CREATE TABLE "conflict" ({_V2_SYNCED_COLUMNS},
    table_name VARCHAR NOT NULL, record_id VARCHAR NOT NULL, field VARCHAR NOT NULL,
    value VARCHAR NOT NULL, value_hlc VARCHAR NOT NULL, value_device VARCHAR NOT NULL,
    PRIMARY KEY (id))""",
    'CREATE INDEX ix_conflict_table_name ON "conflict" (table_name)',
    'CREATE INDEX ix_conflict_record_id ON "conflict" (record_id)',
    'CREATE INDEX ix_conflict_hlc ON "conflict" (hlc)',
)


def _v1_to_v2(connection: sqlite3.Connection) -> None:
    """Add the merge bookkeeping columns and the service-join and conflict tables.

    Existing rows learn what a v1 file can tell: every field was written by the record's last
    device, which had seen the record up to its last stamp.
    """
    for table in V1_SYNCED_TABLES:
        for column in ("field_devices", "seen"):
            connection.execute(
                f"ALTER TABLE {table} ADD COLUMN {column} JSON DEFAULT '{{}}' NOT NULL"
            )
        connection.execute(
            f"UPDATE {table} SET seen = json_object(device_id, hlc), field_devices = "
            f"(SELECT json_group_object(key, {table}.device_id) FROM json_each({table}.clocks)) "
            "WHERE hlc != ''"
        )
    for statement in V2_NEW_TABLES:
        connection.execute(statement)


STEPS[1] = _v1_to_v2

V3_NEW_TABLES = (
    f"""CREATE TABLE transcript_cue ({_V2_SYNCED_COLUMNS},
    meeting_id VARCHAR NOT NULL, position INTEGER NOT NULL, start_ms INTEGER NOT NULL,
    end_ms INTEGER NOT NULL, speaker VARCHAR NOT NULL, text VARCHAR NOT NULL,
    PRIMARY KEY (id), FOREIGN KEY(meeting_id) REFERENCES meeting (id))""",
    "CREATE INDEX ix_transcript_cue_meeting_id ON transcript_cue (meeting_id)",
    "CREATE INDEX ix_transcript_cue_hlc ON transcript_cue (hlc)",
)


def _v2_to_v3(connection: sqlite3.Connection) -> None:
    """Teams meetings: the meeting's link, attendance times, organisations' e-mail domains and
    the transcript table. The new columns hold their empty value in existing rows."""
    for table, column, definition in (
        ("meeting", "teams_link", "VARCHAR DEFAULT '' NOT NULL"),
        ("participation", "first_join", "VARCHAR DEFAULT '' NOT NULL"),
        ("participation", "last_leave", "VARCHAR DEFAULT '' NOT NULL"),
        ("organisation", "email_domains", "JSON DEFAULT '[]' NOT NULL"),
    ):
        connection.execute(f"ALTER TABLE {table} ADD COLUMN {column} {definition}")
    for statement in V3_NEW_TABLES:
        connection.execute(statement)


STEPS[2] = _v2_to_v3

# Privacy: the erasure record (`tables.Erasure`).
V4_NEW_TABLES = (
    f"""CREATE TABLE erasure ({_V2_SYNCED_COLUMNS},
    person_id VARCHAR NOT NULL, salt VARCHAR NOT NULL, hashes JSON NOT NULL, PRIMARY KEY (id))""",
    "CREATE INDEX ix_erasure_person_id ON erasure (person_id)",
    "CREATE INDEX ix_erasure_hlc ON erasure (hlc)",
)


def _v3_to_v4(connection: sqlite3.Connection) -> None:
    """Add the erasure table."""
    for statement in V4_NEW_TABLES:
        connection.execute(statement)


STEPS[3] = _v3_to_v4


# Schema v5 (minutes): referat texts per question, the minutes' status, a journey's findings.
V5_NEW_TABLES = (
    f"""CREATE TABLE referat ({_V2_SYNCED_COLUMNS},
    meeting_id VARCHAR NOT NULL, question_key VARCHAR NOT NULL, kind VARCHAR NOT NULL,
    text VARCHAR NOT NULL, PRIMARY KEY (id), UNIQUE (meeting_id, question_key, kind),
    FOREIGN KEY(meeting_id) REFERENCES meeting (id))""",
    "CREATE INDEX ix_referat_hlc ON referat (hlc)",
    "CREATE INDEX ix_referat_meeting_id ON referat (meeting_id)",
    f"""CREATE TABLE minutes_status ({_V2_SYNCED_COLUMNS},
    meeting_id VARCHAR NOT NULL, status VARCHAR NOT NULL, version INTEGER NOT NULL,
    comment_deadline DATE, approved_on DATE, PRIMARY KEY (id), UNIQUE (meeting_id),
    FOREIGN KEY(meeting_id) REFERENCES meeting (id))""",
    "CREATE INDEX ix_minutes_status_meeting_id ON minutes_status (meeting_id)",
    "CREATE INDEX ix_minutes_status_hlc ON minutes_status (hlc)",
    f"""CREATE TABLE finding ({_V2_SYNCED_COLUMNS},
    journey_id VARCHAR NOT NULL, topic VARCHAR NOT NULL, text VARCHAR NOT NULL,
    PRIMARY KEY (id), UNIQUE (journey_id, topic),
    FOREIGN KEY(journey_id) REFERENCES journey (id))""",
    "CREATE INDEX ix_finding_hlc ON finding (hlc)",
    "CREATE INDEX ix_finding_journey_id ON finding (journey_id)",
)


def _v4_to_v5(connection: sqlite3.Connection) -> None:
    """Add the referat, minutes status and findings tables (nothing existing changes)."""
    for statement in V5_NEW_TABLES:
        connection.execute(statement)


STEPS[4] = _v4_to_v5


def _v5_to_v6(connection: sqlite3.Connection) -> None:
    """Add the full-text index and its triggers (built by `migrate` after the last step)."""


STEPS[5] = _v5_to_v6

# Schema v7 (hub-laws): join records of organisations and people, like service_join.
V7_NEW_TABLES = tuple(
    statement
    for table, column in (("organisation_join", "organisation_id"), ("person_join", "person_id"))
    for statement in (
        f"""CREATE TABLE {table} ({_V2_SYNCED_COLUMNS},
    {column} VARCHAR NOT NULL, into_id VARCHAR NOT NULL, PRIMARY KEY (id))""",
        f"CREATE INDEX ix_{table}_{column} ON {table} ({column})",
        f"CREATE INDEX ix_{table}_hlc ON {table} (hlc)",
    )
)


def _v6_to_v7(connection: sqlite3.Connection) -> None:
    """Add the organisation and person join tables (existing records keep their ids)."""
    for statement in V7_NEW_TABLES:
        connection.execute(statement)


STEPS[6] = _v6_to_v7

# Schema v8 (capture): a person's phone, contacts under a `people` question, time per question.
V8_NEW_TABLES = (
    f"""CREATE TABLE contact ({_V2_SYNCED_COLUMNS},
    meeting_id VARCHAR NOT NULL, question_key VARCHAR NOT NULL, person_id VARCHAR NOT NULL,
    PRIMARY KEY (id), UNIQUE (meeting_id, question_key, person_id),
    FOREIGN KEY(meeting_id) REFERENCES meeting (id), FOREIGN KEY(person_id) REFERENCES person (id))""",
    "CREATE INDEX ix_contact_person_id ON contact (person_id)",
    "CREATE INDEX ix_contact_meeting_id ON contact (meeting_id)",
    "CREATE INDEX ix_contact_hlc ON contact (hlc)",
    f"""CREATE TABLE question_time ({_V2_SYNCED_COLUMNS},
    meeting_id VARCHAR NOT NULL, question_key VARCHAR NOT NULL, counted_by VARCHAR NOT NULL,
    seconds INTEGER NOT NULL, PRIMARY KEY (id), UNIQUE (meeting_id, question_key, counted_by),
    FOREIGN KEY(meeting_id) REFERENCES meeting (id))""",
    "CREATE INDEX ix_question_time_meeting_id ON question_time (meeting_id)",
    "CREATE INDEX ix_question_time_hlc ON question_time (hlc)",
)


def _v7_to_v8(connection: sqlite3.Connection) -> None:
    """Add the person's phone (empty in existing rows), the contact and question-time tables."""
    connection.execute("ALTER TABLE person ADD COLUMN phone VARCHAR DEFAULT '' NOT NULL")
    for statement in V8_NEW_TABLES:
        connection.execute(statement)


STEPS[7] = _v7_to_v8


def _v8_to_v9(connection: sqlite3.Connection) -> None:
    """Add the texts notes and kept values were edited from (unknown, "", in existing rows)."""
    connection.execute("ALTER TABLE note ADD COLUMN text_base VARCHAR DEFAULT '' NOT NULL")
    connection.execute("ALTER TABLE conflict ADD COLUMN value_base VARCHAR DEFAULT '' NOT NULL")


STEPS[8] = _v8_to_v9


def _v9_to_v10(connection: sqlite3.Connection) -> None:
    """Give every association record the id derived from its current natural key, and move
    its conflict rows with it (`models.identity.rekey_sqlite`; docs/merge.md)."""
    from models.identity import rekey_sqlite

    rekey_sqlite(connection)


STEPS[9] = _v9_to_v10


def backup(path: Path, version: int) -> Path:
    """Copy `path` with SQLite's backup API to `<path>.bak-<version>-<timestamp>`."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = path.with_name(f"{path.name}.bak-{version}-{stamp}")
    from models import atrest

    if atrest.is_encrypted(path):  # privacy: an encrypted file's backup stays encrypted
        import shutil

        shutil.copyfile(path, target)
        target.chmod(0o600)
        return target
    source = sqlite3.connect(path)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    target.chmod(0o600)
    return target


def migrate(path: Path, from_version: int) -> Path:
    """Bring the file at `path` up to the current schema version; returns the backup's path."""
    backup_path = backup(path, from_version)
    from models import atrest

    connection = atrest.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("BEGIN IMMEDIATE")
        try:
            for version in range(from_version, SCHEMA_VERSION):
                if version not in STEPS:
                    raise DatabaseError(
                        "db_newer", path=path, found=from_version, supported=SCHEMA_VERSION
                    )
                STEPS[version](connection)
            # The search index follows every new version's tables (models/search_index.py).
            search_index.install(connection)
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            connection.execute("COMMIT")
        except sqlite3.Error as error:
            connection.execute("ROLLBACK")
            raise DatabaseError(
                "db_migration_failed", path=path, detail=str(error), backup=backup_path
            ) from error
        except BaseException:
            connection.execute("ROLLBACK")
            raise
    finally:
        connection.close()
    return backup_path
