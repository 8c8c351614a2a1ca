"""Services and follow-ups in the data layer: writes, links, search, filters, sorting, dates."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from models.catalogue import ValidationError, clean_text, save_service, service_vocabulary
from models.followups import (
    add_followup,
    meeting_followups,
    next_followup_status,
    open_followups,
    parse_due_date,
    set_followup_status,
)
from models.mentions import link_service, mentioned_services, set_mention_remark, unlink_mention
from models.read import ServiceRow, reading, service_rows
from models.records import create, update
from models.service_search import (
    ServiceFilter,
    filter_services,
    rank_services,
    service_choices,
    similar_services,
    sort_services,
)
from models.storage import Database
from models.tables import FollowUp, Journey, Meeting, Organisation, Service, ServiceMention


def service_rows_of(db: Database) -> list[ServiceRow]:
    """The service catalogue's rows, as the screen reads them."""
    with reading(db.path) as connection:
        return service_rows(connection)


@pytest.fixture
def world(fresh_db: Database) -> dict[str, str]:
    """Two meetings of one journey and two organisations."""
    with fresh_db.transaction() as session:
        journey = create(fresh_db, session, Journey, name="Reise")
        first = create(fresh_db, session, Meeting, journey_id=journey.id, title="Helse Nord IKT")
        second = create(fresh_db, session, Meeting, journey_id=journey.id, title="HEMIT")
        nord = create(fresh_db, session, Organisation, name="Helse Nord IKT")
        hemit = create(fresh_db, session, Organisation, name="HEMIT HF")
    return {
        "first": first.id,
        "second": second.id,
        "nord": nord.id,
        "hemit": hemit.id,
    }


def _service(db: Database, name: str, **fields: object) -> str:
    return save_service(db, {"name": name, **fields})


def test_new_service_is_stamped_and_linked_to_the_meeting(
    fresh_db: Database, world: dict[str, str]
) -> None:
    service_id = save_service(
        fresh_db,
        {"name": "Lifex mobil", "status": "i drift", "owner_id": world["nord"]},
        meeting_id=world["first"],
        question_key="B1",
    )
    with fresh_db.session() as session:
        service = session.get(Service, service_id)
        assert service is not None
        assert service.owner_id == world["nord"]
        assert service.clocks["name"] == service.hlc
        assert service.device_id == fresh_db.device_id
        rows = mentioned_services(session, world["first"], "B1")
    assert [(row.name, row.status) for row in rows] == [("Lifex mobil", "i drift")]


def test_one_service_linked_from_two_meetings_counts_two_meetings(
    fresh_db: Database, world: dict[str, str]
) -> None:
    service_id = save_service(
        fresh_db, {"name": "Lifex mobil"}, meeting_id=world["first"], question_key="B1"
    )
    link_service(fresh_db, service_id, world["second"], "E1")
    with fresh_db.session() as session:
        (row,) = service_rows_of(fresh_db)
        assert row.meetings == 2
        assert [r.name for r in mentioned_services(session, world["second"], "E1")] == [
            "Lifex mobil"
        ]
        assert mentioned_services(session, world["second"], "B1") == []


def test_linking_twice_keeps_one_link(fresh_db: Database, world: dict[str, str]) -> None:
    service_id = _service(fresh_db, "Lifex mobil")
    first = link_service(fresh_db, service_id, world["first"], "B1")
    again = link_service(fresh_db, service_id, world["first"], "B1")
    assert first == again
    with fresh_db.session() as session:
        assert len(session.exec(select(ServiceMention)).all()) == 1


def test_unlink_tombstones_and_relink_revives_with_the_remark(
    fresh_db: Database, world: dict[str, str]
) -> None:
    service_id = _service(fresh_db, "Lifex mobil")
    mention_id = link_service(fresh_db, service_id, world["first"], "B1")
    set_mention_remark(fresh_db, mention_id, "brukes i alle biler")
    unlink_mention(fresh_db, mention_id)
    with fresh_db.session() as session:
        assert mentioned_services(session, world["first"], "B1") == []
        mention = session.get(ServiceMention, mention_id)
        assert mention is not None and mention.deleted
        assert session.get(Service, service_id) is not None
    assert link_service(fresh_db, service_id, world["first"], "B1") == mention_id
    with fresh_db.session() as session:
        (row,) = mentioned_services(session, world["first"], "B1")
    assert row.remark == "brukes i alle biler"


def test_editing_stamps_only_the_changed_fields(fresh_db: Database, world: dict[str, str]) -> None:
    service_id = _service(fresh_db, "Lifex mobil", status="planlagt")
    with fresh_db.session() as session:
        before = session.get(Service, service_id)
        assert before is not None
        name_clock = before.clocks["name"]
    save_service(fresh_db, {"status": "i drift"}, service_id=service_id)
    with fresh_db.session() as session:
        after = session.get(Service, service_id)
        assert after is not None
    assert after.status == "i drift"
    assert after.clocks["name"] == name_clock
    assert after.clocks["status"] > name_clock


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": "   "}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": "Lifex", "status": "nesten ferdig"}, "status"),
        ({"name": "Lifex", "criticality": "svært"}, "criticality"),
        ({"name": "Lifex", "owner_id": "no-such-organisation"}, "owner_id"),
        ({"name": "Lifex", "suppliers": "x" * 5000}, "suppliers"),
    ],
)
def test_bad_service_values_are_refused_and_nothing_is_written(
    fresh_db: Database, fields: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        save_service(fresh_db, fields)
    assert raised.value.field == field
    assert str(raised.value)
    with fresh_db.session() as session:
        assert session.exec(select(Service)).all() == []


def test_a_stored_value_outside_the_choices_survives_editing_another_field(
    fresh_db: Database,
) -> None:
    service_id = _service(fresh_db, "Gammel tjeneste")
    with fresh_db.transaction() as session:
        service = session.get(Service, service_id)
        assert service is not None
        update(fresh_db, session, service, status="avviklet 2019")  # as a merge might leave it
    save_service(fresh_db, {"status": "avviklet 2019", "criticality": "lav"}, service_id=service_id)
    with fresh_db.session() as session:
        service = session.get(Service, service_id)
        assert service is not None
    assert (service.status, service.criticality) == ("avviklet 2019", "lav")
    with pytest.raises(ValidationError):
        save_service(fresh_db, {"status": "avviklet 2020"}, service_id=service_id)


def test_long_prose_and_odd_characters_survive(fresh_db: Database) -> None:
    paste = "æøå 🚑 " * 30_000
    service_id = _service(fresh_db, "Tjeneste\x07 æøå 🚑\n", description=paste, plans="a\r\nb")
    with fresh_db.session() as session:
        service = session.get(Service, service_id)
        assert service is not None
    assert service.name == "Tjeneste␇ æøå 🚑"
    assert service.description == paste.strip()
    assert service.plans == "a\nb"


def test_clean_text_keeps_lines_only_in_multiline_fields() -> None:
    assert clean_text("a\nb\tc") == "a b c"
    assert clean_text("a\nb\tc\x00", multiline=True) == "a\nb\tc␀"


def test_fuzzy_search_finds_lifex_mobil_first(fresh_db: Database, world: dict[str, str]) -> None:
    for name in ("Nødnett radio", "Lifex mobil", "Legevakt-app", "Flexlife"):
        _service(fresh_db, name, owner_id=world["nord"])
    with fresh_db.session() as session:
        choices = service_choices(session)
    assert [c.name for c in choices] == ["Flexlife", "Legevakt-app", "Lifex mobil", "Nødnett radio"]
    assert rank_services(choices, "lifex")[0].name == "Lifex mobil"
    assert rank_services(choices, "lifx mobl")[0].name == "Lifex mobil"
    assert rank_services(choices, "lifex")[0].owner == "Helse Nord IKT"
    assert rank_services(choices, "zzzz") == []
    assert rank_services(choices, "  ") == choices


def test_likely_duplicates_are_whole_names_alike_not_shared_words(
    fresh_db: Database,
) -> None:
    for name in ("Lifex mobil", "Legevakt mobilklient", "Nasjonal videomotor"):
        _service(fresh_db, name)
    with fresh_db.session() as session:
        choices = service_choices(session)

    def similar(name: str) -> list[str]:
        return [choice.name for choice in similar_services(choices, name)]

    assert similar("lifex mobile") == ["Lifex mobil"]
    assert similar("Legevakt mobil-klient") == ["Legevakt mobilklient"]
    assert similar("videomotor nasjonal") == ["Nasjonal videomotor"]
    assert similar("Mobil video") == []
    assert similar("Lif") == []


def test_catalogue_filters_and_sorts(fresh_db: Database, world: dict[str, str]) -> None:
    _service(fresh_db, "Alfa", status="i drift", criticality="viktig", owner_id=world["nord"])
    _service(fresh_db, "Beta", status="planlagt", criticality="oppdragskritisk")
    _service(fresh_db, "Gamma", status="i drift", owner_id=world["hemit"])
    rows = service_rows_of(fresh_db)
    in_service = filter_services(rows, ServiceFilter(status="i drift"))
    assert [row.name for row in in_service] == ["Alfa", "Gamma"]
    nord = filter_services(rows, ServiceFilter(owner="Helse Nord IKT", status="i drift"))
    assert [row.name for row in nord] == ["Alfa"]
    assert filter_services(rows, ServiceFilter(owner="Helse Nord IKT", status="planlagt")) == []
    by_criticality = sort_services(rows, "criticality")
    assert [row.name for row in by_criticality] == ["Beta", "Alfa", "Gamma"]
    descending = sort_services(rows, "criticality", descending=True)
    assert [row.name for row in descending] == ["Alfa", "Beta", "Gamma"]
    assert [row.name for row in sort_services(rows, "name", descending=True)] == [
        "Gamma",
        "Beta",
        "Alfa",
    ]


def test_vocabulary_comes_from_the_services_guide() -> None:
    vocabulary = service_vocabulary()
    assert "ambulanse (bil)" in vocabulary.user_groups
    assert "smarttelefon" in vocabulary.equipment
    assert "Nødnett (TETRA)" in vocabulary.connectivity
    assert vocabulary.regions == (
        "Helse Sør-Øst",
        "Helse Midt-Norge",
        "Helse Vest",
        "Helse Nord",
        "nasjonal",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None),
        ("2026-12-01", dt.date(2026, 12, 1)),
        ("1.12.2026", dt.date(2026, 12, 1)),
        ("01.12.26", dt.date(2026, 12, 1)),
        ("1.12", dt.date(2026, 12, 1)),
        ("15/1", dt.date(2026, 1, 15)),
    ],
)
def test_due_dates_in_the_forms_people_type(text: str, expected: dt.date | None) -> None:
    assert parse_due_date(text, today=dt.date(2026, 11, 23)) == expected


@pytest.mark.parametrize("text", ["31.2.2026", "i morgen", "1.1.1900", "99.99", "2026-13-01"])
def test_absurd_due_dates_are_refused(text: str) -> None:
    with pytest.raises(ValidationError) as raised:
        parse_due_date(text, today=dt.date(2026, 11, 23))
    assert raised.value.field == "due_date"
    assert text[:10] in str(raised.value)


def test_followups_are_added_closed_and_leave_the_open_list(
    fresh_db: Database, world: dict[str, str]
) -> None:
    later = add_followup(fresh_db, world["first"], "Sende arkitekturskisse", "Kari", "2040-01-01")
    soon = add_followup(fresh_db, world["second"], "Avklare kritikalitet", "Ola", "2030-01-01")
    undated = add_followup(fresh_db, world["first"], "Invitere AMK")
    with fresh_db.session() as session:
        assert [row.id for row in open_followups(session)] == [soon, later, undated]
        assert [row.what for row in meeting_followups(session, world["first"])] == [
            "Sende arkitekturskisse",
            "Invitere AMK",
        ]
    set_followup_status(fresh_db, soon, "lukket")
    with fresh_db.session() as session:
        open_rows = open_followups(session)
        assert soon not in [row.id for row in open_rows]
        assert open_rows[0].meeting == "Helse Nord IKT"
        closed = session.get(FollowUp, soon)
        assert closed is not None and closed.status == "lukket"


def test_followup_needs_what_and_a_real_date(fresh_db: Database, world: dict[str, str]) -> None:
    with pytest.raises(ValidationError) as raised:
        add_followup(fresh_db, world["first"], "  ")
    assert raised.value.field == "what"
    with pytest.raises(ValidationError) as raised:
        add_followup(fresh_db, world["first"], "Noe", due="snart")
    assert raised.value.field == "due_date"
    with fresh_db.session() as session:
        assert session.exec(select(FollowUp)).all() == []


def test_followup_status_cycles() -> None:
    assert next_followup_status("åpen") == "pågår"
    assert next_followup_status("pågår") == "lukket"
    assert next_followup_status("lukket") == "åpen"
    assert next_followup_status("rart") == "åpen"
