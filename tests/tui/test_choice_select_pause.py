"""Type-ahead in a closed ChoiceSelect measures the pause between letters with the keys' own
times (when the terminal's bytes were read), not with when the app gets round to them."""

from __future__ import annotations

import asyncio

import pytest
from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.pilot import Pilot

from tui.widgets import choice_select
from tui.widgets.choice_select import ChoiceSelect

OPTIONS = ["Helse Nord", "Eget", "HEMIT"]
TOGETHER = 0.05  # seconds between two letters typed as one word
APART = 5.0  # seconds between two letters typed as two searches


class OneSelect(App[None]):
    def compose(self) -> ComposeResult:
        yield ChoiceSelect([(Text(name), name) for name in OPTIONS], prompt="Velg")


def key_typed_at(letter: str, time: float) -> events.Key:
    key = events.Key(letter, letter)
    key.time = time  # as the input thread stamps it when it reads the terminal
    return key


async def give(pilot: Pilot[None], key: events.Key) -> None:
    """Hand the key to the app as the driver does, and wait until it is handled."""
    assert pilot.app._driver is not None
    key.set_sender(pilot.app)
    pilot.app._driver.send_message(key)
    await pilot.pause()


async def test_letters_typed_together_are_one_word_though_handled_apart(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(choice_select, "TYPEAHEAD_PAUSE", 0.2)
    app = OneSelect()
    async with app.run_test() as pilot:
        select = app.query_one(ChoiceSelect)
        assert app.focused is select
        typed = events.Key("h", "h").time
        await give(pilot, key_typed_at("h", typed))
        await asyncio.sleep(0.3)  # a loaded machine: the next letter is handled late
        await give(pilot, key_typed_at("e", typed + TOGETHER))
        assert select.value == "Helse Nord"  # «he», not «e» (Eget) started again


async def test_letters_typed_apart_are_two_searches_though_handled_together() -> None:
    app = OneSelect()
    async with app.run_test() as pilot:
        select = app.query_one(ChoiceSelect)
        typed = events.Key("h", "h").time
        first, second = key_typed_at("h", typed), key_typed_at("e", typed + APART)
        for key in (first, second):  # one burst: both waited, handled one after the other
            assert app._driver is not None
            key.set_sender(app)
            app._driver.send_message(key)
        await pilot.pause()
        assert select.value == "Eget"  # «e» on its own, not «he»
