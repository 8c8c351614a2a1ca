"""Laws of notes merged as text, over random edits: edits of different words are all kept, the
merge order does not matter, and overlapping edits give a conflict that loses neither side."""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.sync.merge import merge_files
from models.sync.text_merge import merge_three
from tests.budget import examples
from tests.merge import test_merge_properties as laws
from tests.merge.laptops import content
from tests.merge.test_text_merge import Laptops, note_text, open_conflicts

WORDS = [f"ord{n}" for n in range(12)]
NEW_WORDS = st.lists(st.sampled_from(["ny", "annen", "tredje", "svært", "ikke"]), max_size=2)
SCRATCH = "/dev/shm" if Path("/dev/shm").is_dir() else None
FAST = settings(max_examples=200, deadline=None, derandomize=True)
WITH_FILES = settings(
    max_examples=examples(12, 100),  # HYPOTHESIS_PROFILE=thorough: tests/budget.py
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

Edit = dict[int, list[str]]  # word index → the words it is replaced with (none: deleted)


def text_of(base: list[str], *edits: Edit) -> str:
    words: list[str] = []
    for index, word in enumerate(base):
        replaced = [edit[index] for edit in edits if index in edit]
        words += replaced[0] if replaced else [word]
    return " ".join(words)


def separated(*edits: Edit) -> bool:
    """No two laptops touch the same word or neighbouring words (then a space lies between)."""
    for first, second in itertools.combinations(edits, 2):
        if any(abs(i - j) <= 1 for i in first for j in second):
            return False
    return True


@st.composite
def base_and_edits(draw: Any, laptops: int) -> tuple[list[str], list[Edit]]:
    base = draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=10, unique=True))
    edits = []
    for _ in range(laptops):
        indexes = draw(st.lists(st.integers(0, len(base) - 1), max_size=2, unique=True))
        edits.append({index: draw(NEW_WORDS) for index in indexes})
    return base, edits


@FAST
@given(base_and_edits(2))
def test_edits_of_words_apart_are_both_kept_and_the_merge_is_symmetric(
    case: tuple[list[str], list[Edit]],
) -> None:
    base, (ours, theirs) = case
    merged = merge_three(" ".join(base), text_of(base, ours), text_of(base, theirs))
    assert merged == merge_three(" ".join(base), text_of(base, theirs), text_of(base, ours))
    if separated(ours, theirs):
        assert merged == text_of(base, ours, theirs)


@FAST
@given(base_and_edits(2))
def test_edits_of_the_same_word_to_different_words_are_a_conflict(
    case: tuple[list[str], list[Edit]],
) -> None:
    base, (ours, theirs) = case
    clash = [i for i in ours if i in theirs and ours[i] != theirs[i] and ours[i] and theirs[i]]
    if clash:
        assert merge_three(" ".join(base), text_of(base, ours), text_of(base, theirs)) is None


def edit_in_two_saves(laptops: Laptops, db: Any, base: list[str], edit: Edit) -> None:
    """The edit typed over two autosaves: the first half of its words, then all of them."""
    if not edit:
        return
    first = dict(list(edit.items())[: max(1, len(edit) // 2)])
    laptops.write(db, text_of(base, first))
    laptops.write(db, text_of(base, edit))


@WITH_FILES
@given(base_and_edits(3))
def test_three_laptops_editing_one_note_merge_alike_in_every_order_and_lose_no_text(
    case: tuple[list[str], list[Edit]],
) -> None:
    base, edits = case
    with tempfile.TemporaryDirectory(dir=SCRATCH) as name:
        laptops = Laptops(Path(name))
        try:
            dbs = (laptops.a, laptops.b, laptops.c)
            laptops.write(laptops.a, " ".join(base))
            laptops.send(laptops.a, laptops.b, laptops.c)
            for db, edit in zip(dbs, edits, strict=True):
                edit_in_two_saves(laptops, db, base, edit)
            results = []
            for order in ((0, 1, 2), (2, 1, 0), (1, 0, 2)):  # as test_merge_properties
                target = laptops.copy(dbs[order[0]], "order" + "".join(map(str, order)))
                for index in order[1:]:
                    merge_files(target, [laptops.snapshot(dbs[index])])
                results.append(target)
            expected = content(results[0].path)
            for result in results[1:]:
                assert content(result.path) == expected
            final = results[0]
            kept = {note_text(final), *[side for pair in open_conflicts(final) for side in pair]}
            if separated(*edits):
                assert note_text(final) == text_of(base, *edits)
                assert open_conflicts(final) == []
            else:  # merged where the edits allow it, else each laptop's text is kept
                assert note_text(final) == text_of(base, *edits) or {
                    text_of(base, edit) for edit in edits
                } <= kept | {" ".join(base)}
            for result in results:
                result.close()
        finally:
            laptops.close()


# --- the merge laws of tests/merge/test_merge_properties.py, over histories of word edits ----

BASE = [
    "Kari",
    "sa",
    "at",
    "tjenesten",
    "var",
    "treg",
    "om",
    "morgenen",
    "og",
    "Ola",
    "var",
    "enig",
    "i",
    "det",
    "hele",
]
VARIANT = st.sampled_from(["ikke", "svært", "ny", "alle"])


@st.composite
def word_edit(draw: Any) -> str:
    """The base sentence with one or two words replaced, removed or doubled."""
    words = list(BASE)
    for index in sorted(
        draw(st.lists(st.integers(0, len(BASE) - 1), min_size=1, max_size=2, unique=True)),
        reverse=True,
    ):
        kind = draw(st.sampled_from(["replace", "remove", "insert"]))
        if kind == "replace":
            words[index] = draw(VARIANT)
        elif kind == "remove":
            del words[index]
        else:
            words.insert(index, draw(VARIANT))
    return " ".join(words)


LAPTOP = st.integers(0, 2)
NOTE = st.tuples(st.just("note"), LAPTOP, st.just("q1"), st.just("Kari"), word_edit())
# The note written on A and passed to B and C, edited on B and C at once, then anything.
WORD_HISTORY = st.tuples(
    word_edit(),
    word_edit(),
    st.lists(
        st.one_of(
            NOTE,
            st.tuples(st.just("sync"), LAPTOP, LAPTOP),
            st.tuples(
                st.just("resolve"), LAPTOP, st.integers(0, 2), st.sampled_from(["mine", "theirs"])
            ),
            st.tuples(st.just("tick"), LAPTOP, st.integers(-5_000, 120_000)),
        ),
        max_size=8,
    ),
).map(
    lambda drawn: [
        ("note", 0, "q1", "Kari", " ".join(BASE)),
        ("sync", 1, 0),
        ("sync", 2, 0),
        ("note", 1, "q1", "Kari", drawn[0]),
        ("note", 2, "q1", "Kari", drawn[1]),
        *drawn[2],
    ]
)


@settings(WITH_FILES, max_examples=examples(6, 50))
@given(WORD_HISTORY)
def test_histories_of_word_edits_keep_every_merge_law(operations: list[Any]) -> None:
    for law in (
        laws.test_merge_order_and_grouping_do_not_change_the_result,
        laws.test_every_value_not_knowingly_replaced_is_current_or_an_open_conflict,
        laws.test_merging_the_same_files_again_changes_nothing,
    ):
        law.hypothesis.inner_test(operations)  # type: ignore[attr-defined]
