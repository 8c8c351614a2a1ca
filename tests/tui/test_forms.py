"""Parsing what users type into the set-up form: dates, times, participants, pasted text."""

from __future__ import annotations

import datetime as dt

import pytest

from tui.forms import (
    FieldProblem,
    ParticipantLine,
    clean_line,
    clean_note,
    parse_date,
    parse_names,
    parse_participants,
    parse_time,
    participant_line,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("23.11.2026", dt.date(2026, 11, 23)),
        ("3.1.26", dt.date(2026, 1, 3)),
        ("2026-11-23", dt.date(2026, 11, 23)),
        (" 23/11/2026 ", dt.date(2026, 11, 23)),
    ],
)
def test_dates_in_norwegian_and_iso_form_are_read(typed: str, expected: dt.date) -> None:
    assert parse_date(typed) == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Skriv en dato"),
        ("i morgen", "er ikke en dato"),
        ("31.02.2026", "er ikke en dato"),
        ("01.01.1899", "Året 1899 er ikke rimelig"),
        ("01.01.9999", "Året 9999 er ikke rimelig"),
        ("\x00\x07", "er ikke en dato"),
    ],
)
def test_empty_and_absurd_dates_get_a_message(typed: str, message: str) -> None:
    with pytest.raises(FieldProblem, match=message):
        parse_date(typed)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("9", "09:00"), ("0930", "09:30"), ("9.30", "09:30"), ("14:05", "14:05"), ("", "")],
)
def test_times_are_normalised(typed: str, expected: str) -> None:
    assert parse_time(typed) == expected


@pytest.mark.parametrize("typed", ["25:00", "12:60", "kl ni", "99999", "-1"])
def test_absurd_times_get_a_message(typed: str) -> None:
    with pytest.raises(FieldProblem, match="er ikke et klokkeslett"):
        parse_time(typed)


def test_participants_are_one_per_line_with_optional_role_and_organisation() -> None:
    typed = "Åse Øvrebø, seksjonsleder, Helse Nord IKT\n\n  Per 😀\r\nLi, arkitekt\n"
    assert parse_participants(typed) == [
        ParticipantLine("Åse Øvrebø", "seksjonsleder", "Helse Nord IKT"),
        ParticipantLine("Per 😀"),
        ParticipantLine("Li", "arkitekt"),
    ]


@pytest.mark.parametrize("line", [", rolle, org", " , b, c, d"])
def test_a_participant_line_that_cannot_be_read_names_its_line(line: str) -> None:
    with pytest.raises(FieldProblem, match="Linje 2"):
        parse_participants(f"Kari\n{line}")


@pytest.mark.parametrize(
    "participant",
    [
        ParticipantLine("Anders Vik", "Utvikler, innsatslederapp", "HEMIT HF"),
        ParticipantLine("Anders Vik", "Utvikler, innsatslederapp"),
        ParticipantLine("Åse", "", "Helse Nord IKT"),
        ParticipantLine("Li", "arkitekt"),
        ParticipantLine("Per 😀"),
    ],
)
def test_a_stored_participant_reads_back_from_its_form_line(
    participant: ParticipantLine,
) -> None:
    assert parse_participants(participant_line(participant)) == [participant]


def test_names_split_on_commas_and_semicolons_once_each() -> None:
    assert parse_names("Kari; Ola , Kari,, Bjørn") == ["Kari", "Ola", "Bjørn"]


def test_control_characters_become_visible_and_line_breaks_survive_in_notes() -> None:
    assert clean_note("a\x00b\x07c\r\nd\te\x7f") == "a␀b␇c\nd\te␡"


def test_one_line_fields_show_tabs_and_newlines_as_visible_replacements() -> None:
    assert clean_line("  Ola\tNordmann\n ") == "Ola Nordmann␊"
