"""Every message has English beside its bokmål, with the same {placeholders}, in both catalogues.

The app switches language with INNSIKT_LANG=en; a key missing in English would show bokmål in
the middle of English text, and a placeholder that differs would raise KeyError at run time.
"""

from __future__ import annotations

from pathlib import Path
from string import Formatter
from types import SimpleNamespace

import pytest

import models.text
import tui.text
from models.dbfile import read_header
from models.errors import DatabaseError, InnsiktError
from models.followups import set_followup_status
from models.storage import Database

CATALOGUES = {"models/text.py": models.text, "tui/text.py": tui.text}


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name is not None}


@pytest.mark.parametrize("module", CATALOGUES.values(), ids=CATALOGUES.keys())
def test_every_bokmal_key_has_english(module: object) -> None:
    missing = sorted(set(module.NB) - set(module.EN))  # type: ignore[attr-defined]
    extra = sorted(set(module.EN) - set(module.NB))  # type: ignore[attr-defined]
    assert missing == [], f"no English for {missing}"
    assert extra == [], f"English without bokmål: {extra}"


@pytest.mark.parametrize("module", CATALOGUES.values(), ids=CATALOGUES.keys())
def test_english_and_bokmal_take_the_same_placeholders(module: object) -> None:
    nb, en = module.NB, module.EN  # type: ignore[attr-defined]
    differing = {
        key: (sorted(placeholders(nb[key])), sorted(placeholders(en[key])))
        for key in nb.keys() & en.keys()
        if placeholders(nb[key]) != placeholders(en[key])
    }
    assert differing == {}


@pytest.mark.parametrize("module", CATALOGUES.values(), ids=CATALOGUES.keys())
def test_no_english_text_is_left_empty_or_in_bokmal(module: object) -> None:
    nb, en = module.NB, module.EN  # type: ignore[attr-defined]
    empty = [key for key, text in en.items() if not text.strip()]
    assert empty == []
    # Æ, ø and å do not occur in English; where they do, the text was copied, not translated.
    # (Nødnett is a proper name and stays; the control picture ␀ is not a letter.)
    untranslated = [
        key
        for key, text in en.items()
        if any(char in text.replace("Nødnett", "") for char in "æøåÆØÅ") and text == nb[key]
    ]
    assert untranslated == []


def test_the_check_fails_on_a_missing_key_and_a_renamed_placeholder() -> None:
    """The checks above can fail: a catalogue with a gap and a renamed placeholder is caught."""

    broken = SimpleNamespace(NB={"a": "Hei {name}", "b": "Ja"}, EN={"a": "Hello {navn}"})
    with pytest.raises(AssertionError, match="no English"):
        test_every_bokmal_key_has_english(broken)
    with pytest.raises(AssertionError):
        test_english_and_bokmal_take_the_same_placeholders(broken)


def test_english_is_chosen_by_innsikt_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INNSIKT_LANG", "en")
    assert tui.text.tx("home_meetings") == "Meetings"
    assert models.text.t("guide_unknown", key="x") == "Unknown guide: x."
    monkeypatch.setenv("INNSIKT_LANG", "nb")
    assert tui.text.tx("home_meetings") == "Møter"


def test_data_layer_details_and_record_kinds_follow_the_language(
    tmp_path: Path, fresh_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # These were bokmål literals outside the catalogue: English runs printed them mixed.
    truncated = tmp_path / "kort.sqlite"
    header = bytearray(b"SQLite format 3\x00".ljust(100, b"\x00"))
    header[16:18] = (4096).to_bytes(2, "big")
    header[28:32] = (2).to_bytes(4, "big")  # two pages said, not even one there
    truncated.write_bytes(bytes(header))
    monkeypatch.setenv("INNSIKT_LANG", "en")
    with pytest.raises(DatabaseError) as damaged:
        read_header(truncated)
    assert "the file is truncated" in str(damaged.value)
    with pytest.raises(InnsiktError) as missing:
        set_followup_status(fresh_db, "0123abcd", "lukket")
    assert str(missing.value) == "No follow-up matches «0123abcd»."
    monkeypatch.setenv("INNSIKT_LANG", "nb")
    with pytest.raises(InnsiktError) as missing:
        set_followup_status(fresh_db, "0123abcd", "lukket")
    assert str(missing.value) == "Fant ingen oppfølgingspunkt som passer «0123abcd»."
