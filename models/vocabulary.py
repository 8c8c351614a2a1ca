"""Canonical organisations and health regions, shared by pickers, reports and the demo."""

from __future__ import annotations

from dataclasses import dataclass

# The four regional health trusts plus "nasjonal" for national bodies, in the order reports use.
REGIONS: tuple[str, ...] = (
    "Helse Sør-Øst",
    "Helse Midt-Norge",
    "Helse Vest",
    "Helse Nord",
    "nasjonal",
)


@dataclass(frozen=True)
class KnownOrganisation:
    """An organisation the journeys meet, with the label guide question A1 uses for it."""

    name: str
    short_name: str
    region: str
    guide_choice: str


ORGANISATIONS: tuple[KnownOrganisation, ...] = (
    KnownOrganisation("Sykehuspartner HF", "Sykehuspartner", "Helse Sør-Øst", "Sykehuspartner HF"),
    KnownOrganisation("HEMIT HF", "HEMIT", "Helse Midt-Norge", "HEMIT HF"),
    KnownOrganisation("Helse Vest IKT", "HVIKT", "Helse Vest", "Helse Vest IKT"),
    KnownOrganisation("Helse Nord IKT", "HN IKT", "Helse Nord", "Helse Nord IKT"),
    KnownOrganisation("Norsk Helsenett SF", "NHN", "nasjonal", "Norsk Helsenett SF"),
    KnownOrganisation(
        "HDO – Helsetjenestens driftsorganisasjon for nødnett HF",
        "HDO",
        "nasjonal",
        "HDO (Helsetjenestens driftsorganisasjon for nødnett HF)",
    ),
)


def known_organisation(name: str) -> KnownOrganisation | None:
    """The canonical organisation called `name` (full or short name, or its A1 label)."""
    wanted = name.strip().casefold()
    for organisation in ORGANISATIONS:
        labels = (organisation.name, organisation.short_name, organisation.guide_choice)
        if wanted in (label.casefold() for label in labels):
            return organisation
    return None
