"""How many examples a property test tries: enough for the everyday run, many more by hand.

`HYPOTHESIS_PROFILE=thorough python -m pytest …` loads the thorough profile (registered in
tests/conftest.py) and gives every property test its thorough count; the everyday run (and CI)
tries the quick count of the same derandomised examples, so it stays fast and deterministic.
"""

from __future__ import annotations

import os

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "default")
THOROUGH = PROFILE == "thorough"


def examples(quick: int, thorough: int) -> int:
    """`quick` in the everyday run, `thorough` with HYPOTHESIS_PROFILE=thorough."""
    return thorough if THOROUGH else quick
