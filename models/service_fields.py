"""A service's fields besides its id, name and owner: one dataclass, shared by every plain reader.

`models.tables.Service` is the table; the services export's reader (models/services_read.py)
and the demo's content (models/demo/specs.py) build on `ServiceFields`, so that a field added to
the table is added here once (tests/test_services_read.py checks the three agree). No ORM here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

from models.service_lists import SERVICE_LISTS as SERVICE_LISTS  # the fields stored as lists


@dataclass(frozen=True, kw_only=True)
class ServiceFields:
    """Every field of a service but its id, name and owner, in the table's order."""

    description: str
    regions: Sequence[str]
    status: str
    user_groups: Sequence[str]
    user_count: str
    equipment: Sequence[str]
    connectivity: Sequence[str]
    criticality: str
    criticality_assessment: str
    developed_by: str
    introduced_by: str
    operated_by: str
    managed_by: str
    suppliers: str
    nodnett_dependency: str
    nodnett_dependency_text: str
    new_nodnett_relevance: str
    plans: str
    plans_target_date: str
    fallback: str
    contact_person: str


SERVICE_FIELDS: tuple[str, ...] = tuple(field.name for field in fields(ServiceFields))
