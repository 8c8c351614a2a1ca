"""The bookkeeping of items sent from a panel's fields whose save is not known yet."""

from __future__ import annotations

from tui.widgets.sent_items import SentItems


def test_a_second_enter_sends_only_what_was_typed_after_the_item_out() -> None:
    sent = SentItems()
    first = sent.send(sent.unsent(("ring", "Kari")))
    assert first.values == ("ring", "Kari")
    assert sent.unsent(("ringneste", "Kari")) == ("neste", "")
    second = sent.send(("neste", ""))
    # Saved in order: each takes its own text out, what was typed since stays.
    assert sent.saved(first, ("ringnesteog", "Kari")) == ("nesteog", "")
    assert sent.saved(second, ("nesteog", "")) == ("og", "")
    assert len(sent) == 0


def test_a_failed_item_stays_as_typed_and_a_later_one_is_taken_out_behind_it() -> None:
    sent = SentItems()
    first = sent.send(("ring", ""))
    second = sent.send(("neste", ""))
    sent.failed(first)
    assert sent.saved(second, ("ringneste!", "")) == ("ring!", "")
    assert len(sent) == 0  # settled: the failed text is the fields' own now
    assert sent.unsent(("ring!", "")) == ("ring!", "")


def test_a_success_takes_away_only_an_error_shown_before_it_was_sent() -> None:
    sent = SentItems()
    first = sent.send(("ring",))
    second = sent.send(("neste",))
    sent.failed(first)
    sent.error_shown()  # the first's
    assert not sent.clears_error(second)  # sent before the user could see it
    sent.saved(second, ("ringneste",))
    third = sent.send(("ring",))  # sent again, the error seen
    assert sent.clears_error(third)
    sent.error_shown()  # a value refused at Enter while the third is out
    assert not sent.clears_error(third)


def test_a_field_changed_in_front_of_an_item_keeps_all_it_holds() -> None:
    sent = SentItems()
    item = sent.send(("ring",))
    # The user changed the text ahead (the item's own): rather it twice than a letter lost.
    assert sent.saved(item, ("rang og",)) == ("rang og",)


def test_two_items_with_the_same_text_are_told_apart() -> None:
    sent = SentItems()
    first, second = sent.send(("a",)), sent.send(("a",))
    sent.failed(second)
    assert sent.saved(first, ("aa",)) == ("a",)
    assert len(sent) == 0
