"""The parts a person plays in a meeting, stored as their Norwegian names."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """A participation's role; a StrEnum so that the stored values stay the plain strings."""

    PARTICIPANT = "deltaker"
    FACILITATOR = "fasilitator"
    NOTE_TAKER = "referent"
    CHAIR = "møteleder"
    ABSENT = "forfall"
    OBSERVER = "observatør"
    COPY = "kopi"


# The roles a participant line may start with («forfall: Navn, …»); no prefix means PARTICIPANT.
LINE_ROLES = (Role.CHAIR, Role.ABSENT, Role.OBSERVER, Role.COPY)
# The roles shown on the set-up's participant lines, in the order they are listed.
LINE_ROLES_SHOWN = (Role.PARTICIPANT, *LINE_ROLES)
