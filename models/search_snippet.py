"""The snippet of a hit: the part of a record's text around its matches, the matches marked.

Made here from the record's text rather than by FTS5's snippet(), which reads the whole list of
documents holding a word for every snippet it makes: for a word in 15,000 notes that is
milliseconds per hit. Words are found as unicode61 finds them: runs of letters and digits,
compared case-folded, the last word of the query as a prefix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WINDOW = 16  # words shown around the matches
_TOKEN = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Segment:
    text: str
    matched: bool


def words_of(text: str) -> list[str]:
    return [match.group().casefold() for match in _TOKEN.finditer(text)]


def snippet_segments(body: str, terms: list[list[str]], prefix: bool) -> tuple[Segment, ...]:
    """`body` around the best cluster of `terms` (each a list of words: a phrase), marked.

    With `prefix`, the last word of the last term matches any word it begins.
    """
    text = " ".join(body.split())
    tokens = list(_TOKEN.finditer(text))
    words = [token.group().casefold() for token in tokens]
    matched = [False] * len(tokens)
    for number, term in enumerate(terms):
        if not term:
            continue
        as_prefix = prefix and number == len(terms) - 1
        size = len(term)
        for start in range(len(words) - size + 1):
            last = words[start + size - 1]
            if words[start : start + size - 1] == term[:-1] and (
                last.startswith(term[-1]) if as_prefix else last == term[-1]
            ):
                matched[start : start + size] = [True] * size
    first, last = _window(matched)
    if not tokens:
        return (Segment(text[:200], False),) if text else ()
    begin = 0 if first == 0 else tokens[first].start()
    end = len(text) if last >= len(tokens) else tokens[last - 1].end()
    segments: list[Segment] = []
    if first > 0:
        segments.append(Segment("…", False))
    position = begin
    for index in range(first, min(last, len(tokens))):
        if not matched[index]:
            continue
        token = tokens[index]
        gap = text[position : token.start()]
        if segments and segments[-1].matched and not gap.strip():
            segments[-1] = Segment(segments[-1].text + gap + token.group(), True)
        else:
            if gap:
                segments.append(Segment(gap, False))
            segments.append(Segment(token.group(), True))
        position = token.end()
    if text[position:end]:
        segments.append(Segment(text[position:end], False))
    if last < len(tokens):
        segments.append(Segment("…", False))
    return tuple(segments)


def _window(matched: list[bool]) -> tuple[int, int]:
    """The first and one-past-last word of the WINDOW words holding the most matches."""
    if len(matched) <= WINDOW:
        return 0, len(matched)
    best, best_start = -1, 0
    count = sum(matched[:WINDOW])
    for start in range(len(matched) - WINDOW + 1):
        if start:
            count += matched[start + WINDOW - 1] - matched[start - 1]
        if count > best:
            best, best_start = count, start
    # A little of what came before the first match reads better than starting on it.
    lead = next((i for i in range(best_start, best_start + WINDOW) if matched[i]), best_start)
    start = max(0, min(lead - 3, len(matched) - WINDOW))
    return start, start + WINDOW
