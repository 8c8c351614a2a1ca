"""How each field of a service is worded in documents and spreadsheets."""

from __future__ import annotations

import re
from collections.abc import Callable

from models.tables import Organisation, Service


def service_order(service: Service) -> tuple[list[tuple[int, str]], str]:
    """Sort key: by name as a reader sorts, «Radio 2» before «Radio 10»."""
    parts = re.split(r"(\d+)", service.name.casefold())
    return [(int(p), "") if p.isdigit() else (-1, p) for p in parts if p], service.id


def joined(values: list[str]) -> str:
    return ", ".join(value for value in values if value)


def owner_name(service: Service, organisations: dict[str, Organisation]) -> str:
    owner = organisations.get(service.owner_id or "")
    return owner.name if owner else ""


def owner_short_name(service: Service, organisations: dict[str, Organisation]) -> str:
    """The owner's short name where it has one: narrow table columns keep whole words."""
    owner = organisations.get(service.owner_id or "")
    return (owner.short_name or owner.name) if owner else ""


def users(service: Service) -> str:
    groups = joined(service.user_groups)
    count = service.user_count.strip()
    if count and count[0].isdigit():
        count = f"ca. {count}"  # a bare number is an estimate; «ca. 3 000 ansatte» says so itself
    if count:
        return f"{groups} ({count})" if groups else count
    return groups


def criticality(service: Service) -> str:
    if service.criticality and service.criticality_assessment:
        return f"{service.criticality} ({service.criticality_assessment})"
    return service.criticality


def nodnett(service: Service) -> str:
    if service.nodnett_dependency and service.nodnett_dependency_text:
        return f"{service.nodnett_dependency} – {service.nodnett_dependency_text}"
    return service.nodnett_dependency or service.nodnett_dependency_text


def service_regions(service: Service, organisations: dict[str, Organisation]) -> list[str]:
    """The regions a service is used in: its own list, and its owner's region."""
    regions = [region for region in service.regions if region]
    owner = organisations.get(service.owner_id or "")
    if owner and owner.region and owner.region not in regions:
        regions.append(owner.region)
    return regions


Getter = Callable[[Service, dict[str, Organisation]], str]

# Every field of a service, in the guide's order, with its spreadsheet heading.
SERVICE_COLUMNS: tuple[tuple[str, Getter, float], ...] = (
    ("Navn", lambda s, o: s.name, 32),
    ("Beskrivelse", lambda s, o: s.description, 48),
    ("Eier", owner_name, 28),
    ("Regioner", lambda s, o: joined(s.regions), 24),
    ("Status", lambda s, o: s.status, 16),
    ("Brukergrupper", lambda s, o: joined(s.user_groups), 36),
    ("Antall brukere", lambda s, o: s.user_count, 14),
    ("Utstyr", lambda s, o: joined(s.equipment), 36),
    ("Tilkobling", lambda s, o: joined(s.connectivity), 36),
    ("Kritikalitet", lambda s, o: s.criticality, 18),
    ("Vurdering av kritikalitet", lambda s, o: s.criticality_assessment, 26),
    ("Utvikles av", lambda s, o: s.developed_by, 22),
    ("Innføres av", lambda s, o: s.introduced_by, 22),
    ("Driftes av", lambda s, o: s.operated_by, 22),
    ("Forvaltes av", lambda s, o: s.managed_by, 22),
    ("Leverandører", lambda s, o: s.suppliers, 24),
    ("Avhengighet til dagens Nødnett", lambda s, o: s.nodnett_dependency, 16),
    ("Beskrivelse av avhengighet", lambda s, o: s.nodnett_dependency_text, 40),
    ("Betydning for nytt nødnett", lambda s, o: s.new_nodnett_relevance, 40),
    ("Planer", lambda s, o: s.plans, 40),
    ("Måldato for planer", lambda s, o: s.plans_target_date, 14),
    ("Reserveløsning", lambda s, o: s.fallback, 36),
    ("Kontaktperson", lambda s, o: s.contact_person, 24),
)


# --- the services × regions matrix (report and workbook) ---

PLANNED_STATUSES = ("planlagt", "under utvikling")
IN_USE_MARK, PLANNED_MARK = "●", "○"


def planned(service: Service) -> bool:
    """Not in use yet: planned or being developed."""
    return service.status in PLANNED_STATUSES


def matrix_regions(services: list[Service], organisations: dict[str, Organisation]) -> list[str]:
    """The regions any of `services` is used in, in the vocabulary's order."""
    from models.vocabulary import REGIONS

    present = {r for s in services for r in service_regions(s, organisations)}
    return [r for r in REGIONS if r in present] + sorted(present - set(REGIONS))


def iso_to_table_date(text: str) -> str:
    """«2028-06-30» → «30.06.2028» (tables write dates one way); other text is kept."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text.strip())
    return f"{match[3]}.{match[2]}.{match[1]}" if match else text
