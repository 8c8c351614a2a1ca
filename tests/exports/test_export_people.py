"""Leaving out and pseudonymising people: names in lists and in free text."""

from __future__ import annotations

import pytest

from exports.people import PeopleFilter, initials
from models.content_queries import PersonInMeeting


def _person(name: str, role: str = "deltaker") -> PersonInMeeting:
    return PersonInMeeting("", name, role, "", "HEMIT HF")


PEOPLE = [
    _person("Per Olsen", "referent"),
    _person("Kari Hansen", "fasilitator"),
    _person("Kari Berg"),
    _person("Ola Nordmann"),
]


def test_pseudonyms_follow_the_role_and_are_stable_within_one_export():
    people = PeopleFilter("pseudonym", PEOPLE)
    assert people.name("Kari Berg") == "Deltaker 1"
    assert people.name("ola nordmann") == "Deltaker 2"
    assert people.name("Kari Hansen") == "Fasilitator 1"
    assert people.name("Per Olsen") == "Referent 1"
    assert people.name("Ukjent Person") == "Person"


def test_names_in_free_text_are_replaced_whole_and_in_parts():
    people = PeopleFilter("ingen", PEOPLE)
    text = "Per Olsen og Ola møtte kari berg. Nordmann sa ja; Kari sa nei, per i dag."
    assert people.scrub(text) == (
        "Referent 1 og Deltaker 2 møtte Deltaker 1. Deltaker 2 sa ja; [navn] sa nei, per i dag."
    )


def test_all_mode_leaves_names_alone():
    people = PeopleFilter("alle", PEOPLE)
    assert people.scrub("Per Olsen og Kari") == "Per Olsen og Kari"
    assert people.marks(["Per Olsen", "Kari Hansen"]) == {"Per Olsen": "PO", "Kari Hansen": "KH"}


def test_clashing_initials_fall_back_to_full_names():
    people = PeopleFilter("alle", [_person("Kari Hansen"), _person("Knut Holm")])
    assert people.marks(["Kari Hansen", "Knut Holm"]) == {
        "Kari Hansen": "Kari Hansen",
        "Knut Holm": "Knut Holm",
    }
    assert initials("Per-Arne Olsen") == "PAO"


def test_unknown_mode_is_refused():
    with pytest.raises(ValueError):
        PeopleFilter("noen", PEOPLE)  # type: ignore[arg-type]
