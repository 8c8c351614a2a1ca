"""The full-text index: which records it holds, and the SQLite triggers that keep it current.

Every searchable record becomes one row of `search_doc` (kind, record id, meeting, question,
author, body); `search_fts` is an FTS5 index over those bodies (external content). Triggers on
the source tables refresh a record's row on every insert, update and delete, so each write path
— TUI autosave, CLI edits, archive import, the bulk-SQL merge — keeps the index current without
code of its own. A tombstoned record (`deleted = 1`) leaves the index.

Plain sqlite3 only: `innsikt search` reads the index without loading SQLAlchemy.
"""

from __future__ import annotations

import sqlite3

from models.progress import Progress, Steps
from models.search_people import (
    FINAL_OF_ROW,
    FINAL_TABLE,
    PERSON_FINAL,
    PERSON_JOIN,
    PERSON_TARGETS,
    REFRESH_FINAL,
    TARGETS_VIEW,
)
from models.service_lists import SERVICE_LISTS

# unicode61 folds case for every script (Ø→ø, Æ→æ, Å→å), so «nødnett» finds «Nødnett».
# remove_diacritics 0: with 1 or 2, SQLite strips the ring from å (å→a, though ø and æ stay),
# which makes «får» find «far» and «hår» find «har» — different Norwegian words. Keeping æ, ø
# and å whole costs only «kafe» not finding «kafé», which is rare in these notes.
TOKENIZER = "unicode61 remove_diacritics 0"


# Plain classes, not dataclasses: `innsikt check` reads this module, and importing dataclasses
# (with the inspect module it needs) would cost it a fifth of its time.
class Related:
    """Another table whose rows feed a source's body (a participant's name lives on `person`)."""

    __slots__ = ("record_ids", "table", "watched")

    def __init__(self, table: str, record_ids: str, watched: tuple[str, ...]) -> None:
        self.table = table
        # The source's record ids touched by a row of `table`; `{row}` is NEW or OLD.
        self.record_ids = record_ids
        self.watched = watched


class Source:
    """One kind of searchable record: a table (alias `r`) and how its row becomes a document."""

    __slots__ = (
        "author",
        "body",
        "joins",
        "kind",
        "meeting",
        "question",
        "related",
        "table",
        "watched",
    )

    def __init__(
        self,
        kind: str,
        table: str,
        body: str,  # SQL over `r` (and `joins`)
        watched: tuple[str, ...],  # columns of `table` whose change re-indexes the record
        meeting: str = "NULL",
        question: str = "''",
        author: str = "''",
        joins: str = "",
        related: tuple[Related, ...] = (),
    ) -> None:
        self.kind, self.table, self.body, self.watched = kind, table, body, watched
        self.meeting, self.question, self.author = meeting, question, author
        self.joins, self.related = joins, related


def _lines(*expressions: str) -> str:
    """The non-empty values of `expressions`, one per line (SQLite 3.40 has no concat_ws)."""
    joined = " || ".join(f"coalesce(nullif({e}, '') || char(10), '')" for e in expressions)
    return f"rtrim({joined}, char(10))"


def _text(*columns: str) -> str:
    """The non-empty values of `columns` of `r`, one per line."""
    return _lines(*(f"r.{column}" for column in columns))


def _listed(column: str) -> str:
    """A JSON list column as comma-separated text."""
    return f"(SELECT group_concat(value, ', ') FROM json_each(r.{column}))"


_SERVICE_TEXT = (
    "name", "description", "user_count", "status", "criticality", "criticality_assessment",
    "developed_by", "introduced_by", "operated_by", "managed_by", "suppliers",
    "nodnett_dependency", "nodnett_dependency_text", "new_nodnett_relevance", "plans",
    "plans_target_date", "fallback", "contact_person",
)  # fmt: skip


def _in_meeting(table: str) -> tuple[Related, ...]:
    """A record of a meeting is found only while its meeting is live: the meeting's tombstone
    (or its removal and return in a merge) re-indexes the meeting's records of `table`."""
    return (Related("meeting", f'SELECT id FROM "{table}" WHERE meeting_id = {{row}}.id', ()),)


def _of_person(table: str, columns: tuple[str, ...]) -> tuple[Related, ...]:
    """A `table` row shows its person's `columns`: a change of the person, or of a person it
    was joined into, and any change of the join records, re-indexes the rows naming them."""
    return (
        Related(
            "person",
            # CROSS JOIN keeps the order: the rows of the people joined into this one (by the
            # index on `final`, mostly none) first, so the table is not scanned a second time.
            f'SELECT id FROM "{table}" WHERE person_id = {{row}}.id UNION ALL SELECT x.id '
            f'FROM {PERSON_TARGETS} f CROSS JOIN "{table}" x ON x.person_id = f.absorbed '
            "WHERE f.final = {row}.id",
            columns,
        ),
        # A join record of B changes only the walks through B, and each of those ends, after
        # the change, where B's own does, at F: the rows naming B, F (in a ring, F's own walk
        # changes too) or a person resolving to F.
        Related(
            "person_join",
            f'SELECT id FROM "{table}" WHERE person_id IN (SELECT {{row}}.person_id '
            f"UNION SELECT final FROM ({FINAL_OF_ROW}) UNION SELECT t.absorbed FROM "
            f"{PERSON_TARGETS} t WHERE t.final = ({FINAL_OF_ROW}))",
            ("person_id", "into_id"),
        ),
    )


# Adding a kind of searchable record is one entry here (and a kind name in the catalogues).
SOURCES: tuple[Source, ...] = (
    Source(
        "note",
        "note",
        body="r.text",
        watched=("text", "meeting_id", "question_key", "author"),
        meeting="r.meeting_id",
        question="r.question_key",
        author="r.author",
        related=_in_meeting("note"),
    ),
    Source(
        "answer",
        "answer",
        body="r.other_text",  # the «annet» text; the chosen values are the guide's own words
        watched=("other_text", "meeting_id", "question_key", "author"),
        meeting="r.meeting_id",
        question="r.question_key",
        author="r.author",
        related=_in_meeting("answer"),
    ),
    Source(
        "service",
        "service",
        body=_lines(*(f"r.{c}" for c in _SERVICE_TEXT), *map(_listed, SERVICE_LISTS)),
        watched=(*_SERVICE_TEXT, *SERVICE_LISTS),
    ),
    Source(
        "mention",
        "service_mention",
        body="r.remark",
        watched=("remark", "meeting_id", "question_key"),
        meeting="r.meeting_id",
        question="r.question_key",
        related=_in_meeting("service_mention"),
    ),
    Source(
        "followup",
        "followup",
        body=_text("what", "who"),
        watched=("what", "who", "meeting_id"),
        meeting="r.meeting_id",
        related=_in_meeting("followup"),
    ),
    Source(
        "referat",
        "referat",
        body="r.text",  # the consolidated minutes text of a question or a section's conclusion
        watched=("text", "meeting_id", "question_key"),
        meeting="r.meeting_id",
        question="r.question_key",
        related=_in_meeting("referat"),
    ),
    Source(
        "finding",
        "finding",
        body="r.text",  # a journey's «Hovedfunn»: no meeting of its own
        watched=("text", "topic"),
        question="r.topic",
    ),
    Source(
        "transcript",
        "transcript_cue",
        body=_text("speaker", "text"),
        watched=("speaker", "text", "meeting_id"),
        meeting="r.meeting_id",
        related=_in_meeting("transcript_cue"),
    ),
    Source(
        "meeting",
        "meeting",
        body=_text("title", "place"),
        watched=("title", "place"),
        meeting="r.id",
    ),
    Source(
        "participant",
        "participation",
        body=_lines("p.name", "p.role"),
        watched=("person_id", "meeting_id"),
        meeting="r.meeting_id",
        joins=PERSON_JOIN,
        related=(*_of_person("participation", ("name", "role")), *_in_meeting("participation")),
    ),
    Source(
        "contact",
        "contact",  # a contact under a `people` question: the person's details (capture-2)
        body=_lines("p.name", "p.role", "p.email", "p.phone"),
        watched=("person_id", "meeting_id", "question_key"),
        meeting="r.meeting_id",
        question="r.question_key",
        joins=PERSON_JOIN,
        related=(
            *_of_person("contact", ("name", "role", "email", "phone")),
            *_in_meeting("contact"),
        ),
    ),
)
KINDS: tuple[str, ...] = tuple(source.kind for source in SOURCES)

OBJECTS = (
    """
CREATE TABLE IF NOT EXISTS search_doc (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    meeting_id TEXT,
    question_key TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_search_doc_record ON search_doc (record_id);
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
    body, content='search_doc', content_rowid='id', tokenize='{tokenizer}'
);
CREATE TRIGGER IF NOT EXISTS search_doc_ai AFTER INSERT ON search_doc BEGIN
    INSERT INTO search_fts (rowid, body) VALUES (NEW.id, NEW.body);
END;
CREATE TRIGGER IF NOT EXISTS search_doc_ad AFTER DELETE ON search_doc BEGIN
    INSERT INTO search_fts (search_fts, rowid, body) VALUES ('delete', OLD.id, OLD.body);
END;
""".replace("{tokenizer}", TOKENIZER)
    + TARGETS_VIEW
    + FINAL_TABLE
)


def _select(source: Source, where: str, target: str = "search_doc") -> str:
    """Indexing the documents of `source`'s live records that satisfy `where` (over `r`)."""
    return (
        f"INSERT INTO {target} (kind, record_id, meeting_id, question_key, author, body) "
        "SELECT * FROM ("
        f"SELECT '{source.kind}' AS kind, r.id AS record_id, {source.meeting} AS meeting_id, "
        f"{source.question} AS question_key, {source.author} AS author, "
        f"coalesce({source.body}, '') AS body "
        f'FROM "{source.table}" r {source.joins} WHERE r.deleted = 0 AND {where}'
        ") WHERE body != '' AND (meeting_id IS NULL OR kind = 'meeting' OR EXISTS "
        "(SELECT 1 FROM meeting live WHERE live.id = meeting_id AND live.deleted = 0))"
    )


def _refresh(source: Source, old_ids: str, new_ids: str) -> str:
    """Statements that drop the documents of `old_ids` and index `new_ids` afresh."""
    parts = []
    if old_ids:
        parts.append(
            f"DELETE FROM search_doc WHERE record_id IN ({old_ids}) AND kind = '{source.kind}';"
        )
    if new_ids:
        parts.append(_select(source, f"r.id IN ({new_ids})") + ";")
    return "\n    ".join(parts)


def _changed(columns: tuple[str, ...]) -> str:
    return " OR ".join(f'OLD."{column}" IS NOT NEW."{column}"' for column in columns)


def available(connection: sqlite3.Connection) -> tuple[Source, ...]:
    """The sources whose tables this database has (a migration may add a source's table later)."""
    tables = {
        name
        for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    return tuple(
        source
        for source in SOURCES
        if source.table in tables and all(related.table in tables for related in source.related)
    )


def trigger_statements(sources: tuple[Source, ...] = SOURCES) -> list[tuple[str, str]]:
    """(name, CREATE TRIGGER statement) of every trigger on the tables of `sources`.

    Three a table (insert, update of a watched column, delete): on the source's own table,
    and on each related one, each refreshing the source's documents of the ids they touch.
    """
    triggers: list[tuple[str, str]] = []
    for source in sources:
        name = f"search_{source.kind}"
        # An insert first drops what the id had: an INSERT OR REPLACE fires no delete trigger
        # unless recursive_triggers is on, and the replaced row's document must still go.
        own = (name, source.table, source.watched, "OLD.id", "NEW.id")
        related = (
            (
                f"{name}_{rel.table}",
                rel.table,
                rel.watched,
                rel.record_ids.format(row="OLD"),
                rel.record_ids.format(row="NEW"),
            )
            for rel in source.related
        )
        for prefix, table, columns, old, new in (own, *related):
            watched = (*columns, "deleted")
            update = "UPDATE OF " + ", ".join(f'"{column}"' for column in watched)
            # A source's own row deleted leaves the index; a related row deleted (a join record
            # removed) re-indexes the source's rows it touched, which are still there.
            gone = "" if table == source.table else old
            for suffix, event, when, body in (
                ("ai", "INSERT", "", _refresh(source, new, new)),
                ("au", update, _changed(watched), _refresh(source, old, new)),
                ("ad", "DELETE", "", _refresh(source, old, gone)),
            ):
                # In a trigger the people's targets are read from the table the triggers keep.
                body = body.replace(PERSON_TARGETS, PERSON_FINAL)
                if table == "person_join":
                    body = "\n    ".join((*REFRESH_FINAL, body))
                condition = f" WHEN {when}" if when else ""
                statement = (
                    f'CREATE TRIGGER {prefix}_{suffix} AFTER {event} ON "{table}"{condition} '
                    f"BEGIN\n    {body}\nEND"
                )
                triggers.append((f"{prefix}_{suffix}", statement))
    return triggers


def install(connection: sqlite3.Connection, progress: Progress | None = None) -> None:
    """Create the index if missing, (re)create the triggers of every source, fill it afresh.

    Run after every migration (`models.migrations.migrate`), so that a version that adds a
    source's table, or changes what a source indexes, brings existing files up to date.
    """
    create_objects(connection)
    _drop_triggers(connection)
    for _name, statement in trigger_statements(available(connection)):
        connection.execute(statement)
    fill(connection, progress)


def create_objects(connection: sqlite3.Connection) -> None:
    """Create the index's tables, its own triggers and views where missing (idempotent)."""
    for statement in _statements(OBJECTS):
        connection.execute(statement)


def _drop_triggers(connection: sqlite3.Connection) -> None:
    for name, _statement in trigger_statements():
        connection.execute(f"DROP TRIGGER IF EXISTS {name}")


def fill(connection: sqlite3.Connection, progress: Progress | None = None) -> None:
    """Index every live record afresh (the triggers keep it current from then on).

    `progress` hears how many of the kinds of record (sources) are indexed.
    """
    connection.execute("DELETE FROM search_doc")
    connection.execute("INSERT INTO search_fts (search_fts) VALUES ('delete-all')")
    for statement in REFRESH_FINAL:
        connection.execute(statement)
    sources = available(connection)
    steps = Steps(progress, len(sources))
    for source in sources:
        connection.execute(_select(source, "1"))
        steps.advance()


def drop(connection: sqlite3.Connection) -> None:
    """Remove the index and every trigger of it (before building it again)."""
    _drop_triggers(connection)
    for name in ("search_doc_ai", "search_doc_ad"):
        connection.execute(f"DROP TRIGGER IF EXISTS {name}")
    connection.execute(f"DROP VIEW IF EXISTS {PERSON_TARGETS}")
    connection.execute(f"DROP TABLE IF EXISTS {PERSON_FINAL}")
    connection.execute("DROP TABLE IF EXISTS search_fts")
    connection.execute("DROP TABLE IF EXISTS search_doc")


def _statements(script: str) -> list[str]:
    """The statements of `script`, split at the ends of statements (triggers hold `;` too)."""
    statements, current = [], ""
    for line in script.strip().splitlines():
        current += line + "\n"
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return statements


def expected_objects(connection: sqlite3.Connection) -> set[str]:
    """Names of every table, view and trigger the index of this database consists of."""
    return {
        "search_doc",
        PERSON_TARGETS,
        PERSON_FINAL,
        "search_fts",
        "search_doc_ai",
        "search_doc_ad",
        *(name for name, _ in trigger_statements(available(connection))),
    }


def problems(connection: sqlite3.Connection, *, integrity: bool = True) -> list[tuple[str, str]]:
    """What is wrong with the index, as (message key, detail); empty if nothing is.

    With `integrity`, runs FTS5's integrity-check, which writes nothing but is an INSERT
    statement: the caller gives a read-write connection and rolls back.
    """
    present = {
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view', 'trigger')"
        )
    }
    missing = sorted(expected_objects(connection) - present)
    if missing:
        return [("search_missing", ", ".join(missing))]
    found: list[tuple[str, str]] = []
    try:
        if integrity:
            connection.execute(
                "INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 1)"
            )
    except sqlite3.OperationalError:
        raise  # not damage: a read-only file, a lock
    except sqlite3.DatabaseError as error:
        found.append(("search_damaged", str(error)))
    stale = _stale_count(connection)
    if stale:
        found.append(("search_stale", str(stale)))
    return found


def _stale_count(connection: sqlite3.Connection) -> int:
    """Documents that differ from what the records say now (missing, extra or outdated).

    Each kind's documents are computed as the triggers would write them and looked up by
    record id: an expected document with no equal one in the index is missing or outdated;
    a document of the index that equals none expected is extra or outdated. (One indexed
    lookup per record, where comparing two whole tables with EXCEPT sorted both: half the
    time at 200 meetings.) A record has at most one document of its kind, so the documents
    that equal an expected one are counted once each.
    """
    missing = matched = 0
    for source in available(connection):
        expected = _select(source, "1", target="")
        expected = expected[expected.index("SELECT ") :]  # the SELECT, without the INSERT
        absent, equal = connection.execute(
            f"SELECT coalesce(sum(d.id IS NULL), 0), count(d.id) FROM ({expected}) e "
            "LEFT JOIN main.search_doc d ON d.record_id = e.record_id AND d.kind = e.kind "
            "AND d.meeting_id IS e.meeting_id AND d.question_key = e.question_key "
            "AND d.author = e.author AND d.body = e.body"
        ).fetchone()
        missing, matched = missing + int(absent), matched + int(equal)
    (indexed,) = connection.execute("SELECT count(*) FROM main.search_doc").fetchone()
    return missing + int(indexed) - matched
