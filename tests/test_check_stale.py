"""`innsikt check`'s comparison of the search index with the records counts every document that differs.

The count is checked against the plain definition — the documents the records make now and
those the index holds, compared as whole rows with EXCEPT both ways — after the index is put
out of step in each way it can be.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from models import search_index
from models.check import check_database

COLUMNS = "kind, record_id, meeting_id, question_key, author, body"


def by_definition(connection: sqlite3.Connection) -> int:
    """Documents in one of the two sets and not the other (the index holds no duplicates)."""
    connection.execute("CREATE TEMP TABLE expected AS SELECT * FROM search_doc WHERE 0")
    for source in search_index.available(connection):
        connection.execute(search_index._select(source, "1", target="temp.expected"))
    (count,) = connection.execute(
        f"SELECT (SELECT count(*) FROM (SELECT {COLUMNS} FROM temp.expected EXCEPT "
        f"SELECT {COLUMNS} FROM main.search_doc)) + (SELECT count(*) FROM (SELECT {COLUMNS} "
        f"FROM main.search_doc EXCEPT SELECT {COLUMNS} FROM temp.expected))"
    ).fetchone()
    connection.execute("DROP TABLE temp.expected")
    return int(count)


# Each puts the index out of step behind the triggers' back (run with the triggers dropped).
DAMAGE = {
    "document-removed": ["DELETE FROM search_doc WHERE id IN (SELECT id FROM search_doc LIMIT 3)"],
    "body-outdated": [
        "UPDATE search_doc SET body = body || ' x' WHERE kind = 'note' AND id % 7 = 0"
    ],
    "meeting-moved": ["UPDATE search_doc SET meeting_id = NULL WHERE kind = 'followup'"],
    "question-changed": ["UPDATE search_doc SET question_key = 'Z9' WHERE kind = 'mention'"],
    "author-changed": ["UPDATE search_doc SET author = 'Noen' WHERE kind = 'answer'"],
    "extra-document": [
        "INSERT INTO search_doc (kind, record_id, meeting_id, question_key, author, body) "
        "VALUES ('note', 'finnes-ikke', NULL, '', '', 'ekstra'), "
        "('ukjent', 'x', NULL, '', '', 'av en ukjent sort')"
    ],
    "record-edited": ["UPDATE note SET text = 'endret uten indeks' WHERE rowid IN (1, 2)"],
    "record-tombstoned": ["UPDATE service SET deleted = 1 WHERE rowid = 1"],
    "meeting-tombstoned": ["UPDATE meeting SET deleted = 1 WHERE rowid = 1"],
    "person-renamed": ["UPDATE person SET name = 'Nytt Navn' WHERE rowid = 1"],
    "record-added": ["INSERT INTO followup SELECT * FROM followup WHERE rowid = 1"],
}


def out_of_step(path: Path, statements: list[str]) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None)
    for name, _ in search_index.trigger_statements():
        connection.execute(f"DROP TRIGGER IF EXISTS {name}")
    for statement in statements:
        if statement.startswith("INSERT INTO followup"):  # a copy of a record, with a new id
            columns = [row[1] for row in connection.execute("PRAGMA table_info(followup)")]
            chosen = ", ".join("'kopi-id'" if c == "id" else f'"{c}"' for c in columns)
            statement = f"INSERT INTO followup SELECT {chosen} FROM followup WHERE rowid = 1"
        connection.execute(statement)
    return connection


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_the_stale_count_is_every_document_that_differs(demo_path: Path, damage: str) -> None:
    connection = out_of_step(demo_path, DAMAGE[damage])
    expected = by_definition(connection)
    assert expected > 0  # the damage is one the comparison must see
    assert search_index._stale_count(connection) == expected
    connection.close()


def test_a_current_index_has_nothing_stale(demo_path: Path) -> None:
    connection = sqlite3.connect(demo_path)
    assert search_index._stale_count(connection) == by_definition(connection) == 0
    connection.close()
    assert check_database(demo_path) == []


def test_check_reports_an_outdated_document_as_stale(demo_path: Path) -> None:
    out_of_step(demo_path, DAMAGE["record-edited"]).close()
    connection = sqlite3.connect(demo_path, isolation_level=None)
    search_index.install(connection)  # the triggers back, the index filled afresh …
    connection.execute("DROP TRIGGER search_note_au")
    connection.execute("UPDATE note SET text = 'igjen uten indeks' WHERE rowid = 3")
    connection.execute("CREATE TRIGGER search_note_au AFTER UPDATE ON note BEGIN SELECT 1; END")
    connection.close()  # … and one record changed behind its back, the trigger there by name
    (line,) = check_database(demo_path)
    assert "utdatert" in line
