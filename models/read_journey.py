"""A journey's own reads for the documents (plain sqlite3), and the connection they read from."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from models.read_rows import ReadJourney

if TYPE_CHECKING:
    from models.storage import Database


@contextmanager
def reading_from(source: Database | sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection to read a document from: `source` itself, or a read-only one
    to an open database's file (it sees what that database has committed)."""
    if hasattr(source, "execute"):  # a connection (SQLCipher's too, which is no sqlite3 one)
        yield source  # type: ignore[misc]
        return
    from models.read import reading

    with reading(source.path) as connection:
        yield connection


def live_journeys(connection: sqlite3.Connection) -> list[ReadJourney]:
    return [
        ReadJourney(*row)
        for row in connection.execute(
            "SELECT id, name, description FROM journey WHERE journey.deleted IS 0"
        )
    ]


def resolve_journey(connection: sqlite3.Connection, ref: str, kind: str) -> ReadJourney:
    """The one live journey whose id is `ref` or starts with it (as `models.records.resolve`)."""
    from models.errors import NotFoundError

    ref = ref.strip()
    if not ref:
        raise NotFoundError("not_found", kind=kind, ref=ref)
    select = "SELECT id, name, description FROM journey WHERE journey.deleted IS 0"
    exact = connection.execute(f"{select} AND id = ?", (ref,)).fetchone()
    if exact is not None:
        return ReadJourney(*exact)
    # substr, not LIKE: «_» and «%» are no wildcards here, and case counts.
    matches = connection.execute(
        f"{select} AND substr(id, 1, ?) = ? LIMIT 6", (len(ref), ref)
    ).fetchall()
    if not matches:
        raise NotFoundError("not_found", kind=kind, ref=ref)
    if len(matches) > 1:
        shown = ", ".join(match[0][:8] for match in matches[:5])
        raise NotFoundError("ambiguous", kind=kind, ref=ref, matches=shown)
    return ReadJourney(*matches[0])


def journey_findings(connection: sqlite3.Connection, journey_id: str | None) -> dict[str, str]:
    """The written «Hovedfunn» per topic (of every journey when `journey_id` is None)."""
    sql = "SELECT topic, text FROM finding WHERE finding.deleted IS 0"
    rows = connection.execute(
        sql + " AND finding.journey_id = ?" if journey_id is not None else sql,
        () if journey_id is None else (journey_id,),
    )
    found: dict[str, list[str]] = defaultdict(list)
    for topic, text in rows:
        if text.strip():
            found[topic].append(text.strip())
    return {topic: "\n".join(texts) for topic, texts in found.items()}
