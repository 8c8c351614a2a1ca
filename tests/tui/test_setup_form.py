"""The set-up form's one check: fields as typed into a meeting's values, and a stored one back."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from models.meeting_form import MeetingForm, ParticipantLine
from models.roles import LINE_ROLES_SHOWN
from tui.home_data import HomeJourney
from tui.setup_form import NEW_JOURNEY, TypedSetup, check_setup, offered, typed_from
from tui.store import GuideChoice, SetupChoices

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøåABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ-", min_size=1)
NAME = st.lists(WORD, min_size=1, max_size=3).map(" ".join)
TIME = st.tuples(st.integers(0, 23), st.integers(0, 59)).map(lambda hm: f"{hm[0]:02d}:{hm[1]:02d}")
PARTICIPANT = st.builds(
    ParticipantLine,
    name=NAME,
    role=st.one_of(st.just(""), NAME),
    organisation=st.one_of(st.just(""), NAME),
    meeting_role=st.sampled_from(LINE_ROLES_SHOWN).map(str),
    email=st.one_of(st.just(""), st.builds("{}@{}.no".format, WORD, WORD)),
)


@st.composite
def stored_forms(draw: st.DrawFn) -> MeetingForm:
    start, end = sorted(draw(st.lists(TIME, min_size=2, max_size=2)))
    return MeetingForm(
        title=draw(NAME),
        date=draw(st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31))),
        start_time=start,
        end_time=draw(st.sampled_from(["", end])),
        place=draw(st.one_of(st.just(""), NAME)),
        teams=draw(st.booleans()),
        organisations=tuple(draw(st.lists(NAME, min_size=1, max_size=3, unique=True))),
        participants=tuple(draw(st.lists(PARTICIPANT, max_size=4))),
        facilitators=tuple(draw(st.lists(NAME, max_size=2, unique=True))),
        note_takers=tuple(draw(st.lists(NAME, max_size=2, unique=True))),
        guide_key=draw(st.sampled_from(["mobile-tjenester", "egen-guide"])),
        guide_version=draw(st.integers(1, 9)),
        journey_id=draw(st.sampled_from(["j1", "j2"])),
        teams_link=draw(st.sampled_from(["", "https://teams.microsoft.com/l/meetup-join/1"])),
    )


@given(stored_forms())
def test_a_stored_meeting_shown_in_the_fields_and_saved_unchanged_checks_to_the_same_form(
    form: MeetingForm,
) -> None:
    assert check_setup(typed_from(form)) == (form, {})


def test_an_empty_form_names_every_field_that_must_be_filled_and_gives_no_form() -> None:
    form, problems = check_setup(TypedSetup(journey=NEW_JOURNEY))
    assert form is None
    assert set(problems) == {"orgs", "date", "guide", "journey"}


def test_problems_are_given_per_field_and_the_pending_organisation_counts() -> None:
    typed = TypedSetup(
        new_org="  HEMIT HF ",
        date="31.02.2026",
        start="10:00",
        end="09:00",
        teams_link="teams",
        participants="Kari, rådgiver, kari@",
        guide="mobile-tjenester@1",
        journey="j1",
    )
    form, problems = check_setup(typed)
    assert form is None
    assert set(problems) == {"date", "end", "teams-link", "participants"}


def test_a_new_journey_and_an_empty_title_give_the_default_title_and_no_journey_id() -> None:
    typed = TypedSetup(
        organisations=("HEMIT HF",),
        new_org="DSB",
        date="3.1.26",
        start="9",
        guide="mobile-tjenester@2",
        journey=NEW_JOURNEY,
        new_journey=" Nødnett 2026 ",
    )
    form, problems = check_setup(typed)
    assert problems == {}
    assert form is not None
    assert (form.organisations, form.date, form.start_time) == (
        ("HEMIT HF", "DSB"),
        dt.date(2026, 1, 3),
        "09:00",
    )
    assert (form.journey_id, form.new_journey, form.guide_version) == (None, "Nødnett 2026", 2)
    assert "HEMIT HF, DSB" in form.title


def _choices() -> SetupChoices:
    return SetupChoices(
        journeys=(HomeJourney("j1", "Første", 0), HomeJourney("j2", "Andre", 0)),
        organisations=("DSB", "HEMIT HF"),
        guides=(
            GuideChoice("mobile-tjenester", 1, "Mobile tjenester"),
            GuideChoice("mobile-tjenester", 2, "Mobile tjenester"),
        ),
    )


def test_a_new_meeting_is_offered_the_newest_guide_and_journey_unless_one_is_asked_for() -> None:
    lists = offered(_choices(), None)
    assert (lists.guide, lists.journey) == ("mobile-tjenester@2", "j2")
    assert lists.organisations == (("DSB", False), ("HEMIT HF", False))
    assert offered(_choices(), None, "j1").journey == "j1"
    assert lists.journeys[-1][1] == NEW_JOURNEY
    empty = SetupChoices(journeys=(), organisations=(), guides=())
    assert (offered(empty, None).guide, offered(empty, None).journey) == (None, NEW_JOURNEY)


def test_a_stored_meeting_keeps_its_guide_organisations_and_journey_even_when_unknown_here() -> (
    None
):
    stored = MeetingForm(
        title="Møte",
        date=dt.date(2026, 11, 4),
        start_time="10:00",
        end_time="",
        place="",
        teams=False,
        organisations=("Helse Nord", "HEMIT HF"),
        participants=(),
        facilitators=(),
        note_takers=(),
        guide_key="egen-guide",
        guide_version=3,
        journey_id="j1",
    )
    lists = offered(_choices(), stored, "j2")
    assert lists.organisations == (("DSB", False), ("HEMIT HF", True), ("Helse Nord", True))
    assert lists.highlighted == 1
    assert (lists.guide, lists.guides[-1]) == ("egen-guide@3", ("egen-guide (v3)", "egen-guide@3"))
    assert lists.journey == "j1"
