"""`innsikt conflicts` read with plain sqlite3 lists exactly what the ORM's list_conflicts does.

Two laptops edit the same records at once — text, a list, a flag, a date, a number, a deletion —
and merge; both reads of the result must agree view for view.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from click.testing import CliRunner

from models import records
from models.read import reading
from models.read_conflicts import open_conflicts
from models.storage import Database, open_database
from models.sync.conflicts import list_conflicts
from models.sync.merge import merge_files
from models.sync.snapshot import write_snapshot
from models.tables import FollowUp, Journey, Meeting, Meta, Organisation, Service
from tui.cli import cli


def _both_edit(tmp_path: Path) -> Database:
    a = open_database(tmp_path / "a.sqlite")
    with a.transaction() as session:
        journey = records.create(a, session, Journey, name="Reise")
        meeting = records.create(a, session, Meeting, journey_id=journey.id, title="Møte")
        org = records.create(a, session, Organisation, name="HEMIT HF", email_domains=["a.no"])
        service = records.create(a, session, Service, name="LifeX", owner_id=org.id)
        followup = records.create(a, session, FollowUp, meeting_id=meeting.id, what="Ring Kari")
        session.add(Meta(key="author", value="Kari Nordmann"))
    b = open_database(tmp_path / "b.sqlite")
    merge_files(b, [write_snapshot(a, tmp_path / "a0.sqlite")])
    b.clock.wall = lambda: 1_900_000_000_000  # B's later edits win; A's become conflicts
    for db, tag in ((b, "B"), (a, "A")):
        with db.transaction() as session:
            records.update(
                db,
                session,
                session.get(Meeting, meeting.id),
                title=f"Møte {tag}",
                teams=tag == "A",
                date=dt.date(2026, 3, 1 if tag == "A" else 2),
                guide_version=1 if tag == "A" else 2,
            )
            records.update(db, session, session.get(Organisation, org.id), email_domains=[tag])
            records.update(db, session, session.get(Service, service.id), plans=f"plan {tag}")
            if tag == "A":
                records.delete(db, session, session.get(FollowUp, followup.id))
            else:
                records.update(db, session, session.get(FollowUp, followup.id), who="Ola")
    from_b = write_snapshot(b, tmp_path / "b1.sqlite")
    merge_files(a, [from_b])
    b.close()
    return a


def test_the_plain_read_lists_the_conflicts_the_orm_lists(tmp_path: Path) -> None:
    db = _both_edit(tmp_path)
    with db.session() as session:
        expected = [view.as_dict() for view in list_conflicts(session)]
    with reading(db.path) as connection:
        got = [view.as_dict() for view in open_conflicts(connection)]
    db.close()
    fields = {view["field"] for view in expected}
    assert {"title", "date", "guide_version", "email_domains", "plans", "deleted"} <= fields
    assert got == expected


def test_conflicts_prints_the_same_json_without_the_orm(tmp_path: Path) -> None:
    db = _both_edit(tmp_path)
    with db.session() as session:
        expected = [view.as_dict() for view in list_conflicts(session)]
    db.close()
    result = CliRunner().invoke(cli, ["conflicts", "--json", "--db", str(db.path)])
    assert result.exit_code == 0
    assert json.loads(result.output) == json.loads(json.dumps(expected, default=str))
