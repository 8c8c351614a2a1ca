"""Meeting set-up: participants picked by type-ahead of known people, or typed new on one line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Input, SelectionList, Static, TextArea

from tui.forms import (
    FieldProblem,
    ParticipantLine,
    clean_line,
    parse_new_person,
    parse_participants,
    participant_line,
)
from tui.text import tx

if TYPE_CHECKING:
    from textual.css.query import QueryType

    from tui.store import KnownPerson, SetupChoices


class ParticipantTypeAhead:
    """Mixed into MeetingSetupScreen: the «Legg til deltaker» field (#add-person).

    A few letters and Enter add a known person of the chosen organisations with role,
    organisation and e-mail; «Navn, rolle, e-post» adds someone new to the first organisation.
    """

    choices: SetupChoices | None

    if TYPE_CHECKING:

        def query_one(self, selector: str, expect_type: type[QueryType]) -> QueryType: ...

    # --- participants by type-ahead ---------------------------------------------------------

    def _chosen_organisations(self) -> list[str]:
        return [str(value) for value in self.query_one("#orgs", SelectionList).selected]

    def person_candidates(self, typed: str) -> list[KnownPerson]:
        """Known people whose name (or a word of it) starts with `typed`, not yet on the list;
        those of the chosen organisations first."""
        typed = clean_line(typed).casefold()
        if not typed or self.choices is None:
            return []
        listed = {line.name.casefold() for line in self._typed_participants() if line is not None}
        chosen = set(self._chosen_organisations())

        from models.contacts import name_matches  # the contacts panel matches names alike

        found = [
            p
            for p in self.choices.people
            if name_matches(p.name, typed) and p.name.casefold() not in listed
        ]
        return sorted(found, key=lambda p: p.organisation not in chosen)

    def _typed_participants(self) -> list[ParticipantLine]:
        try:
            return parse_participants(self.query_one("#participants", TextArea).text)
        except FieldProblem:
            return []

    def _person_to_add(self, typed: str) -> ParticipantLine | None:
        typed = clean_line(typed)
        if not typed:
            return None
        chosen = self._chosen_organisations()
        if "," not in typed:
            candidates = self.person_candidates(typed)
            if candidates:
                p = candidates[0]
                return ParticipantLine(p.name, p.role, p.organisation, email=p.email)
        return parse_new_person(typed, chosen[0] if chosen else "")

    # Named handlers, not @on: Textual collects decorated handlers only on its own classes.
    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "add-person":
            return
        hint = self.query_one("#person-hint", Static)
        try:
            person = self._person_to_add(event.value)
        except FieldProblem as problem:
            hint.update(str(problem))
            return
        if person is None:
            hint.update("")
            return
        known = "," not in event.value and bool(self.person_candidates(event.value))
        key = "setup_person_match" if known else "setup_person_new"
        hint.update(tx(key, line=participant_line(person)))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "add-person":
            return
        event.stop()
        error = self.query_one("#participants-error", Static)
        try:
            person = self._person_to_add(event.value)
        except FieldProblem as problem:
            error.update(str(problem))
            error.add_class("-shown")
            return
        if person is None:
            return
        area = self.query_one("#participants", TextArea)
        existing = area.text.rstrip("\n")
        area.text = (
            f"{existing}\n{participant_line(person)}" if existing else participant_line(person)
        )
        event.input.value = ""
        error.remove_class("-shown")
        self.query_one("#person-hint", Static).update(tx("setup_person_added", name=person.name))
