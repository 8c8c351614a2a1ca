"""Interview guides as data: the shipped ones load, and every kind of bad file is named clearly."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from models.errors import GuideError
from models.guides import all_guides, find_guide, import_guide, load_guide_file, shipped_guides
from tui.cli import cli

GUIDES = Path(__file__).parent / "data" / "guides"

BAD_FILES = {
    "broken_toml.toml": "ugyldig TOML",
    "unknown_kind.toml": "ukjent svartype «essay»",
    "duplicate_question_key.toml": "«A1» finnes mer enn én gang",
    "duplicate_section_key.toml": "seksjonsnøkkelen «A»",
    "missing_title.toml": "mangler feltet «title»",
    "missing_question_text.toml": "mangler feltet «text»",
    "choices_on_text.toml": "kan ikke ha valg",
    "multi_without_choices.toml": "må ha minst ett valg",
    "duplicate_choice.toml": "valget «ja» finnes to ganger",
    "version_not_integer.toml": "«version» i veiledningen skal være et heltall",
    "unknown_field.toml": "ukjent felt «colour»",
    "bad_question_key.toml": "nøkkelen «A 1!»",
    "no_sections.toml": "sections er tom",
    "latin1.toml": "ikke UTF-8",
    "key_trailing_newline.toml": "nøkkelen «test-guide\\n»",
    "huge_version.toml": "«version» i veiledningen skal være et heltall fra 1 til 1000000",
    "deep_nesting.toml": "nøstet for dypt",
}


def test_both_shipped_guides_load_with_their_question_keys() -> None:
    guides = {guide.key: guide for guide in shipped_guides()}
    assert set(guides) == {"mobile-tjenester", "brukergrupper"}
    mobile = guides["mobile-tjenester"]
    assert [q.key for q in mobile.questions()][:4] == ["A1", "A2", "A3", "B1"]
    assert len(mobile.questions()) == 24
    assert mobile.question("B1").kind == "services"
    assert mobile.question("F3").kind == "followups"
    assert mobile.question("A1").choice_regions["HEMIT HF"] == "Helse Midt-Norge"
    assert "Nødnett (TETRA)" in mobile.question("C3").choices
    assert guides["brukergrupper"].question("E1").kind == "followups"


@pytest.mark.parametrize(("name", "expected"), sorted(BAD_FILES.items()))
def test_bad_guide_is_refused_with_file_and_reason(name: str, expected: str) -> None:
    with pytest.raises(GuideError) as caught:
        load_guide_file(GUIDES / name)
    message = str(caught.value)
    assert name in message
    assert expected in message
    assert "\n" not in message


def test_validate_command_exit_codes() -> None:
    runner = CliRunner()
    good = runner.invoke(cli, ["guide", "validate", str(GUIDES / "valid.toml")])
    assert good.exit_code == 0
    assert "gyldig veiledning" in good.output
    bad = runner.invoke(cli, ["guide", "validate", str(GUIDES / "unknown_kind.toml")])
    assert bad.exit_code == 1
    assert "essay" in bad.stderr
    assert "Traceback" not in bad.output
    missing = runner.invoke(cli, ["guide", "validate", str(GUIDES / "nope.toml")])
    assert missing.exit_code == 1
    assert "Finner ikke" in missing.stderr


def test_imported_guide_is_listed_beside_the_shipped_ones() -> None:
    _guide, target = import_guide(GUIDES / "valid.toml")
    assert target.exists()
    assert find_guide("test-guide").title == "Testguide"
    assert [(g.key, g.version) for g in all_guides()] == [
        ("brukergrupper", 1),
        ("mobile-tjenester", 2),
        ("mobile-tjenester", 1),
        ("test-guide", 1),
    ]
    listed = CliRunner().invoke(cli, ["guide", "list", "--json"])
    assert '"test-guide"' in listed.output
    again = CliRunner().invoke(cli, ["guide", "import", str(GUIDES / "valid.toml")])
    assert again.exit_code == 1
    assert "finnes allerede" in again.stderr


def test_importing_a_bad_guide_changes_nothing(isolated_data_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["guide", "import", str(GUIDES / "choices_on_text.toml")])
    assert result.exit_code == 1
    assert not (isolated_data_dir / "guides").exists()


def test_version_2_of_the_mobile_guide_adds_d6_and_version_1_stays_as_it_was() -> None:
    first, second = find_guide("mobile-tjenester", 1), find_guide("mobile-tjenester", 2)
    assert find_guide("mobile-tjenester") == second  # the newest for new meetings
    assert first.question("D6") is None
    d6 = second.question("D6")
    assert d6 is not None and d6.kind == "text" and "hvem eier" in d6.text
    assert [q.key for q in second.questions() if q.key != "D6"] == [
        q.key for q in first.questions()
    ]


def test_the_shipped_guides_are_parsed_once_however_often_a_guide_is_looked_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import tomllib

    from models import guides

    for cached in (guides._shipped_guides, guides._shipped_heads, guides._shipped_guide):
        cached.cache_clear()
    parsed: list[str] = []
    real_loads = tomllib.loads

    def loads(text: str, **kwargs: object) -> dict[str, object]:
        parsed.append(text[:40])
        return real_loads(text, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tomllib, "loads", loads)
    for _ in range(3):  # as home does for each meeting's question count
        find_guide("mobile-tjenester", 1)
        find_guide("brukergrupper")
    # Each guide looked up was parsed once, and the guide not asked for (version 2) not at all.
    assert len(parsed) == 2
    assert find_guide("mobile-tjenester").version == 2 and len(parsed) == 3
    assert len(shipped_guides()) == 3 and len(parsed) == 3


def test_each_shipped_guides_head_names_the_key_version_and_questions_its_toml_holds() -> None:
    from models import guides

    heads = {(key, version, count) for key, version, _name, count in guides._shipped_heads()}
    assert heads == {(g.key, g.version, len(g.questions())) for g in shipped_guides()}
    assert len(heads) == len(guides._shipped_heads())
    for key, version, _count in heads:
        assert guides.question_count(key, version) == len(find_guide(key, version).questions())
    assert guides.question_count("mobile-tjenester") == len(
        find_guide("mobile-tjenester").questions()
    )


def test_home_counts_a_guides_questions_from_the_heads_as_the_guide_parser_does() -> None:
    from models import guide_heads, guides
    from tui.home_data import question_count

    for key, version, _name, count in guides._shipped_heads():
        assert guide_heads.question_count(key, version) == count
        assert question_count(key, version, {}) == guides.question_count(key, version)
    newest = guides.question_count("mobile-tjenester")
    assert guide_heads.question_count("mobile-tjenester") == newest
    assert question_count("mobile-tjenester", 0, {}) == newest  # no version: the newest
    with pytest.raises(GuideError):
        guides.question_count("no-such-guide")
    assert guide_heads.question_count("no-such-guide") == 0  # not installed here: 0, as home says
    assert question_count("no-such-guide", 1, {}) == 0


def test_with_guides_of_the_users_own_home_counts_through_the_guide_parser() -> None:
    from models import guide_heads
    from tui.home_data import question_count

    import_guide(GUIDES / "valid.toml")
    # The user's own guides are only known parsed: the heads leave them to models.guides.
    assert guide_heads.question_count("mobile-tjenester", 1) is None
    assert question_count("test-guide", 1, {}) == len(find_guide("test-guide").questions())
    assert question_count("mobile-tjenester", 1, {}) == len(
        find_guide("mobile-tjenester", 1).questions()
    )
