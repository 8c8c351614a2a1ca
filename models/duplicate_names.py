"""Likely duplicates (services, organisations, people recorded twice), found by name with plain
sqlite3, so that listing them needs no ORM.

Names are compared with rapidfuzz after folding case, punctuation and legal forms («HEMIT HF» and
«Hemit» are one name); for services, the same owner or a mention in the same meeting makes a
weaker name match worth offering. Joining two into one is models/sync/duplicates.py.
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, utils

from models.erasure import ERASED
from models.text import t

LEGAL_FORMS = re.compile(r"\b(hf|sf|as|asa|iks|ks|da|ans)\b")
# Shared little words made every «X for Y» look like every «Z for W».
SMALL_WORDS = re.compile(r"\b(og|for|i|av|til|med|fra|på|om|en|et|ei)\b")
PART_SHARE = 0.6
PART_DISCOUNT = 0.9
NAME_ONLY = 85.0  # a name this similar is offered on its own
WITH_SIGNAL = 80.0  # a service name this similar is offered when another signal agrees
PERSON_NAME = 90.0  # people's names are short: «Kari Nordmann» and «Ola Nordmann» score 80
SIGNAL_BONUS = 5.0
PREFIX = 4  # a word's first letters are a blocking key too: «nordman» meets «nordmann»
TYPO_WORD = 12  # words up to this long also meet with one letter left out
MAX_BLOCK = 100  # names sharing a key beyond this are not compared for that key alone


@dataclass(frozen=True)
class DuplicatePair:
    """Two records that are probably the same thing, with why we think so."""

    kind: str  # "service", "organisation" or "person"
    first_id: str
    first_name: str
    second_id: str
    second_name: str
    score: float
    reasons: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def fold(name: str) -> str:
    """A name with case, punctuation, legal forms and little words folded away."""
    folded = utils.default_process(name)
    return " ".join(SMALL_WORDS.sub(" ", LEGAL_FORMS.sub(" ", folded)).split())


def _keys(folded: str) -> set[str]:
    """The blocking keys of a folded name: its words, their first letters, and each word with
    one letter left out, so that two names meet when they share a word give or take one typo
    («a12» and «b12» both give «12»)."""
    keys: set[str] = set()
    for word in folded.split():
        keys.add(word)
        if len(word) > PREFIX:
            keys.add(word[:PREFIX])
        if 2 < len(word) <= TYPO_WORD:
            keys.update(word[:cut] + word[cut + 1 :] for cut in range(len(word)))
    return keys


def _all_pairs(count: int) -> Iterator[tuple[int, int]]:
    for first in range(count):
        for second in range(first + 1, count):
            yield first, second


def _blocked_pairs(folded: list[str], touched: Iterable[int]) -> list[tuple[int, int]]:
    """Pairs of one touched name and any name sharing a blocking key with it, each pair once.

    A key shared by more than `MAX_BLOCK` names («tjeneste», «helse») says nothing about two
    names being one: it forms no block, so the work is linear in the number of touched names.
    """
    index: dict[str, list[int]] = defaultdict(list)
    for position, name in enumerate(folded):
        for key in _keys(name):
            index[key].append(position)
    pairs: set[tuple[int, int]] = set()
    for position in touched:
        for key in _keys(folded[position]):
            block = index[key]
            if len(block) > MAX_BLOCK:
                continue
            pairs.update((min(position, other), max(position, other)) for other in block)
    return sorted(pair for pair in pairs if pair[0] != pair[1])


def _similar(
    names: list[str], cutoff: float, touched: Iterable[int] | None = None
) -> list[tuple[int, int, float]]:
    """Pairs of names at least `cutoff` alike (0–100): all pairs, or those of a touched name.

    The whole-name ratio, or, when the shorter name is most of the longer one, how well it
    matches a part of it («Lifex mobil» inside «LifeX mobilklient»), discounted a little.
    """
    folded = [fold(name) for name in names]
    candidates = _all_pairs(len(names)) if touched is None else _blocked_pairs(folded, touched)
    pairs = []
    # Pair by pair rather than rapidfuzz's cdist, which needs numpy, a dependency for this alone.
    for first, second in candidates:
        short, long = sorted((len(folded[first]), len(folded[second])))
        if not short:
            continue
        score = fuzz.ratio(folded[first], folded[second])
        if short >= PART_SHARE * long:
            partial = fuzz.partial_ratio(folded[first], folded[second])
            score = max(score, PART_DISCOUNT * partial)
        if score >= cutoff:
            pairs.append((first, second, score))
    return pairs


@dataclass(frozen=True)
class _Named:
    """A live record as the matching sees it."""

    id: str
    name: str
    owner_id: str | None = None


def _live(connection: sqlite3.Connection, table: str, columns: str = "id, name") -> list[_Named]:
    """The live records of `table`, by name then id (as every listing orders them)."""
    rows = connection.execute(
        f"SELECT {columns} FROM {table} WHERE deleted = 0 ORDER BY name, id"
    ).fetchall()
    return [_Named(*row) for row in rows]


def _positions(items: list[_Named], among: set[str] | None) -> list[int] | None:
    if among is None:
        return None
    return [position for position, item in enumerate(items) if item.id in among]


def _service_pairs(
    connection: sqlite3.Connection, among: set[str] | None = None
) -> list[DuplicatePair]:
    services = _live(connection, "service", "id, name, owner_id")
    meetings: dict[str, set[str]] = defaultdict(set)
    for service_id, meeting_id in connection.execute(
        "SELECT service_id, meeting_id FROM service_mention WHERE deleted = 0"
    ):
        meetings[service_id].add(meeting_id)
    pairs = []
    names = [service.name for service in services]
    for first, second, score in _similar(names, WITH_SIGNAL, _positions(services, among)):
        one, other = services[first], services[second]
        reasons = [t("duplicates_reason_name", score=round(score))]
        if one.owner_id and one.owner_id == other.owner_id:
            reasons.append(t("duplicates_reason_owner"))
        if meetings[one.id] & meetings[other.id]:
            reasons.append(t("duplicates_reason_meeting"))
        if score < NAME_ONLY and len(reasons) == 1:
            continue
        total = min(100.0, score + SIGNAL_BONUS * (len(reasons) - 1))
        pairs.append(
            DuplicatePair("service", one.id, one.name, other.id, other.name, total, tuple(reasons))
        )
    return pairs


def _name_pairs(
    connection: sqlite3.Connection,
    table: str,
    kind: str,
    cutoff: float,
    among: set[str] | None = None,
) -> list[DuplicatePair]:
    items = _live(connection, table)
    names = [item.name for item in items]
    return [
        DuplicatePair(
            kind,
            items[first].id,
            items[first].name,
            items[second].id,
            items[second].name,
            score,
            (t("duplicates_reason_name", score=round(score)),),
        )
        for first, second, score in _similar(names, cutoff, _positions(items, among))
    ]


def find_duplicates(
    connection: sqlite3.Connection, among: Mapping[str, set[str]] | None = None
) -> list[DuplicatePair]:
    """Likely duplicate services, organisations and people, most likely first.

    Every pair, or with `among` (table → ids, such as the records a merge added or renamed:
    `MergeSummary.touched`) only pairs with one of those, found by blocking on name words so
    that the work grows with the records touched, not with the square of all of them.
    """

    def subset(table: str) -> set[str] | None:
        return None if among is None else set(among.get(table, ()))

    pairs = (
        _service_pairs(connection, subset("service"))
        + _name_pairs(connection, "organisation", "organisation", NAME_ONLY, subset("organisation"))
        + _name_pairs(connection, "person", "person", PERSON_NAME, subset("person"))
    )
    # Erased people all bear one name; they are not duplicates of each other.
    pairs = [pair for pair in pairs if ERASED not in (pair.first_name, pair.second_name)]
    return sorted(pairs, key=lambda pair: (-pair.score, pair.kind, pair.first_name))


def read_duplicates(
    path: Path | str, among: Mapping[str, set[str]] | None = None
) -> list[DuplicatePair]:
    """`find_duplicates` on the database file at `path`, read-only."""
    from models.read import reading

    with reading(path) as connection:
        return find_duplicates(connection, among)
