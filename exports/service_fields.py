"""How each field of a service is worded in documents and spreadsheets."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from exports.text import label

if TYPE_CHECKING:  # the report reads plain rows of the same fields (models/read_report.py)
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


Getter = Callable[["Service", dict[str, "Organisation"]], str]

# Every field of a service, in the guide's order, with its spreadsheet heading.
SERVICE_COLUMNS: tuple[tuple[str, Getter, float], ...] = (
    (label("column_name"), lambda s, o: s.name, 32),
    (label("column_description"), lambda s, o: s.description, 48),
    (label("column_owner"), owner_name, 28),
    (label("column_regions"), lambda s, o: joined(s.regions), 24),
    (label("column_status"), lambda s, o: s.status, 16),
    (label("column_user_groups"), lambda s, o: joined(s.user_groups), 36),
    (label("column_user_count"), lambda s, o: s.user_count, 14),
    (label("column_equipment"), lambda s, o: joined(s.equipment), 36),
    (label("column_connectivity"), lambda s, o: joined(s.connectivity), 36),
    (label("column_criticality"), lambda s, o: s.criticality, 18),
    (label("column_criticality_assessment"), lambda s, o: s.criticality_assessment, 26),
    (label("column_developed_by"), lambda s, o: s.developed_by, 22),
    (label("column_introduced_by"), lambda s, o: s.introduced_by, 22),
    (label("column_operated_by"), lambda s, o: s.operated_by, 22),
    (label("column_managed_by"), lambda s, o: s.managed_by, 22),
    (label("column_suppliers"), lambda s, o: s.suppliers, 24),
    (label("column_nodnett_dependency"), lambda s, o: s.nodnett_dependency, 16),
    (label("column_nodnett_dependency_text"), lambda s, o: s.nodnett_dependency_text, 40),
    (label("column_new_nodnett_relevance"), lambda s, o: s.new_nodnett_relevance, 40),
    (label("column_plans"), lambda s, o: s.plans, 40),
    (label("column_plans_target_date"), lambda s, o: s.plans_target_date, 14),
    (label("column_fallback"), lambda s, o: s.fallback, 36),
    (label("column_contact_person"), lambda s, o: s.contact_person, 24),
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
