"""Likely duplicates (services, organisations, people recorded twice) and joining two into one.

Names are compared with rapidfuzz after folding case, punctuation and legal forms («HEMIT HF» and
«Hemit» are one name); for services, the same owner or a mention in the same meeting makes a
weaker name match worth offering. Joining moves every link of the absorbed record to the kept one
and tombstones the absorbed record, all as ordinary stamped edits, so a join merges to other
laptops like any other change.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from rapidfuzz import fuzz, utils
from sqlmodel import Session, select

from models import records
from models.erasure import ERASED
from models.errors import InnsiktError, NotFoundError
from models.storage import Database
from models.tables import (
    MeetingOrganisation,
    Organisation,
    OrganisationJoin,
    Participation,
    Person,
    PersonJoin,
    Service,
    ServiceJoin,
    ServiceMention,
    Synced,
)
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
LIST_FIELDS = ("regions", "user_groups", "equipment", "connectivity")


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


@dataclass(frozen=True)
class JoinResult:
    kind: str
    kept: str
    absorbed: str
    moved: int  # links moved to the kept record


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


def _positions(items: list[Any], among: set[str] | None) -> list[int] | None:
    if among is None:
        return None
    return [position for position, item in enumerate(items) if item.id in among]


def _service_pairs(session: Session, among: set[str] | None = None) -> list[DuplicatePair]:
    services = list(session.exec(records.live(Service).order_by(Service.name, Service.id)).all())
    meetings: dict[str, set[str]] = defaultdict(set)
    for mention in session.exec(records.live(ServiceMention)).all():
        meetings[mention.service_id].add(mention.meeting_id)
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
    session: Session,
    model: type[Synced],
    kind: str,
    cutoff: float,
    among: set[str] | None = None,
) -> list[DuplicatePair]:
    items = list(session.exec(records.live(model).order_by(model.name, model.id)).all())  # type: ignore[attr-defined]
    names = [item.name for item in items]  # type: ignore[attr-defined]
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


def likely_duplicates(
    session: Session, among: Mapping[str, set[str]] | None = None
) -> list[DuplicatePair]:
    """Likely duplicate services, organisations and people, most likely first.

    Every pair, or with `among` (table → ids, such as the records a merge added or renamed:
    `MergeSummary.touched`) only pairs with one of those, found by blocking on name words so
    that the work grows with the records touched, not with the square of all of them.
    """

    def subset(table: str) -> set[str] | None:
        return None if among is None else set(among.get(table, ()))

    pairs = (
        _service_pairs(session, subset("service"))
        + _name_pairs(session, Organisation, "organisation", NAME_ONLY, subset("organisation"))
        + _name_pairs(session, Person, "person", PERSON_NAME, subset("person"))
    )
    # Erased people all bear one name; they are not duplicates of each other.
    pairs = [pair for pair in pairs if ERASED not in (pair.first_name, pair.second_name)]
    return sorted(pairs, key=lambda pair: (-pair.score, pair.kind, pair.first_name))


# --- joining ------------------------------------------------------------------------------------


def _fill_empty(db: Database, session: Session, kept: Synced, absorbed: Synced) -> None:
    """Fields the kept record lacks are taken from the absorbed one; lists are united."""
    changes: dict[str, Any] = {}
    for name in type(kept).content_fields:
        mine, theirs = getattr(kept, name), getattr(absorbed, name)
        if name in LIST_FIELDS:
            united = list(dict.fromkeys([*mine, *theirs]))
            if united != mine:
                changes[name] = united
        elif mine in ("", None) and theirs not in ("", None):
            changes[name] = theirs
    records.update(db, session, kept, **changes)


def _join_services(db: Database, session: Session, kept: Service, absorbed: Service) -> int:
    moved = 0
    kept_mentions = {
        (mention.meeting_id, mention.question_key): mention
        # Tombstoned mentions too: the unique key holds for them as well.
        for mention in session.exec(
            select(ServiceMention).where(ServiceMention.service_id == kept.id)
        ).all()
    }
    for mention in session.exec(
        records.live(ServiceMention).where(ServiceMention.service_id == absorbed.id)
    ).all():
        twin = kept_mentions.get((mention.meeting_id, mention.question_key))
        if twin is None:
            records.update(db, session, mention, service_id=kept.id)
        else:
            # Both were mentioned under the same question: one mention keeps both remarks.
            remarks = [remark for remark in (twin.remark, mention.remark) if remark]
            if twin.deleted:
                remarks = [mention.remark]
            records.update(
                db, session, twin, remark=" / ".join(dict.fromkeys(remarks)), deleted=False
            )
            records.delete(db, session, mention)
        moved += 1
    records.create(db, session, ServiceJoin, service_id=absorbed.id, into_id=kept.id)
    return moved


def _move_links(
    db: Database,
    session: Session,
    model: type[Synced],
    column: str,
    old: str,
    new: str,
    key: tuple[str, ...] = (),
) -> int:
    """Point `column` of every live `model` record from `old` to `new`, merging twins by key."""
    current = {
        tuple(getattr(item, name) for name in key): item
        for item in session.exec(select(model).where(getattr(model, column) == new)).all()
    }
    moved = 0
    for item in session.exec(records.live(model).where(getattr(model, column) == old)).all():
        twin_key = tuple(new if name == column else getattr(item, name) for name in key)
        if key and twin_key in current:
            records.update(db, session, current[twin_key], deleted=False)
            records.delete(db, session, item)
        else:
            records.update(db, session, item, **{column: new})
        moved += 1
    return moved


def _join_organisations(
    db: Database, session: Session, kept: Organisation, absorbed: Organisation
) -> int:
    old, new = absorbed.id, kept.id
    # The join record makes links other laptops made to the absorbed one follow it when merged.
    records.create(db, session, OrganisationJoin, organisation_id=old, into_id=new)
    return (
        _move_links(db, session, Person, "organisation_id", old, new)
        + _move_links(db, session, Service, "owner_id", old, new)
        + _move_links(
            db,
            session,
            MeetingOrganisation,
            "organisation_id",
            old,
            new,
            ("meeting_id", "organisation_id"),
        )
    )


def _join_people(db: Database, session: Session, kept: Person, absorbed: Person) -> int:
    records.create(db, session, PersonJoin, person_id=absorbed.id, into_id=kept.id)
    return _move_links(
        db,
        session,
        Participation,
        "person_id",
        absorbed.id,
        kept.id,
        ("meeting_id", "person_id", "role"),
    )


KINDS: dict[str, tuple[type[Synced], Any]] = {
    "service": (Service, _join_services),
    "organisation": (Organisation, _join_organisations),
    "person": (Person, _join_people),
}


def _find_pair(session: Session, keep_ref: str, absorb_ref: str) -> tuple[str, Synced, Synced]:
    for kind, (model, _) in KINDS.items():
        label = t(f"duplicates_kind_{kind}")
        try:
            kept = records.resolve(session, model, keep_ref, label)
        except NotFoundError as error:
            if error.message_key == "not_found":
                continue
            raise
        try:
            absorbed = records.resolve(session, model, absorb_ref, label)
        except NotFoundError as error:
            if error.message_key == "not_found":
                raise InnsiktError("duplicates_kinds") from error
            raise
        return kind, kept, absorbed
    raise NotFoundError("not_found", kind=t("duplicates_kind_any"), ref=keep_ref)


def join_records(db: Database, keep_ref: str, absorb_ref: str) -> JoinResult:
    """Join the record `absorb_ref` into `keep_ref` (two services, organisations or people)."""
    with db.transaction() as session:
        kind, kept, absorbed = _find_pair(session, keep_ref, absorb_ref)
        if kept.id == absorbed.id:
            raise InnsiktError("duplicates_same")
        _fill_empty(db, session, kept, absorbed)
        moved = KINDS[kind][1](db, session, kept, absorbed)
        records.delete(db, session, absorbed)
        result = JoinResult(kind, kept.name, absorbed.name, moved)  # type: ignore[attr-defined]
    return result
