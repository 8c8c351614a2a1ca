"""Opening the hub: the address without its password, a short connect timeout, one-line errors.

Passwords come from libpq only (PGPASSWORD, ~/.pgpass, a service file). An address that holds
one anyway is used, but what is stored or printed never carries it: `stored` drops it and
`shown` masks it. This is the only network connection innsikt ever opens.
"""

from __future__ import annotations

import os
import re
import threading
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


def _attempts(address: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """The addresses to try, one after the other (several hosts in the address, a name with
    an IPv4 and an IPv6 address), each with its address looked up: within CONNECT_TIMEOUT.

    libpq's connect timeout does not cover the name lookup (psycopg does it, with the
    system's resolver, which may wait 30 s and more for a DNS server that does not answer):
    it runs on a thread of its own, given up when the time is out.
    """
    import psycopg

    found: list[Any] = []

    def look_up() -> None:
        try:
            found.append(psycopg.conninfo.conninfo_attempts(params))
        except psycopg.OperationalError as error:  # no name resolves
            found.append(error)

    lookup = threading.Thread(target=look_up, name="hub-lookup", daemon=True)
    lookup.start()
    lookup.join(CONNECT_TIMEOUT)
    if not found:
        from models.text import t

        host = params.get("host") or ""
        slow = t("hub_lookup_slow", host=host, seconds=CONNECT_TIMEOUT)
        raise HubError("hub_unreachable", address=shown(address), reason=slow)
    if isinstance(found[0], psycopg.Error):
        raise HubError("hub_unreachable", address=shown(address), reason=reason(found[0]))
    return found[0]


def connect(address: str) -> Any:
    """A connection to the hub, or one line saying why not (within about CONNECT_TIMEOUT
    seconds for the name lookup and as much for the connect)."""
    import psycopg
    from psycopg.conninfo import make_conninfo
    from psycopg.types.string import TextLoader

    try:
        params = psycopg.conninfo.conninfo_to_dict(address)
    except psycopg.ProgrammingError as error:
        raise HubError("hub_bad_address", address=shown(address)) from error
    attempts = _attempts(address, params)
    # CONNECT_TIMEOUT shared by the addresses, each given its own timeout by libpq: an
    # unreachable hub is given up within about CONNECT_TIMEOUT in all.
    per_attempt = max(MIN_ATTEMPT_TIMEOUT, CONNECT_TIMEOUT // len(attempts))
    connection, failure = None, None
    for attempt in attempts:  # looked up: psycopg does not look the names up again
        try:
            connection = psycopg.connect(
                make_conninfo("", **attempt),
                connect_timeout=per_attempt,
                application_name="innsikt",
                options="-c DateStyle=ISO -c TimeZone=UTC",
            )
            break
        except psycopg.Error as error:
            failure = error
    if connection is None:
        assert failure is not None  # psycopg gives at least one attempt or raises
        raise HubError("hub_unreachable", address=shown(address), reason=reason(failure))
    # The hub gives back JSON and dates as the text it was given, as the laptop stores them.
    for name in ("json", "date"):
        connection.adapters.register_loader(name, TextLoader)
    return connection


def lost(address: str, error: Exception) -> HubError:
    """The connection failed while syncing: the hub rolled back, the laptop is as it was."""
    return HubError("hub_lost", address=shown(address), reason=reason(error))
