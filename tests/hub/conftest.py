"""A throwaway PostgreSQL server for the session, and a fresh hub database for each test."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from tests.hub.server import Server, remove, start_server, why_not

_names = itertools.count(1)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Server]:
    reason = why_not()
    if reason:
        pytest.skip(f"no PostgreSQL for the hub tests: {reason}")
    server = start_server()
    try:
        yield server
    finally:
        remove(server)


@pytest.fixture
def hub_url(pg_server: Server, worker_id: str) -> Iterator[str]:
    """The URL of a new, empty database on the session's server (not initialised as a hub)."""
    name = f"hub_{worker_id}_{next(_names)}"
    yield pg_server.create_database(name)
    pg_server.drop_database(name)


@pytest.fixture
def hub(hub_url: str) -> str:
    """The URL of a new, initialised hub."""
    from models.hub.connection import connect
    from models.hub.schema import init_hub

    connection = connect(hub_url)
    try:
        init_hub(connection, hub_url)
    finally:
        connection.close()
    return hub_url
