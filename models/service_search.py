"""Finding services: choices for the picker, fuzzy ranking, likely retyped names, filters, sorting."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from models.queries import ServiceRow, organisation_names
from models.records import live
from models.tables import (
    CRITICALITIES,
    NODNETT_DEPENDENCIES,
    SERVICE_STATUSES,
    Service,
)


@dataclass(frozen=True)
class ServiceChoice:
    """A service as offered when linking one to a meeting."""

    id: str
    name: str
    owner: str


def service_choices(session: Session) -> list[ServiceChoice]:
    """Every live service with its owner's name, by name."""
    owners = organisation_names(session)
    choices = [
        ServiceChoice(service.id, service.name, owners.get(service.owner_id or "", ""))
        for service in session.exec(live(Service)).all()
    ]
    return sorted(choices, key=lambda choice: choice.name.casefold())


def rank_services(
    choices: list[ServiceChoice], query: str, *, limit: int = 50
) -> list[ServiceChoice]:
    """The choices whose name is like `query` (fuzzy, typos allowed), best first.

    A blank query keeps every choice in its order; the search runs in memory so that the
    picker can filter on every keystroke.
    """
    from rapidfuzz import fuzz, process, utils

    query = query.strip()
    if not query:
        return choices[:limit]
    found = process.extract(
        query,
        [choice.name for choice in choices],
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        score_cutoff=60,
        limit=None,
    )
    # Equal scores keep the alphabetical order of `choices`.
    found.sort(key=lambda hit: (-hit[1], hit[2]))
    return [choices[index] for _name, _score, index in found[:limit]]


def _name_likeness(first: str, second: str, **_: Any) -> float:
    """How alike two processed names are as a whole, ignoring word order and spaces."""
    from rapidfuzz import fuzz

    joined = fuzz.ratio(first.replace(" ", ""), second.replace(" ", ""))
    return max(fuzz.token_sort_ratio(first, second), joined)


def similar_services(
    choices: list[ServiceChoice], name: str, *, limit: int = 3
) -> list[ServiceChoice]:
    """Services whose whole name is close to `name`: likely the same service typed again.

    Stricter than `rank_services`: a shared word («mobil») is not enough, the names must be
    alike as a whole (spelling, spacing, hyphens, word order).
    """
    from rapidfuzz import process, utils

    if len(name.strip()) < 4:
        return []
    found = process.extract(
        name,
        [choice.name for choice in choices],
        scorer=_name_likeness,
        processor=utils.default_process,
        score_cutoff=85,
        limit=limit,
    )
    return [choices[index] for _name, _score, index in found]


@dataclass(frozen=True)
class ServiceFilter:
    """What the catalogue shows; None means any value."""

    owner: str | None = None
    status: str | None = None
    criticality: str | None = None
    nodnett_dependency: str | None = None

    def matches(self, row: ServiceRow) -> bool:
        wanted = (
            (self.owner, row.owner),
            (self.status, row.status),
            (self.criticality, row.criticality),
            (self.nodnett_dependency, row.nodnett_dependency),
        )
        return all(value is None or value == actual for value, actual in wanted)


def filter_services(rows: Iterable[ServiceRow], service_filter: ServiceFilter) -> list[ServiceRow]:
    return [row for row in rows if service_filter.matches(row)]


SORT_COLUMNS = ("name", "owner", "status", "criticality", "nodnett_dependency", "meetings")
# Ordered columns sort by their meaning (most critical first), not alphabetically.
_RANKS = {
    "status": SERVICE_STATUSES,
    "criticality": CRITICALITIES,
    "nodnett_dependency": tuple(reversed(NODNETT_DEPENDENCIES)),
}


def sort_services(
    rows: Iterable[ServiceRow], column: str, *, descending: bool = False
) -> list[ServiceRow]:
    """`rows` sorted by `column` (one of SORT_COLUMNS); blanks last either way, ties by name."""
    if column not in SORT_COLUMNS:
        raise ValueError(column)

    def key(row: ServiceRow) -> Any:
        value = getattr(row, column)
        if column == "meetings":
            return value
        if column in _RANKS:
            ranks = _RANKS[column]
            return ranks.index(value) if value in ranks else len(ranks)
        return value.casefold()

    present = [row for row in rows if getattr(row, column) not in ("", None)]
    blank = [row for row in rows if getattr(row, column) in ("", None)]
    by_name = sorted(present, key=lambda row: row.name.casefold())
    ordered = sorted(by_name, key=key, reverse=descending)
    return ordered + sorted(blank, key=lambda row: row.name.casefold())
