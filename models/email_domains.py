"""Which organisation an e-mail address belongs to, from the domains organisations are known to use.

A domain («hemit.no») points to an organisation when, in this order:
1. the organisation's own `email_domains` list holds it (and no other organisation's does);
2. every person in the database with an address at that domain and an organisation belongs to
   the same organisation (learned from people already recorded);
3. it is one of the public domains of the organisations the journeys meet (`KNOWN_DOMAINS`).
A sub-domain («sub.hemit.no») counts as its parent. Webmail domains never point anywhere. When an
import uses a domain found by rule 2 or 3, it is stored on the organisation, so it is rule 1 the
next time and travels to other laptops with a merge.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlmodel import Session

from models.joins import session_joins
from models.records import live
from models.tables import Organisation, Person

# Public e-mail domains of the organisations in models/vocabulary.py.
KNOWN_DOMAINS: dict[str, str] = {
    "sykehuspartner.no": "Sykehuspartner HF",
    "hemit.no": "HEMIT HF",
    "helse-vest-ikt.no": "Helse Vest IKT",
    "hnikt.no": "Helse Nord IKT",
    "nhn.no": "Norsk Helsenett SF",
    "hdo.no": "HDO – Helsetjenestens driftsorganisasjon for nødnett HF",
}
WEBMAIL = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "live.no",
        "msn.com",
        "yahoo.com",
        "yahoo.no",
        "icloud.com",
        "me.com",
        "online.no",
        "proton.me",
        "protonmail.com",
    }
)


def domain_of(email: str) -> str:
    return email.rpartition("@")[2].strip().lower() if "@" in email else ""


def _candidates(domain: str) -> list[str]:
    """«a.b.hemit.no» → «a.b.hemit.no», «b.hemit.no», «hemit.no»."""
    parts = domain.split(".")
    return [".".join(parts[index:]) for index in range(len(parts) - 1)]


@dataclass
class DomainBook:
    """The domains of one database, read once; `organisation_for` answers per address."""

    organisations: dict[str, Organisation]
    stored: dict[str, set[str]] = field(default_factory=dict)  # domain → organisation ids
    learned: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> DomainBook:
        organisations = {org.id: org for org in session.exec(live(Organisation)).all()}
        stored: dict[str, set[str]] = defaultdict(set)
        for org in organisations.values():
            for domain in org.email_domains:
                stored[domain.lower()].add(org.id)
        learned: dict[str, set[str]] = defaultdict(set)
        joins = session_joins(session)  # a person added unaware of a join counts for the kept one
        for person in session.exec(live(Person)).all():
            domain = domain_of(person.email)
            organisation_id = joins.resolve("organisation", person.organisation_id)
            if domain and organisation_id in organisations:
                learned[domain].add(organisation_id)
        return cls(organisations, dict(stored), dict(learned))

    def lookup(self, email: str) -> tuple[str | None, str, bool]:
        """(organisation id, or None; the matching domain; whether it is already stored)."""
        domain = domain_of(email)
        if not domain or domain in WEBMAIL:
            return None, "", False
        for candidate in _candidates(domain):
            owners = self.stored.get(candidate, set())
            if len(owners) == 1:
                return next(iter(owners)), candidate, True
            if owners:
                return None, "", False  # two organisations claim it: do not guess
        for candidate in _candidates(domain):
            owners = self.learned.get(candidate, set())
            if len(owners) == 1:
                return next(iter(owners)), candidate, False
            if owners:
                return None, "", False
        return None, "", False

    def known_name(self, email: str) -> tuple[str, str]:
        """(organisation name, domain) from the built-in list, or ("", "")."""
        domain = domain_of(email)
        for candidate in _candidates(domain) if domain else []:
            if candidate in KNOWN_DOMAINS:
                return KNOWN_DOMAINS[candidate], candidate
        return "", ""

    def remember(self, organisation_id: str, domain: str) -> None:
        self.stored.setdefault(domain, set()).add(organisation_id)
