"""The fixed values of the records' fields (no ORM here: documents read them without it)."""

from __future__ import annotations

from models.roles import Role

MEETING_ROLES = tuple(role.value for role in Role)
SERVICE_STATUSES = ("i drift", "under utvikling", "planlagt", "utfases")
CRITICALITIES = ("oppdragskritisk", "virksomhetskritisk", "viktig", "lav", "ukjent")
CRITICALITY_ASSESSMENTS = ("foreløpig", "avklart med operativt miljø")
NODNETT_DEPENDENCIES = ("ingen", "delvis", "full")
FOLLOWUP_STATUSES = ("åpen", "pågår", "lukket")
QUESTION_STATES = ("", "hoppet over", "ikke relevant")
