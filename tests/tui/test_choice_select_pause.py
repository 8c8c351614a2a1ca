"""Type-ahead in a closed ChoiceSelect measures the pause between letters with the keys' own
times (when the terminal's bytes were read), not with when the app gets round to them."""

from __future__ import annotations

import asyncio

import pytest
from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.pilot import Pilot

from tests.tui.support import wait_until
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


def send(app: App[None], key: events.Key) -> None:
    """Hand the key to the app as the driver does."""
    assert app._driver is not None
    key.set_sender(app)
    app._driver.send_message(key)


def counted(select: ChoiceSelect) -> list[str]:
    """The letters the select has taken so far, as it takes them."""
    letters: list[str] = []
    real = select.type_letter

    def type_letter(character: str, typed_at: float) -> None:
        letters.append(character)
        real(character, typed_at)

    select.type_letter = type_letter  # type: ignore[method-assign]
    return letters


async def handled(pilot: Pilot[None], letters: list[str], count: int) -> None:
    """Until the select has taken `count` letters (the app forwards them: one pause may not be
    enough on a loaded machine, and the value alone may not show it)."""
    await wait_until(pilot, lambda: len(letters) >= count)


async def test_letters_typed_together_are_one_word_though_handled_apart(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(choice_select, "TYPEAHEAD_PAUSE", 0.2)
    app = OneSelect()
    async with app.run_test() as pilot:
        select = app.query_one(ChoiceSelect)
        assert app.focused is select
        letters = counted(select)
        typed = events.Key("h", "h").time
        send(app, key_typed_at("h", typed))
        await handled(pilot, letters, 1)
        await asyncio.sleep(0.3)  # a loaded machine: the next letter is handled late
        send(app, key_typed_at("e", typed + TOGETHER))
        await handled(pilot, letters, 2)
        assert select._typed == "he"
        assert select.value == "Helse Nord"  # «he», not «e» (Eget) started again


async def test_letters_typed_apart_are_two_searches_though_handled_together() -> None:
    app = OneSelect()
    async with app.run_test() as pilot:
        select = app.query_one(ChoiceSelect)
        letters = counted(select)
        typed = events.Key("h", "h").time
        first, second = key_typed_at("h", typed), key_typed_at("e", typed + APART)
        for key in (first, second):  # one burst: both waited, handled one after the other
            send(app, key)
        await handled(pilot, letters, 2)
        assert select._typed == "e"
        assert select.value == "Eget"  # «e» on its own, not «he»
