"""`innsikt merge` says how many notes it merged word by word, in Norwegian, English and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.merge.laptops import Laptop, seed
from tui.cli import cli

START = "Kari sa at tjenesten var treg om morgenen. Ola var enig i det. Begge ville ha opplæring."


def edited_apart(folder: Path, *, overlapping: bool = False) -> tuple[Laptop, Path]:
    """A writes a note, B gets it, both edit it; A closed, and a snapshot of B's."""
    a, b, _c = seed(folder)
    a.note("q1", "Kari", START)
    b.merge_from(a)
    a.wall.now_ms += 1_000
    b.wall.now_ms += 1_000
    a.note("q1", "Kari", START.replace("treg", "svært treg"))
    if overlapping:
        b.note("q1", "Kari", START.replace("treg", "litt treg"))
    else:
        b.note("q1", "Kari", START.replace("var enig i det", "var helt enig i det"))
    snapshot = b.snapshot()
    a.db.close()
    return a, snapshot


def merge(a: Laptop, snapshot: Path, *options: str) -> str:
    result = CliRunner().invoke(cli, ["merge", str(snapshot), "--db", str(a.db.path), *options])
    assert result.exit_code == 0, result.output
    return result.output


def test_merge_says_how_many_notes_it_merged_word_by_word(tmp_path: Path) -> None:
    a, snapshot = edited_apart(tmp_path)
    output = merge(a, snapshot)
    assert "Notater slått sammen ord for ord (samtidige endringer): 1." in output
    assert "Åpne konflikter" not in output
    # The same file again merges nothing anew: no such line.
    again = merge(a, snapshot)
    assert "ord for ord" not in again


def test_merge_says_it_in_english_and_in_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, snapshot = edited_apart(tmp_path)
    monkeypatch.setenv("INNSIKT_LANG", "en")
    output = merge(a, snapshot, "--json")
    assert json.loads(output)["text_merged"] == 1
    assert json.loads(merge(a, snapshot, "--json"))["text_merged"] == 0


def test_overlapping_edits_are_a_conflict_not_counted_as_merged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, snapshot = edited_apart(tmp_path, overlapping=True)
    monkeypatch.setenv("INNSIKT_LANG", "en")
    output = merge(a, snapshot)
    assert "merged word by word" not in output
    assert "Open conflicts: 1." in output


def test_the_english_line_names_the_count(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, snapshot = edited_apart(tmp_path)
    monkeypatch.setenv("INNSIKT_LANG", "en")
    assert "Notes merged word by word (edited at once): 1." in merge(a, snapshot)
