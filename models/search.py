"""Searching the full-text index: the user's words made safe for FTS5, ranked hits with snippets.

The user's words never reach FTS5's query syntax raw: every word is quoted (so AND, OR, NEAR,
parentheses, `col:val` and stray quotes are plain words), text in "…" or «…» is a phrase, and
the last word is a prefix, so that typing «ambulans» already finds «ambulansen».
Plain sqlite3 only, so that `innsikt search` starts without SQLAlchemy.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import asdict, dataclass, field
from typing import Any

from models.errors import NotFoundError
from models.joins import register
from models.search_index import KINDS
from models.search_snippet import Segment, snippet_segments, words_of

MAX_TERMS = 32  # a pasted page of text becomes its first words, not a query of thousands
MAX_LIMIT = 1000
# A word in thousands of records: bm25 ranks the most recently written RANK_WINDOW of them, so
# that a query stays fast on any database (the records of a meeting or a kind are far fewer).
RANK_WINDOW = 1000
_PHRASE = re.compile(r'"([^"]*)"|«([^»]*)»')


@dataclass(frozen=True)
class Term:
    text: str
    phrase: bool = False


def terms_of(query: str) -> list[Term]:
    """The words and phrases of what the user typed, cleaned of control characters."""
    cleaned = "".join(" " if ch < " " or "\x7f" <= ch < "\xa0" else ch for ch in query)
    found: list[Term] = []
    position = 0
    for match in _PHRASE.finditer(cleaned):
        found.extend(Term(word) for word in cleaned[position : match.start()].split())
        phrase = " ".join((match.group(1) or match.group(2) or "").split())
        if phrase:
            found.append(Term(phrase, phrase=True))
        position = match.end()
    # An unclosed quote is an ordinary character of the words after it.
    found.extend(Term(word) for word in cleaned[position:].split())
    # Words with no letter or digit are nothing to FTS5 (its tokenizer drops them).
    return [term for term in found if any(ch.isalnum() for ch in term.text)][:MAX_TERMS]


def fts_query(query: str) -> str:
    """The FTS5 MATCH expression for `query`; empty when it holds no word to search for."""
    terms = terms_of(query)
    parts = ['"' + term.text.replace('"', '""') + '"' for term in terms]
    if terms and not terms[-1].phrase:
        parts[-1] += "*"
    return " ".join(parts)


@dataclass(frozen=True)
class Hit:
    kind: str
    id: str
    meeting_id: str | None
    meeting_title: str
    meeting_date: str
    organisation: str
    question_key: str
    author: str
    segments: tuple[Segment, ...] = field(default=())

    @property
    def snippet(self) -> str:
        return "".join(segment.text for segment in self.segments)

    def marked(self, start: str = "**", end: str = "**") -> str:
        """The snippet with each match between `start` and `end`."""
        return "".join(
            f"{start}{segment.text}{end}" if segment.matched else segment.text
            for segment in self.segments
        )

    def as_dict(self) -> dict[str, Any]:
        result = asdict(self)
        del result["segments"]
        result["snippet"] = self.marked()
        return result


def _scope(
    kinds: tuple[str, ...], journey_id: str | None, meeting_id: str | None
) -> tuple[str, list[Any]]:
    """The conditions on `d` (a document) for the chosen kinds, journey and meeting."""
    conditions = []
    parameters: list[Any] = []
    if kinds:
        conditions.append(f"d.kind IN ({', '.join('?' * len(kinds))})")
        parameters.extend(kinds)
    # A service has no meeting of its own: it belongs to the meetings that mention it.
    mentioned = (
        "(d.kind = 'service' AND EXISTS (SELECT 1 FROM service_mention sm "
        "JOIN meeting sx ON sx.id = sm.meeting_id WHERE resolved_service(sm.service_id) = d.record_id "
        "AND sm.deleted = 0 AND {test}))"
    )
    if meeting_id is not None:
        test = "sx.id = ?"
        conditions.append(f"(d.meeting_id = ? OR {mentioned.format(test=test)})")
        parameters.extend([meeting_id, meeting_id])
    if journey_id is not None:
        test = "sx.journey_id = ?"
        conditions.append(
            "(EXISTS (SELECT 1 FROM meeting j WHERE j.id = d.meeting_id AND j.journey_id = ?) "
            f"OR {mentioned.format(test=test)})"
        )
        parameters.extend([journey_id, journey_id])
    return " AND ".join(conditions) or "1", parameters


_ORGANISATIONS = (
    "(SELECT group_concat(name, ', ') FROM (SELECT DISTINCT o.id, "
    "coalesce(nullif(o.short_name, ''), o.name) AS name FROM meeting_organisation mo "
    "JOIN organisation o ON o.id = resolved_organisation(mo.organisation_id) "
    "WHERE mo.meeting_id = h.meeting_id AND mo.deleted = 0 ORDER BY name))"
)
_OWNER = (
    "(SELECT o.name FROM service s JOIN organisation o ON o.id = resolved_organisation(s.owner_id) "
    "WHERE s.id = h.record_id)"
)


def search(
    connection: sqlite3.Connection,
    query: str,
    *,
    limit: int = 50,
    kinds: tuple[str, ...] = (),
    journey_id: str | None = None,
    meeting_id: str | None = None,
) -> list[Hit]:
    """The best `limit` hits for `query`, best first (bm25); none for a query with no words."""
    expression = fts_query(query)
    if not expression or limit <= 0:
        return []
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown kinds: {sorted(unknown)}")
    register(connection)  # references to joined records read as the records they joined
    where, parameters = _scope(kinds, journey_id, meeting_id)
    # Without a filter FTS5 ranks alone, with no lookup per match. Newest first (an edited
    # record is indexed anew, so its rowid is new), then the window is ranked by bm25.
    join = "JOIN search_doc d ON d.id = search_fts.rowid" if parameters else ""
    window = connection.execute(
        f"SELECT search_fts.rowid, search_fts.rank FROM search_fts {join} "
        f"WHERE search_fts MATCH ? AND {where} ORDER BY search_fts.rowid DESC LIMIT ?",
        [expression, *parameters, RANK_WINDOW],
    ).fetchall()
    ranked = [rowid for rowid, _rank in sorted(window, key=lambda row: (row[1], -row[0]))]
    ranked = ranked[: min(limit, MAX_LIMIT)]
    if not ranked:
        return []
    marks = ", ".join("?" * len(ranked))
    rows = connection.execute(
        "SELECT h.id, h.kind, h.record_id, h.meeting_id, coalesce(m.title, ''), "
        f"coalesce(m.date, ''), coalesce(CASE WHEN h.kind = 'service' THEN {_OWNER} "
        f"ELSE {_ORGANISATIONS} END, ''), h.question_key, h.author, h.body "
        f"FROM search_doc h LEFT JOIN meeting m ON m.id = h.meeting_id WHERE h.id IN ({marks})",
        ranked,
    ).fetchall()
    order = {rowid: index for index, rowid in enumerate(ranked)}
    rows.sort(key=lambda row: order[row[0]])
    terms = terms_of(query)
    words = [words_of(term.text) for term in terms]
    prefix = bool(terms) and not terms[-1].phrase
    return [
        Hit(
            kind=kind,
            id=record_id,
            meeting_id=meeting,
            meeting_title=title,
            meeting_date=date,
            organisation=organisation,
            question_key=question_key,
            author=author,
            segments=snippet_segments(body, words, prefix),
        )
        for _rowid, kind, record_id, meeting, title, date, organisation, question_key, author, body in rows
    ]


def matching_service_ids(connection: sqlite3.Connection, query: str) -> set[str]:
    """Ids of the services whose own text, or a remark on a mention of them, matches `query`.

    A filter for the catalogue: unranked and unlimited.
    """
    expression = fts_query(query)
    if not expression:
        return set()
    register(connection)
    rows = connection.execute(
        "SELECT CASE d.kind WHEN 'service' THEN d.record_id ELSE resolved_service(sm.service_id) END "
        "FROM search_fts JOIN search_doc d ON d.id = search_fts.rowid "
        "LEFT JOIN service_mention sm ON d.kind = 'mention' AND sm.id = d.record_id "
        "WHERE search_fts MATCH ? AND d.kind IN ('service', 'mention')",
        (expression,),
    )
    return {service_id for (service_id,) in rows if service_id}


def resolve(connection: sqlite3.Connection, table: str, ref: str, kind: str) -> str:
    """The id of the one live `table` row whose id is `ref` or starts with it."""
    ref = ref.strip()
    if ref:
        exact = connection.execute(
            f'SELECT id FROM "{table}" WHERE id = ? AND deleted = 0', (ref,)
        ).fetchone()
        if exact:
            return str(exact[0])
        pattern = ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        matches = [
            row[0]
            for row in connection.execute(
                f"SELECT id FROM \"{table}\" WHERE id LIKE ? ESCAPE '\\' AND deleted = 0 LIMIT 6",
                (pattern,),
            )
        ]
        if len(matches) == 1:
            return str(matches[0])
        if matches:
            shown = ", ".join(match[:8] for match in matches[:5])
            raise NotFoundError("ambiguous", kind=kind, ref=ref, matches=shown)
    raise NotFoundError("not_found", kind=kind, ref=ref)
