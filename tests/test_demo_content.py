"""The demo loads exactly the content it loaded before its text moved into data files."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from models.demo import load_demo
from models.demo.specs import check_choices, demo_content
from models.storage import Database
from models.tables import SYNCED_TABLES

# Per table, per record id: a digest of the record's content, taken on main before the demo's
# content left Python literals. Stamps, times and devices differ per load and are left out.
# Association records hold the ids derived from their keys since schema 10 (`models.identity`):
# their entries were taken again then, after checking that every record's digest under its old
# demo id was the one recorded before.
DIGEST = Path(__file__).parent / "data" / "demo_digest.json"
VOLATILE = {
    "created_at", "updated_at", "hlc", "device_id", "clocks", "field_devices", "seen",
    "text_base", "value_base",  # merge bookkeeping of schema 9: stamps and devices too
}  # fmt: skip
# Columns added to the schema after the digest was taken: left out while they hold their default.
ADDED_SINCE = {"phone": ""}


def _digest(row: dict[str, Any]) -> str:
    content = {
        name: value
        for name, value in row.items()
        if name not in VOLATILE and not (name in ADDED_SINCE and value == ADDED_SINCE[name])
    }
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def test_demo_loads_the_same_records_with_the_same_content_as_before(fresh_db: Database) -> None:
    load_demo(fresh_db)
    with fresh_db.session() as session:
        found = {
            model.__tablename__: {
                row.id: _digest(row.model_dump()) for row in session.exec(select(model)).all()
            }
            for model in SYNCED_TABLES
        }
    expected = json.loads(DIGEST.read_text(encoding="utf-8"))
    for table, rows in found.items():
        wanted = expected.get(table, {})
        assert rows.keys() == wanted.keys(), table
        changed = sorted(record for record in rows if rows[record] != wanted[record])
        assert not changed, (table, changed)


def test_demo_content_is_read_from_the_package_data_files() -> None:
    # importlib.resources finds the files in a wheel too; pyproject.toml ships models/demo/*.json.
    from importlib.resources import files

    names = {entry.name for entry in files("models.demo").iterdir()}
    assert {"journey.json", "meetings.json", "services.json", "notes.json"} <= names
    demo = demo_content()
    assert len(demo.meetings) == 6 and len(demo.services) == 33


def test_a_demo_choice_the_guide_does_not_offer_is_refused() -> None:
    demo = demo_content()
    service = dataclasses.replace(demo.services[0], equipment=("telegraf",))
    broken = dataclasses.replace(demo, services=(service, *demo.services[1:]))
    with pytest.raises(ValueError, match="telegraf"):
        check_choices(broken)
    meeting = demo.meetings[0]
    answer = next(answer for answer in meeting.answers if answer.choices)
    wrong = dataclasses.replace(answer, choices=("ikke et valg",))
    others = tuple(a for a in meeting.answers if a is not answer)
    broken = dataclasses.replace(
        demo, meetings=(dataclasses.replace(meeting, answers=(wrong, *others)),)
    )
    with pytest.raises(ValueError, match="ikke et valg"):
        check_choices(broken)
