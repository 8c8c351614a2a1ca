"""The fields of a service stored as JSON lists (read back as lists, written from lists).

Apart from models/service_fields.py, whose dataclass the search index (and so `innsikt check`)
need not import.
"""

from __future__ import annotations

SERVICE_LISTS = ("regions", "user_groups", "equipment", "connectivity")
