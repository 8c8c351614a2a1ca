"""A database with one meeting (and its journey and organisation) for the Teams tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from models import records
from models.storage import Database, open_database
from models.tables import Journey, Meeting, MeetingOrganisation, Organisation


@pytest.fixture
def meeting_db(db_path: Path) -> Iterator[tuple[Database, str]]:
    """(database, meeting id): «Innsiktsmøte HEMIT» on 4 November 2026, 10:00–11:30."""
    db = open_database(db_path)
    with db.transaction() as session:
        journey = records.create(
            db,
            session,
            Journey,
            name="Mobile tjenester i helse",
            description="Kartlegge mobile tjenester før nytt nødnett.",
        )
        hemit = records.create(db, session, Organisation, name="HEMIT HF", short_name="HEMIT")
        meeting = records.create(
            db,
            session,
            Meeting,
            journey_id=journey.id,
            title="Innsiktsmøte HEMIT",
            date=dt.date(2026, 11, 4),
            start_time="10:00",
            end_time="11:30",
            guide_key="mobile-tjenester",
            guide_version=1,
        )
        records.create(
            db, session, MeetingOrganisation, meeting_id=meeting.id, organisation_id=hemit.id
        )
    yield db, meeting.id
    db.close()
