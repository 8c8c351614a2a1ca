"""Terminal input cut into keys and whole pastes, however the reads split it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.terminal import PASTE_END, PASTE_START, PasteSplitter

# Keys and pastes made of characters a terminal sends, ESC and stray bracket codes included.
pieces = st.text(alphabet=st.sampled_from(["a", "æ", "\x1b", "[", "2", "0", "~", "\r", "\ufffd"]))


def joined(parts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Adjacent key pieces as one (a read boundary may split keys, never a paste)."""
    result: list[tuple[str, str]] = []
    for kind, text in parts:
        if result and kind == "keys" and result[-1][0] == "keys":
            result[-1] = ("keys", result[-1][1] + text)
        elif text or kind == "paste":
            result.append((kind, text))
    return result


def feed_in_chunks(stream: str, cuts: list[int]) -> list[tuple[str, str]]:
    splitter = PasteSplitter()
    parts: list[tuple[str, str]] = []
    previous = 0
    ends = sorted(cut % (len(stream) + 1) for cut in cuts)
    for index, cut in enumerate([*ends, len(stream)]):
        # A read cut short of the stream's end filled the buffer: more is on its way.
        parts += splitter.feed(stream[previous:cut], more=index < len(ends))
        previous = max(previous, cut)
    if held := splitter.idle():
        parts.append(("keys", held))
    return joined(parts)


def test_a_paste_with_escapes_and_newlines_arrives_as_one_paste() -> None:
    stream = f"ab{PASTE_START}line 1\x1b\x1b[A\x1bq\r\nline 2{PASTE_END}cd"
    assert PasteSplitter().feed(stream) == [
        ("keys", "ab"),
        ("paste", "line 1\x1b\x1b[A\x1bq\r\nline 2"),
        ("keys", "cd"),
    ]


def test_a_lone_escape_key_is_handed_on_at_once() -> None:
    assert PasteSplitter().feed("\x1b") == [("keys", "\x1b")]


@given(
    keys=st.lists(pieces, min_size=1, max_size=4),
    pastes=st.lists(pieces.filter(lambda text: PASTE_END not in text), max_size=3),
    cuts=st.lists(st.integers(min_value=0, max_value=500), max_size=12),
)
def test_any_split_of_the_reads_gives_the_same_keys_and_pastes(
    keys: list[str], pastes: list[str], cuts: list[int]
) -> None:
    # Key text never holds a paste start itself (that would start a paste).
    keys = [key.replace(PASTE_START, "") for key in keys]
    stream = keys[0]
    for paste, key in zip(pastes, keys[1:] + [""] * len(pastes), strict=False):
        stream += PASTE_START + paste + PASTE_END + key
    whole = feed_in_chunks(stream, [])
    assert feed_in_chunks(stream, cuts) == whole
    assert [text for kind, text in whole if kind == "paste"] == [
        paste.replace("\x00", "") for paste in pastes
    ]
