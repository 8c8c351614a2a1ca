"""Applying erasures: a pure, deterministic scrub of rows by salted hashes of erased strings.

An erasure (`tables.Erasure`) names a person by id and holds HMAC-SHA256 hashes (under its own
salt) of their name, first name, e-mail and phone, never the strings. A row *belongs* to an
erased person when it is the person (by id, or by a name hashing to an erased name) and loses
their personal fields; free text anywhere loses every run of words hashing to an erased full
name, e-mail or phone, and, in the meetings listed in the erasure, the first name alone.

The scrub changes values in place without a clock stamp: it is a function of the merged values
and the set of erasures only, so merging in any order gives the same bytes, and a snapshot or
archive taken before an erasure cannot bring the person back.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

# Stored in the data, the same on every laptop whatever the UI language: merging compares it.
ERASED = "[slettet person]"

# Free-text fields that may name a person; the first name alone is scrubbed only in the
# meeting-bound ones (they have `meeting_id`). Tables or columns missing here are skipped.
TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "note": ("text",),
    "answer": ("other_text",),
    "followup": ("what", "who"),
    "service_mention": ("remark",),
    "service": ("contact_person",),
    "referat": ("text",),
    "transcript_cue": ("speaker", "text"),
}
# Fields that hold a note-taker's name whole. Part of a unique key, so an erased author becomes
# «[slettet person <id prefix>]»: two erased authors of one question must stay two notes.
AUTHOR_FIELDS: dict[str, str] = {"note": "author", "answer": "author"}
# The person's own fields and what they become.
PERSON_FIELDS: dict[str, str] = {"name": ERASED, "email": "", "phone": "", "role": ""}

_WORD = re.compile(r"\w+")
_GAP = re.compile(r"[\s\-]+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"\+?\d[\d ]{5,}\d")


def words(text: str) -> str:
    """A name as the scrub compares it: its words, case-folded, one space apart."""
    return " ".join(_WORD.findall(text.casefold()))


def digits(phone: str) -> str:
    found = "".join(ch for ch in phone if ch.isdigit())
    if len(found) == 12 and found.startswith("0047"):
        return found[4:]
    if len(found) == 10 and found.startswith("47"):
        return found[2:]
    return found


def digest(salt: str, value: str) -> str:
    return hmac.new(salt.encode(), value.encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Key:
    """One erasure as the scrub uses it."""

    person_id: str
    salt: str
    names: frozenset[str]  # hashes of full names (word runs of `lengths` words)
    lengths: tuple[int, ...]
    first: str  # hash of the first name, or ""
    first_length: int
    first_meetings: frozenset[str]
    emails: frozenset[str]
    phones: frozenset[str]

    @classmethod
    def from_record(cls, person_id: str, salt: str, hashes: Any) -> Key:
        hashes = hashes if isinstance(hashes, dict) else {}
        return cls(
            person_id=person_id,
            salt=salt,
            names=_strings(hashes.get("name")),
            lengths=tuple(sorted(_counts(hashes.get("name_words")), reverse=True)),
            first=hashes.get("first") if isinstance(hashes.get("first"), str) else "",
            first_length=max(_counts([hashes.get("first_words")]), default=0),
            first_meetings=_strings(hashes.get("first_meetings")),
            emails=_strings(hashes.get("email")),
            phones=_strings(hashes.get("phone")),
        )


def _strings(value: Any) -> frozenset[str]:
    return (
        frozenset(item for item in value if isinstance(item, str))
        if isinstance(value, list)
        else frozenset()
    )


def _counts(value: Any) -> set[int]:
    """Word counts: small positive integers only (a damaged record must not stall the scrub)."""
    if not isinstance(value, list):
        return set()
    return {item for item in value if isinstance(item, int) and 0 < item <= 8}


def make_hashes(
    salt: str, name: str, email: str, phone: str, first_meetings: Iterable[str]
) -> dict[str, Any]:
    """The `hashes` of a new erasure (sorted lists: the same JSON on every laptop)."""
    full = words(name)
    first = words(name.split()[0]) if name.split() else ""
    hashes: dict[str, Any] = {
        "name": [digest(salt, full)] if full else [],
        "name_words": [len(full.split())] if full else [],
        "first": digest(salt, first) if first and first != full else "",
        "first_words": len(first.split()) if first and first != full else 0,
        "first_meetings": sorted(first_meetings) if first and first != full else [],
        "email": [digest(salt, email.strip().casefold())] if email.strip() else [],
        "phone": [digest(salt, digits(phone))] if digits(phone) else [],
    }
    return hashes


@dataclass
class Scrubber:
    """Every erasure of a database (and of the files being merged into it)."""

    keys: list[Key] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.keys)

    @property
    def person_ids(self) -> set[str]:
        return {key.person_id for key in self.keys}

    def key_of_name(self, name: Any) -> Key | None:
        """The erasure whose full name `name` is, if any."""
        if not isinstance(name, str) or not name.strip() or name.startswith(ERASED[:-1]):
            return None
        normal = words(name)
        return next((key for key in self.keys if digest(key.salt, normal) in key.names), None)

    def is_erased_name(self, name: Any) -> bool:
        return self.key_of_name(name) is not None

    def author(self, name: Any) -> Any:
        key = self.key_of_name(name)
        return name if key is None else erased_author(key.person_id)

    def person_erased(self, row: dict[str, Any]) -> bool:
        return row.get("id") in self.person_ids or self.is_erased_name(row.get("name"))

    def text(self, value: Any, meeting_id: str | None) -> Any:
        """`value` with every erased name, e-mail and phone replaced by «[slettet person]»."""
        if not isinstance(value, str) or not value or not self.keys:
            return value
        spans = self._spans(value, meeting_id)
        if not spans:
            return value
        result, last = [], 0
        for start, end in spans:
            result.append(value[last:start])
            result.append(ERASED)
            last = end
        result.append(value[last:])
        return "".join(result)

    def _spans(self, text: str, meeting_id: str | None) -> list[tuple[int, int]]:
        found: list[tuple[int, int]] = []
        for pattern, kind in ((_EMAIL, "email"), (_PHONE, "phone")):
            for match in pattern.finditer(text):
                normal = match.group().casefold() if kind == "email" else digits(match.group())
                for key in self.keys:
                    if digest(key.salt, normal) in getattr(key, f"{kind}s"):
                        found.append(match.span())
                        break
        tokens = [(m.start(), m.end(), m.group().casefold()) for m in _WORD.finditer(text)]
        wanted: list[tuple[int, Key, str]] = []  # (word count, key, hash set kind)
        for key in self.keys:
            wanted.extend((length, key, "name") for length in key.lengths)
            if key.first and (meeting_id in key.first_meetings):
                wanted.append((key.first_length, key, "first"))
        wanted.sort(key=lambda item: -item[0])
        taken = [False] * len(tokens)
        for index in range(len(tokens)):
            if taken[index]:
                continue
            for length, key, kind in wanted:
                end = index + length
                if (
                    end > len(tokens)
                    or any(taken[index:end])
                    or not self._joined(text, tokens, index, end)
                ):
                    continue
                run = " ".join(token[2] for token in tokens[index:end])
                candidates = {run}
                if run.endswith("s") and len(tokens[end - 1][2]) > 2:
                    candidates.add(run[:-1])  # the genitive: «Karis forslag»
                hashes = key.names if kind == "name" else {key.first}
                if any(digest(key.salt, candidate) in hashes for candidate in candidates):
                    found.append((tokens[index][0], tokens[end - 1][1]))
                    for position in range(index, end):
                        taken[position] = True
                    break
        return _disjoint(found)

    @staticmethod
    def _joined(text: str, tokens: list[tuple[int, int, str]], start: int, end: int) -> bool:
        """Whether the words start..end-1 stand next to each other (spaces or hyphens between)."""
        return all(
            _GAP.fullmatch(text[tokens[i][1] : tokens[i + 1][0]]) for i in range(start, end - 1)
        )

    def row(self, table: str, row: dict[str, Any]) -> dict[str, Any]:
        """A copy of `row` scrubbed; the same dict if nothing changed."""
        if not self.keys:
            return row
        changed: dict[str, Any] = {}
        if table == "person" and self.person_erased(row):
            changed = {
                name: value
                for name, value in PERSON_FIELDS.items()
                if name in row and row[name] != value
            }
        author = AUTHOR_FIELDS.get(table)
        if author in row and self.author(row[author]) != row[author]:
            changed[author] = self.author(row[author])
        meeting_id = row.get("meeting_id")
        for name in TEXT_FIELDS.get(table, ()):
            if name in row:
                scrubbed = self.text(row[name], meeting_id)
                if scrubbed != row[name]:
                    changed[name] = scrubbed
        return {**row, **changed} if changed else row

    def value(self, table: str, name: str, raw: Any, record: dict[str, Any] | None) -> Any:
        """One field's value (a sibling kept as a conflict) of `record`, scrubbed."""
        if not self.keys or record is None:
            return raw
        if table == "person" and name in PERSON_FIELDS and self.person_erased(record):
            return PERSON_FIELDS[name]
        if name in TEXT_FIELDS.get(table, ()):
            return self.text(raw, record.get("meeting_id"))
        if name == AUTHOR_FIELDS.get(table):
            return self.author(raw)
        return raw


def erased_author(person_id: str) -> str:
    return f"{ERASED[:-1]} {person_id[:8]}]"


def load_keys(connection: sqlite3.Connection, schemas: Iterable[str] = ("main",)) -> Scrubber:
    """Every live erasure in the given attached schemas, in a fixed order."""
    found: dict[str, Key] = {}
    for schema in schemas:
        present = connection.execute(
            f"SELECT 1 FROM {schema}.sqlite_master WHERE type = 'table' AND name = 'erasure'"
        ).fetchone()
        if not present:
            continue
        for id_, person_id, salt, hashes in connection.execute(
            f"SELECT id, person_id, salt, hashes FROM {schema}.erasure WHERE deleted = 0"
        ):
            found[id_] = Key.from_record(person_id, salt, json.loads(hashes or "{}"))
    return Scrubber([found[id_] for id_ in sorted(found)])


def _author_field(table: str) -> tuple[str, ...]:
    return (AUTHOR_FIELDS[table],) if table in AUTHOR_FIELDS else ()


def _columns(connection: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in connection.execute(f'PRAGMA main.table_info("{table}")')]


def scrub_database(connection: sqlite3.Connection, scrubber: Scrubber) -> dict[str, int]:
    """Scrub every row and kept conflict value of the main database; rows changed per table."""
    changed: dict[str, int] = {}
    if not scrubber:
        return changed
    rows_by_table: dict[str, dict[str, dict[str, Any]]] = {}
    for table in ("person", *TEXT_FIELDS):
        if not connection.execute(
            "SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone():
            continue
        columns = _columns(connection, table)
        wanted = [
            name
            for name in (*PERSON_FIELDS, *TEXT_FIELDS.get(table, ()), *_author_field(table))
            if name in columns and (table == "person" or name not in PERSON_FIELDS)
        ]
        if not wanted:
            continue
        extra = [name for name in ("meeting_id",) if name in columns]
        select = ", ".join(f'"{name}"' for name in ("id", *extra, *wanted))
        cursor = connection.execute(f'SELECT {select} FROM main."{table}"')
        names = [description[0] for description in cursor.description]
        rows = {row[0]: dict(zip(names, row, strict=True)) for row in cursor.fetchall()}
        rows_by_table[table] = rows
        updates = []
        for row in rows.values():
            scrubbed = scrubber.row(table, row)
            if scrubbed is not row:
                updates.append(scrubbed)
        for row in updates:
            assignments = ", ".join(f'"{name}" = ?' for name in wanted)
            connection.execute(
                f'UPDATE main."{table}" SET {assignments} WHERE id = ?',
                (*(row[name] for name in wanted), row["id"]),
            )
        if updates:
            changed[table] = len(updates)
    conflict_updates = []
    for id_, table, record_id, name, value in connection.execute(
        'SELECT id, table_name, record_id, field, value FROM main."conflict"'
    ):
        record = rows_by_table.get(table, {}).get(record_id)
        if record is None:
            continue
        try:
            raw = json.loads(value)
        except ValueError:  # not ours to judge here: `innsikt check` reports it
            continue
        scrubbed = scrubber.value(table, name, raw, record)
        if scrubbed != raw:
            conflict_updates.append((json.dumps(scrubbed, ensure_ascii=False), id_))
    connection.executemany('UPDATE main."conflict" SET value = ? WHERE id = ?', conflict_updates)
    if conflict_updates:
        changed["conflict"] = len(conflict_updates)
    from models.sync.text_merge import scrub_bases

    scrub_bases(connection, scrubber)  # the texts notes were edited from
    scrub_meta(connection, scrubber)
    return changed


def scrub_meta(connection: sqlite3.Connection, scrubber: Scrubber) -> None:
    """Device names (learnt from snapshots) and this laptop's author, if an erased name."""
    for key, value in connection.execute("SELECT key, value FROM main.meta").fetchall():
        if (key == "author" or key.startswith("device_name:")) and scrubber.is_erased_name(value):
            connection.execute("DELETE FROM main.meta WHERE key = ?", (key,))


def _disjoint(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans sorted, an overlapping one dropped (the earlier, then longer, wins)."""
    result: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
        if result and start < result[-1][1]:
            continue
        result.append((start, end))
    return result
