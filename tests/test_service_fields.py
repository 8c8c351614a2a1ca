"""A service's fields are listed once (models/service_fields.py); the table and every reader agree."""

from __future__ import annotations

from dataclasses import fields

from models import search_index
from models.demo.specs import ServiceSpec, demo_content
from models.service_fields import SERVICE_FIELDS, SERVICE_LISTS
from models.services_read import ServiceRecord
from models.tables import Service


def test_the_shared_fields_are_the_tables_content_fields_but_name_and_owner_in_its_order() -> None:
    assert ("name", "owner_id", *SERVICE_FIELDS) == (
        "name",
        "owner_id",
        *(name for name in Service.content_fields if name not in ("name", "owner_id")),
    )
    assert set(SERVICE_LISTS) <= set(SERVICE_FIELDS)


def test_the_exports_record_and_the_demos_spec_have_every_field_of_a_service() -> None:
    assert {f.name for f in fields(ServiceRecord)} == {"id", *Service.content_fields}
    assert {f.name for f in fields(ServiceSpec)} == {"key", "owner", *Service.content_fields} - {
        "owner_id"
    }


def test_the_demo_services_read_their_lists_as_tuples() -> None:
    for spec in demo_content().services:
        assert all(isinstance(getattr(spec, name), tuple) for name in SERVICE_LISTS)


def test_the_search_index_reads_every_field_of_a_service_but_its_owner() -> None:
    [source] = [s for s in search_index.SOURCES if s.kind == "service"]
    assert set(source.watched) == {"name", *SERVICE_FIELDS}
