"""Random walks over the capture keys: every typed word lands in the note of the question shown.

Hypothesis drives the real app with sequences of PgDn, PgUp, Tab, shift+Tab, F2 (on the services,
follow-ups and contacts panels, and on choices), Escape,
ctrl+g + a section letter and alt+digit, interleaved with words full of the letters that once
ran panel actions (n, k, m, x, e). A model follows which question is on screen; at every word the
note of that question must end with everything typed there, and at the end the database must
hold exactly those notes, with no service link, follow-up or contact changed: no deliberate panel key
(F2 followed by a letter) is ever pressed. F2 on a panel is always left again by Escape, PgDn or
PgUp, and two Escapes in a row (the deliberate way to leave the meeting) are not generated.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from models.guides import find_guide
from models.records import live
from models.storage import open_database
from models.tables import Contact, FollowUp, Meeting, Note, ServiceMention
from tests.budget import examples
from tests.templates import copy_demo
from tests.tui.support import make_app, type_text, wait_for_screen
from tui.screens.capture import CaptureScreen
from tui.widgets.notes_editor import NotesEditor

GUIDE = find_guide("mobile-tjenester", 1)
QUESTIONS = GUIDE.questions()
SECTIONS = [section.key for section in GUIDE.sections]
PANEL_KINDS = ("services", "followups", "people")

WORD = st.text(alphabet="nkmxeaoøi", min_size=1, max_size=7).filter(
    lambda word: any(letter in word for letter in "nkmxe")
)
STEP = st.one_of(
    st.tuples(st.just("word"), WORD),
    st.tuples(st.sampled_from(["pagedown", "pageup", "tab", "shift+tab", "escape"]), st.just("")),
    st.tuples(st.just("f2"), st.sampled_from(["escape", "pagedown", "pageup"])),
    st.tuples(st.just("ctrl+g"), st.sampled_from(SECTIONS)),
    # F2 on the contacts panel of F1 (the `people` question), left again at once.
    st.tuples(st.just("contacts"), st.sampled_from(["escape", "pagedown", "pageup"])),
    st.tuples(st.just("alt"), st.sampled_from("1234567890")),
)


def without_double_escape(steps: list[tuple[str, str]]) -> list[tuple[str, str]]:
    kept: list[tuple[str, str]] = []
    for step in steps:
        if not (step[0] == "escape" and kept and kept[-1][0] == "escape"):
            kept.append(step)
    return kept


def snapshot(
    db_path: Path, meeting_id: str
) -> tuple[dict[str, str], set[tuple], set[tuple], set[tuple]]:
    db = open_database(db_path)
    try:
        with db.session() as session:
            notes = {
                note.question_key: note.text
                for note in session.exec(live(Note).where(Note.author == "Kari")).all()
                if note.text
            }
            links = {
                (row.question_key, row.service_id, row.remark)
                for row in session.exec(
                    live(ServiceMention).where(ServiceMention.meeting_id == meeting_id)
                ).all()
            }
            followups = {
                (row.id, row.what, row.who, row.status)
                for row in session.exec(live(FollowUp)).all()
            }
            contacts = {
                (row.question_key, row.person_id)
                for row in session.exec(live(Contact).where(Contact.meeting_id == meeting_id))
            }
        return notes, links, followups, contacts
    finally:
        db.close()


async def walk(db_path: Path, meeting_id: str, steps: list[tuple[str, str]]) -> dict[str, str]:
    """Press the steps; return the notes the model expects."""
    expected: dict[str, str] = {}
    index = 0
    app = make_app(db_path, meeting_ref=meeting_id, author="Kari")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, "CaptureScreen")
        screen = app.screen
        assert isinstance(screen, CaptureScreen)
        for kind, value in steps:
            if kind == "word":
                await type_text(pilot, value + " ")
                key = QUESTIONS[index].key
                expected[key] = expected.get(key, "") + value + " "
                assert screen.question.key == key
                assert screen.query_one(NotesEditor).text == expected[key]
            elif kind == "f2":
                await pilot.press("f2", value)
            elif kind == "contacts":
                await pilot.press("ctrl+g", "f")
                await pilot.pause()
                index = next(i for i, q in enumerate(QUESTIONS) if q.kind == "people")
                await pilot.press("f2")
                await pilot.pause()
                assert app.focused is screen.query_one("#contact-line")
                await pilot.press(value)
            elif kind == "ctrl+g":
                await pilot.press("ctrl+g", value.lower())
                await pilot.pause()
                index = next(
                    i for i, q in enumerate(QUESTIONS) if GUIDE.section_of(q.key).key == value
                )  # type: ignore[union-attr]
            elif kind == "alt":
                await pilot.press(f"alt+{value}")
                if value == "0":
                    await pilot.press("escape")  # «annet» opened; back to the note
            else:
                await pilot.press(kind)
            if value == "pagedown" or kind == "pagedown":
                index = min(index + 1, len(QUESTIONS) - 1)
            elif value == "pageup" or kind == "pageup":
                index = max(index - 1, 0)
            assert app.screen is screen, (kind, value, type(app.screen).__name__)
            assert screen.question.key == QUESTIONS[index].key
        await app.settle()
    return {key: text for key, text in expected.items() if text}


def test_random_key_walks_put_every_word_in_the_note_on_screen(tmp_path: Path) -> None:
    template = tmp_path / "template.sqlite"
    copy_demo(template)  # the demo, built once per test process
    db = open_database(template)
    with db.session() as session:
        meeting_id = (
            session.exec(
                select(Meeting).where(Meeting.title.contains("Helse Nord"))  # type: ignore[attr-defined]
            )
            .one()
            .id
        )
    db.close()
    _, links_before, followups_before, contacts_before = snapshot(template, meeting_id)

    @settings(
        max_examples=examples(3, 40),  # HYPOTHESIS_PROFILE=thorough: tests/budget.py
        derandomize=True,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(st.lists(STEP, min_size=4, max_size=14).map(without_double_escape))
    # Always once through the contacts panel: F2 there, a word after leaving it by each key.
    @example([("contacts", "escape"), ("word", "nkx"), ("contacts", "pagedown"), ("word", "em")])
    def check(steps: list[tuple[str, str]]) -> None:
        with tempfile.TemporaryDirectory(dir=tmp_path) as folder:
            db_path = Path(folder) / "innsikt.sqlite"
            shutil.copyfile(template, db_path)
            expected = asyncio.run(walk(db_path, meeting_id, steps))
            notes, links, followups, contacts = snapshot(db_path, meeting_id)
            assert notes == expected
            assert links == links_before
            assert followups == followups_before
            assert contacts == contacts_before

    check()
