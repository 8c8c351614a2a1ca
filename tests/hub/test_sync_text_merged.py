"""`innsikt sync` says how many notes it merged word by word, as `innsikt merge` does."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from models.hub.sync import sync_hub
from tests.merge.laptops import content, seed
from tui.cli.root import cli

START = "Kari sa at tjenesten var treg om morgenen. Ola var enig i det. Begge ville ha opplæring."


def test_sync_says_how_many_notes_it_merged_word_by_word(
    tmp_path: Path, hub: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, _c = seed(tmp_path)
    a.note("q1", "Kari", START)
    sync_hub(a.db, hub)
    sync_hub(b.db, hub)
    a.wall.now_ms += 1_000
    b.wall.now_ms += 1_000
    a.note("q1", "Kari", START.replace("treg", "svært treg"))
    b.note("q1", "Kari", START.replace("var enig i det", "var helt enig i det"))
    sync_hub(a.db, hub)
    b.db.close()

    result = CliRunner().invoke(cli, ["sync", hub, "--db", str(b.db.path)])
    assert result.exit_code == 0, result.output
    assert "Notater slått sammen ord for ord (samtidige endringer): 1." in result.output
    monkeypatch.setenv("INNSIKT_LANG", "en")
    again = CliRunner().invoke(cli, ["sync", hub, "--db", str(b.db.path), "--json"])
    assert again.exit_code == 0, again.output
    assert json.loads(again.output)["text_merged"] == 0
    # A receives the merged text as B made it: a note of A's now merged word by word too.
    summary = sync_hub(a.db, hub)
    assert summary.merge is not None and summary.merge.text_merged == 1
    assert content(a.db.path) == content(b.db.path)
    connection = sqlite3.connect(a.db.path)
    try:
        (text,) = connection.execute("SELECT text FROM note WHERE question_key = 'q1'").fetchone()
    finally:
        connection.close()
    assert text == START.replace("treg", "svært treg").replace("enig i det", "helt enig i det")
