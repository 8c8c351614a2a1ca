"""Property: laptops syncing through the hub and swapping files end as file merges alone would."""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.hub.connection import connect
from models.hub.schema import init_hub
from models.hub.sync import sync_hub
from tests.hub.support import hub_content, merged_content
from tests.merge.laptops import content
from tests.merge.test_merge_properties import LAPTOP, OPERATION, apply, history

# The file-merge history's operations (edits, notes, joins, resolutions, erasures, snapshots
# handed over, clock skew), and a laptop syncing with the hub.
WITH_HUB = st.one_of(
    OPERATION, st.tuples(st.just("hub"), LAPTOP), st.tuples(st.just("hub"), LAPTOP)
)
HISTORY = st.lists(WITH_HUB, min_size=1, max_size=12)
# Derandomised in the suite; INNSIKT_HUB_EXAMPLES=500 explores new random histories by hand.
THOROUGH = int(os.environ.get("INNSIKT_HUB_EXAMPLES", "0"))
SETTINGS = settings(
    max_examples=THOROUGH or 12,
    deadline=None,
    derandomize=not THOROUGH,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)


def _fresh_hub(url: str) -> None:
    connection = connect(url)
    try:
        connection.execute("DROP SCHEMA public CASCADE")
        connection.execute("CREATE SCHEMA public")
        connection.commit()
        init_hub(connection, url)
    finally:
        connection.close()


@SETTINGS
@given(HISTORY)
def test_any_mix_of_hub_syncs_and_file_merges_converges_to_the_file_merge_result(
    hub_url: str, operations: list[tuple[Any, ...]]
) -> None:
    _fresh_hub(hub_url)
    with history([]) as (folder, laptops):
        for operation in operations:
            if operation[0] == "hub":
                sync_hub(laptops[operation[1]].db, hub_url)
            else:
                apply(laptops, operation)
        a, b, c = laptops
        # What file merges alone make of the laptops as they are now (hub syncs included) ...
        expected = merged_content(folder, a, b, c)
        # ... is what every laptop holds after each has synced with the hub (twice round).
        for laptop in (a, b, c, a, b):
            sync_hub(laptop.db, hub_url)
        for laptop in laptops:
            assert content(laptop.db.path) == expected
        assert hub_content(hub_url, folder) == expected
