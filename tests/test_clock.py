"""The hybrid logical clock orders edits across laptops whose wall clocks disagree."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from models.clock import ZERO, HybridClock, decode, is_stamp


class FakeWall:
    def __init__(self, start: int) -> None:
        self.value = start

    def __call__(self) -> int:
        return self.value


def test_stamps_increase_even_when_the_wall_clock_stands_still_or_goes_back() -> None:
    wall = FakeWall(1_000)
    clock = HybridClock(wall=wall)
    first = clock.now()
    second = clock.now()
    wall.value = 500
    third = clock.now()
    assert first < second < third
    assert decode(third) == (1_000, 2)


def test_an_edit_made_after_seeing_a_fast_laptop_orders_after_it() -> None:
    fast = HybridClock(wall=FakeWall(10_000_000))  # wall clock two and a half hours ahead
    slow = HybridClock(wall=FakeWall(1_000))
    fast_edit = fast.now()
    slow.observe(fast_edit)  # the slow laptop merges the fast one's edit
    reply = slow.now()
    assert reply > fast_edit


def test_stamp_text_order_is_clock_order() -> None:
    clock = HybridClock(wall=FakeWall(5))
    stamps = [clock.now() for _ in range(20)]
    assert stamps == sorted(stamps)
    assert all(is_stamp(stamp) for stamp in stamps)
    assert stamps[0] > ZERO
    assert not is_stamp("12.3")


@given(st.lists(st.tuples(st.sampled_from("ab"), st.integers(0, 10**9)), min_size=1, max_size=60))
def test_two_skewed_devices_exchanging_stamps_never_issue_a_smaller_stamp(
    steps: list[tuple[str, int]],
) -> None:
    walls = {"a": FakeWall(0), "b": FakeWall(0)}
    clocks = {name: HybridClock(wall=walls[name]) for name in walls}
    last_seen = ZERO
    for device, wall_time in steps:
        walls[device].value = wall_time
        clocks[device].observe(last_seen)
        stamp = clocks[device].now()
        assert stamp > last_seen
        last_seen = stamp


def test_threads_sharing_one_clock_never_get_the_same_stamp() -> None:
    import sys
    import threading

    clock = HybridClock(wall=FakeWall(1_000))  # a frozen wall: every stamp is a counter step
    stamps: list[list[str]] = [[] for _ in range(8)]
    start = threading.Barrier(8)

    def take(mine: list[str]) -> None:
        start.wait()
        for _ in range(3000):
            mine.append(clock.now())

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible, to provoke a race
    try:
        threads = [threading.Thread(target=take, args=(mine,)) for mine in stamps]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    every = [stamp for mine in stamps for stamp in mine]
    assert len(set(every)) == len(every) == 24_000
