"""`models.failures`: a database error is classified by its real cause and said in one plain line."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from models.errors import DatabaseError
from models.failures import REASONS, classify, describe
from models.text import CATALOGUES


def _sqlite_error(code: int, message: str) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError(message)
    error.sqlite_errorcode = code  # type: ignore[attr-defined]
    return error


@pytest.mark.parametrize(
    ("code", "message", "reason"),
    [
        (5, "database is locked", "locked"),
        (6, "database table is locked", "locked"),
        (13, "database or disk is full", "disk_full"),
        (8, "attempt to write a readonly database", "read_only"),
        (8 | (3 << 8), "attempt to write a readonly database", "read_only"),  # extended
        (11, "database disk image is malformed", "damaged"),
        (26, "file is not a database", "damaged"),
        (14, "unable to open database file", "cant_open"),
        (10, "disk I/O error", "io"),
        (1, "no such table: meeting", "other"),
    ],
)
def test_a_sqlite_error_is_classified_by_its_code(code: int, message: str, reason: str) -> None:
    assert classify(_sqlite_error(code, message)) == reason


def test_sqlalchemy_wrapping_and_our_own_chain_are_walked_to_the_sqlite_error(
    tmp_path: Path,
) -> None:
    path = tmp_path / "låst.sqlite"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 0.05})
    try:
        with pytest.raises(OperationalError) as caught, engine.connect() as connection:
            connection.execute(text("SELECT * FROM t"))
    finally:
        engine.dispose()
        holder.close()
    wrapped = caught.value
    assert "[SQL:" in str(wrapped)  # what used to reach the user
    assert classify(wrapped) == "locked"
    try:
        raise DatabaseError("db_corrupt", path=path, detail="x") from wrapped
    except DatabaseError as ours:
        assert classify(ours) == "locked"
    line = describe(wrapped, path)
    assert line == f"{path} brukes av et annet program (filen er låst); prøv igjen om litt."
    for leak in ("[SQL", "sqlalche.me", "SELECT"):
        assert leak not in line


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        (errno.ENOSPC, "disk_full"),
        (errno.EROFS, "read_only"),
        (errno.EACCES, "permission"),
        (errno.ENOENT, "missing"),
        (errno.ELOOP, "loop"),
    ],
)
def test_an_os_error_is_classified_by_its_errno(number: int, reason: str) -> None:
    assert classify(OSError(number, "x")) == reason


def test_an_unknown_error_gives_its_type_and_text_without_sql() -> None:
    line = describe(ValueError("noe gikk galt\n[SQL: SELECT 1]"))
    assert line == "Uventet feil: ValueError: noe gikk galt"


def test_every_reason_has_a_line_in_both_languages(monkeypatch: pytest.MonkeyPatch) -> None:
    for catalogue in CATALOGUES.values():
        for reason in REASONS:
            assert f"failure_{reason}" in catalogue
    monkeypatch.setenv("INNSIKT_LANG", "en")
    assert describe(_sqlite_error(13, "database or disk is full"), "x.sqlite").startswith(
        "x.sqlite could not be written: the disk is full."
    )
