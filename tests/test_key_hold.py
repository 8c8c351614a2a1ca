"""`tui/key_order.py:KeyHold`: whatever holds begin and end while keys arrive and are given, every
key is given once, in the order it arrived, and keys pass freely again after."""

from __future__ import annotations

import asyncio

from hypothesis import given, settings
from hypothesis import strategies as st
from textual import events

from tui.key_order import KeyHold

# a: a plain key. h: its action holds the keys after it (F2 while the database opens) for a
# while. p: it finds the focus not there yet (a screen still mounting): held again, itself first.
KINDS = st.sampled_from("aaahp")


async def run(kinds: list[str], gaps: list[int], waits: list[int]) -> tuple[list[str], bool]:
    hold = KeyHold()
    given_keys: list[str] = []
    put_back: set[str] = set()
    tasks: list[asyncio.Task[None]] = []
    wait_of = iter(waits * (len(kinds) + 1))

    async def end_later(turns: int) -> None:
        for _ in range(turns):
            await asyncio.sleep(0)
        await hold.end()

    async def deliver(event: events.Key) -> None:
        name = event.key
        if name.startswith("p") and name not in put_back:
            put_back.add(name)
            hold.begin()
            hold.put_back(event, deliver)
            tasks.append(asyncio.create_task(end_later(next(wait_of))))
            return
        assert not hold.waiting  # never while an action before it still moves the focus
        given_keys.append(name)
        if name.startswith("h"):
            hold.begin()
            tasks.append(asyncio.create_task(end_later(next(wait_of))))
        await asyncio.sleep(0)  # delivering awaits (a priority binding's action)

    async def arrive(event: events.Key) -> None:
        if not hold.keep(event, deliver):
            await deliver(event)

    names = [f"{kind}{index}" for index, kind in enumerate(kinds)]
    for name, gap in zip(names, gaps * len(names), strict=False):
        await arrive(events.Key(name, None))
        for _ in range(gap):
            await asyncio.sleep(0)
    while tasks:
        await tasks.pop(0)
    return given_keys, hold.holding


@settings(max_examples=200, deadline=None)
@given(
    kinds=st.lists(KINDS, min_size=1, max_size=12),
    gaps=st.lists(st.integers(0, 3), min_size=1, max_size=5),
    waits=st.lists(st.integers(0, 6), min_size=1, max_size=5),
)
def test_held_keys_are_given_once_each_in_the_order_they_came(
    kinds: list[str], gaps: list[int], waits: list[int]
) -> None:
    names = [f"{kind}{index}" for index, kind in enumerate(kinds)]
    given_keys, holding = asyncio.run(run(kinds, gaps, waits))
    assert given_keys == names
    assert not holding


async def test_a_key_whose_delivery_raises_does_not_take_the_keys_after_it_along() -> None:
    hold = KeyHold()
    given_keys: list[str] = []

    async def deliver(event: events.Key | events.Paste) -> None:
        assert isinstance(event, events.Key)
        if event.key == "a":
            raise RuntimeError("its action failed")
        given_keys.append(event.key)

    hold.begin()
    for name in "abc":
        hold.keep(events.Key(name, name), deliver)
    await hold.end()
    assert given_keys == ["b", "c"]
    assert not hold.holding


async def test_release_hands_back_the_held_keys_and_the_late_end_of_its_hold_does_nothing() -> None:
    hold = KeyHold()
    given_keys: list[str] = []

    async def deliver(event: events.Key | events.Paste) -> None:
        given_keys.append(event.key if isinstance(event, events.Key) else f"paste:{event.text}")

    released = hold.begin()  # F2 while the database opens
    hold.keep(events.Key("a", "a"), deliver)
    hold.keep(events.Paste("p"), deliver)
    held = hold.release()  # quit
    assert [type(event).__name__ for event in held] == ["Key", "Paste"]  # in the order they came
    assert not hold.holding and hold.released_since(released)
    later = hold.begin()  # a form opened since, still mounting
    hold.keep(events.Key("b", "b"), deliver)
    await hold.end(released)  # the database opened at last: that hold is over already
    assert hold.holding and given_keys == []
    await hold.end(later)
    assert given_keys == ["b"] and not hold.holding
