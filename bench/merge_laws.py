"""The merge laws' thorough mode: many random histories, every law checked on each, no shrinking.

The property tests in tests/merge/test_merge_properties.py run a few dozen derandomised
histories in CI. This runs N histories from seed S through every one of those laws (merge order
and grouping, idempotence, no value dropped, erasures, tombstones), counts the failures per law
instead of stopping at the first, and prints the first failing history of each law so that it
can be pasted into an `@example`.

Each case is one random history and one join-heavy history (joins of services and of
organisations, mentions, remarks, people added to organisations); the join-heavy one also goes
through «links read as live records» (references resolved through `models.joins`).

Run: python bench/merge_laws.py [--cases N] [--seed S]
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests package

from tests.merge import test_merge_properties as properties

LAWS = {
    "order and grouping": properties.test_merge_order_and_grouping_do_not_change_the_result,
    "merging again changes nothing": properties.test_merging_the_same_files_again_changes_nothing,
    "no value dropped": properties.test_every_value_not_knowingly_replaced_is_current_or_an_open_conflict,
    "erased stays erased": properties.test_an_erased_person_never_comes_back_in_any_merge_order,
    "tombstones by the rule": properties.test_tombstones_win_only_by_the_rule,
}
# Laws of join-heavy histories only (random histories delete services, so a link may name one).
JOIN_ONLY = {
    "links read as live records": properties.test_every_live_link_reads_as_a_live_record_after_merging,
}
# Join-heavy histories (`JOIN_HEAVY`) through the order and no-value-dropped laws, and those.
JOIN_LAWS = ("order and grouping", "no value dropped", *JOIN_ONLY)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    arguments = parser.parse_args()
    laws = {name: test.hypothesis.inner_test for name, test in LAWS.items()}  # type: ignore[attr-defined]
    join_only = {name: test.hypothesis.inner_test for name, test in JOIN_ONLY.items()}  # type: ignore[attr-defined]
    cases = 0
    failures: Counter[str] = Counter()
    first: dict[str, tuple[list[Any], str]] = {}
    operations_seen: Counter[str] = Counter()

    def check(names: tuple[str, ...], operations: list[Any], label: str) -> None:
        operations_seen.update(operation[0] for operation in operations)
        for name in names:
            try:
                {**laws, **join_only}[name](operations)
            except Exception:
                failures[label + name] += 1
                first.setdefault(label + name, (operations, traceback.format_exc(limit=-3)))

    @settings(
        max_examples=arguments.cases,
        phases=[Phase.generate],
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @seed(arguments.seed)
    @given(properties.HISTORY, properties.JOIN_HEAVY)
    def run(operations: list[Any], join_heavy: list[Any]) -> None:
        nonlocal cases
        cases += 1
        check(tuple(laws), operations, "")
        check(JOIN_LAWS, join_heavy, "join-heavy: ")

    start = time.perf_counter()
    run()
    elapsed = time.perf_counter() - start
    print(f"cases run: {cases:,} (seed {arguments.seed}) in {elapsed:.0f} s")
    print("operations drawn: " + ", ".join(f"{k} {v}" for k, v in sorted(operations_seen.items())))
    for name in [*laws, *(f"join-heavy: {name}" for name in JOIN_LAWS)]:
        print(f"  {name:44} failures: {failures[name]:,}")
    for name, (operations, trace) in first.items():
        print(f"\nfirst failure of «{name}»: {operations!r}\n{trace}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
