"""Snippets: the words around the best cluster of matches, marked as FTS5 would find them."""

from __future__ import annotations

from models.search_snippet import WINDOW, snippet_segments, words_of


def marked(body: str, query: list[str], prefix: bool = False) -> str:
    segments = snippet_segments(body, [words_of(term) for term in query], prefix)
    return "".join(f"[{s.text}]" if s.matched else s.text for s in segments)


def test_whole_words_are_marked_case_folded() -> None:
    assert marked("Nødnett og nødnettet", ["nødnett"]) == "[Nødnett] og nødnettet"


def test_the_last_word_as_a_prefix_marks_every_word_it_begins() -> None:
    assert marked("ambulansen og ambulansejournal", ["ambulans"], prefix=True) == (
        "[ambulansen] og [ambulansejournal]"
    )


def test_a_phrase_is_marked_only_where_its_words_follow_each_other() -> None:
    text = "mobilt og robust, robust mobilt helsenett"
    assert marked(text, ["robust mobilt"]) == "mobilt og robust, [robust mobilt] helsenett"


def test_a_long_text_is_cut_around_the_matches_with_ellipses() -> None:
    words = [f"ord{index}" for index in range(200)]
    words[120] = "Kardiolog"
    result = marked(" ".join(words), ["kardiolog"])
    assert result.startswith("…ord117 ") and result.endswith("…")
    assert "[Kardiolog]" in result
    assert len(result.split()) == WINDOW


def test_line_breaks_become_spaces_and_an_empty_text_gives_nothing() -> None:
    assert marked("første\nlinje\n\nandre", ["andre"]) == "første linje [andre]"
    assert snippet_segments("", [["x"]], False) == ()
