"""Opening the hub: the address without its password, a short connect timeout, one-line errors.

Passwords come from libpq only (PGPASSWORD, ~/.pgpass, a service file). An address that holds
one anyway is used, but what is stored or printed never carries it: `stored` drops it and
`shown` masks it. This is the only network connection innsikt ever opens.
"""

from __future__ import annotations

import os
import re
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from models.errors import InnsiktError

CONNECT_TIMEOUT = 5  # seconds: an unreachable hub is reported quickly
MIN_ATTEMPT_TIMEOUT = 2  # seconds for one address (libpq's own least connect_timeout)
ENVIRONMENT = "INNSIKT_HUB"
MASK = "***"


class HubError(InnsiktError):
    """The hub cannot be used: unreachable, not a hub, too old or too new, connection lost."""


def _is_url(address: str) -> bool:
    return address.startswith(("postgresql://", "postgres://"))


def _without_password(address: str, replacement: str | None) -> str:
    if _is_url(address):
        parts = urlsplit(address)
        netloc = parts.netloc
        if "@" in netloc:
            credentials, host = netloc.rsplit("@", 1)
            user, has_password, _ = credentials.partition(":")
            if has_password:
                credentials = user if replacement is None else f"{user}:{replacement}"
            netloc = f"{credentials}@{host}"
        query = [
            (key, value if key != "password" else replacement)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if key != "password" or replacement is not None
        ]
        return urlunsplit(parts._replace(netloc=netloc, query=urlencode(query, safe="/*")))
    # key=value form: password='…' (quoted, with escapes) or password=word
    pattern = r"password\s*=\s*('(?:[^'\\]|\\.)*'|\S+)"
    if replacement is None:
        return re.sub(r"\s*" + pattern, "", address).strip()
    return re.sub(pattern, f"password={replacement}", address)


def stored(address: str) -> str:
    """The address as the laptop may keep it: no password in it."""
    return _without_password(address, None)


def shown(address: str) -> str:
    """The address as it may be printed: a password in it masked."""
    return _without_password(address, MASK)


def chosen(address: str | None, remembered: str | None = None) -> str:
    """The hub's address: the argument, INNSIKT_HUB, or the one this laptop last synced with."""
    for candidate in (address, os.environ.get(ENVIRONMENT), remembered):
        if candidate and candidate.strip():
            return candidate.strip()
    raise HubError("hub_no_address")


def reason(error: Exception) -> str:
    """libpq's own words, first line (it says which host and why), never a password."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    text = lines[0] if lines else type(error).__name__
    for prefix in ("connection failed:", "connection is bad:", "FATAL:", "ERROR:"):
        text = text.removeprefix(prefix).strip()
    return text.rstrip(" .?")


def _timeout_per_attempt(params: dict[str, Any]) -> int:
    """CONNECT_TIMEOUT shared by the addresses libpq will try one after the other (several
    hosts in the address, a name with an IPv4 and an IPv6 address), each given its own
    timeout: so that an unreachable hub is given up within about CONNECT_TIMEOUT in all."""
    import psycopg

    try:
        attempts = len(psycopg.conninfo.conninfo_attempts(params))
    except psycopg.OperationalError:  # no name resolves: the connect says so at once
        attempts = 1
    return max(MIN_ATTEMPT_TIMEOUT, CONNECT_TIMEOUT // max(attempts, 1))


def connect(address: str) -> Any:
    """A connection to the hub, or one line saying why not (within CONNECT_TIMEOUT seconds)."""
    import psycopg
    from psycopg.types.string import TextLoader

    try:
        params = psycopg.conninfo.conninfo_to_dict(address)
    except psycopg.ProgrammingError as error:
        raise HubError("hub_bad_address", address=shown(address)) from error
    try:
        connection = psycopg.connect(
            address,
            connect_timeout=_timeout_per_attempt(params),
            application_name="innsikt",
            options="-c DateStyle=ISO -c TimeZone=UTC",
        )
    except psycopg.Error as error:
        raise HubError("hub_unreachable", address=shown(address), reason=reason(error)) from error
    # The hub gives back JSON and dates as the text it was given, as the laptop stores them.
    for name in ("json", "date"):
        connection.adapters.register_loader(name, TextLoader)
    return connection


def lost(address: str, error: Exception) -> HubError:
    """The connection failed while syncing: the hub rolled back, the laptop is as it was."""
    return HubError("hub_lost", address=shown(address), reason=reason(error))
