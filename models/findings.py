"""DSB's questions to the journey, on which the project lead writes the report's «Hovedfunn»."""

from __future__ import annotations

# In the report's order; each key is a `finding.topic`.
TOPICS: tuple[str, ...] = (
    "tjenester",
    "brukere",
    "utstyr",
    "kritikalitet",
    "nodnett",
    "planer",
    "forvaltning",
)
