"""Hub addresses: a password in one is never kept and never shown; where the address comes from."""

from __future__ import annotations

import pytest

from models.hub.connection import HubError, chosen, shown, stored


@pytest.mark.parametrize(
    ("address", "kept", "printed"),
    [
        (
            "postgresql://kari:hemmelig@hub.example.no:5433/innsikt?sslmode=verify-full",
            "postgresql://kari@hub.example.no:5433/innsikt?sslmode=verify-full",
            "postgresql://kari:***@hub.example.no:5433/innsikt?sslmode=verify-full",
        ),
        (
            "postgres://kari@hub/innsikt?password=hemmelig&sslmode=require",
            "postgres://kari@hub/innsikt?sslmode=require",
            "postgres://kari@hub/innsikt?password=***&sslmode=require",
        ),
        (
            "host=hub dbname=innsikt password='hemme lig' user=kari",
            "host=hub dbname=innsikt user=kari",
            "host=hub dbname=innsikt password=*** user=kari",
        ),
        ("postgresql://kari@/innsikt?host=/run/pg", None, None),
        ("service=innsikt", None, None),
    ],
)
def test_a_password_is_dropped_for_keeping_and_masked_for_showing(
    address: str, kept: str | None, printed: str | None
) -> None:
    assert stored(address) == (kept or address)
    assert shown(address) == (printed or address)
    assert "hemme" not in stored(address) + shown(address)


def test_the_address_is_the_argument_then_innsikt_hub_then_the_last_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("INNSIKT_HUB", "service=env")
    assert chosen("service=arg", "service=last") == "service=arg"
    assert chosen(None, "service=last") == "service=env"
    monkeypatch.delenv("INNSIKT_HUB")
    assert chosen(None, "service=last") == "service=last"
    with pytest.raises(HubError):
        chosen(None, None)
