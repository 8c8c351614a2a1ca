"""Leaving out or pseudonymising people in exports (`--uten-deltakere` / `--pseudonymiser`).

Modes: «alle» shows names; «pseudonym» replaces every known name with a role label
(«Deltaker 1», «Fasilitator 1», «Referent 1»), also where the name appears in free text;
«ingen» leaves the lists of people out and otherwise behaves like «pseudonym».
Role and organisation are kept in both: they say who was in the room without naming anyone.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from exports.text import label as export_label
from models.field_values import MEETING_ROLES
from models.meeting_records import PersonInMeeting
from models.roles import Role

if TYPE_CHECKING:
    from models.meeting_records import MeetingRecords

Participants = Literal["alle", "ingen", "pseudonym"]
PARTICIPANT_MODES: tuple[str, ...] = ("alle", "ingen", "pseudonym")
UNSURE_NAME = "[navn]"  # a first name two people share: which one is not known
EMAIL_LEFT_OUT = "[e-post]"
ROLE_LABELS = {role: export_label(f"role_{role.name.lower()}") for role in Role}
OTHER_LABEL = "Kontaktperson"  # someone in the database not met in these meetings
# An e-mail address as people type them; with names hidden every address goes, known or not.
_EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")


def initials(name: str) -> str:
    """«Kari Nordmann» → «KN»; «Per-Arne Olsen» → «PAO»."""
    parts = [part for part in re.split(r"[\s\-]+", name.strip()) if part]
    return "".join(part[0].upper() for part in parts) or "?"


def _words_pattern(words: Iterable[str], flags: int) -> re.Pattern[str] | None:
    """A pattern matching any of `words` as whole words, longest first."""
    ordered = sorted(words, key=len, reverse=True)
    if not ordered:
        return None
    alternatives = "|".join(re.escape(word) for word in ordered)
    return re.compile(rf"(?<!\w)({alternatives})(?!\w)", flags)


class PeopleFilter:
    """Decides how each person is named in one export."""

    def __init__(
        self,
        mode: Participants,
        people: Iterable[PersonInMeeting],
        authors: Iterable[str] = (),
        others: Iterable[str] = (),
    ) -> None:
        if mode not in PARTICIPANT_MODES:
            raise ValueError(f"participants must be one of {PARTICIPANT_MODES}, not {mode!r}")
        self.mode = mode
        self._labels: dict[str, str] = {}
        self._originals: dict[str, str] = {}
        counters: dict[str, int] = defaultdict(int)
        order = {role: index for index, role in enumerate(MEETING_ROLES)}
        for person in sorted(people, key=lambda p: (order.get(p.meeting_role, 9), p.name)):
            self._add(
                person.name,
                ROLE_LABELS.get(person.meeting_role, ROLE_LABELS[Role.PARTICIPANT]),
                counters,
            )
        for author in sorted(set(authors)):
            self._add(author, "Referent", counters)
        for other in sorted(set(others)):
            self._add(other, OTHER_LABEL, counters)
        self._pattern = _words_pattern(self._labels, re.IGNORECASE)
        # A first name or surname alone («Siri sa …») names someone too. Matched with its
        # capital letter only, so the ordinary word «per» is not taken for the name «Per».
        parts: dict[str, set[str]] = defaultdict(set)
        for full_name, label in self._originals.items():
            for part in re.split(r"[\s\-]+", full_name):
                if len(part) > 1 and part[0].isupper():
                    parts[part].add(label)
        self._parts = {
            part: labels.pop() if len(labels) == 1 else UNSURE_NAME
            for part, labels in parts.items()
        }
        self._part_pattern = _words_pattern(self._parts, 0)

    def _add(self, name: str, role_label: str, counters: dict[str, int]) -> None:
        key = name.strip().casefold()
        if key and key not in self._labels:
            counters[role_label] += 1
            self._labels[key] = f"{role_label} {counters[role_label]}"
            self._originals[name.strip()] = self._labels[key]

    @property
    def shows_names(self) -> bool:
        return self.mode == "alle"

    @property
    def lists_people(self) -> bool:
        return self.mode != "ingen"

    def name(self, real_name: str) -> str:
        if self.shows_names:
            return real_name
        return self._labels.get(real_name.strip().casefold(), "Person")

    def scrub(self, text: str) -> str:
        """`text` with every known name replaced by its label (unchanged when names are shown)."""
        if self.shows_names:
            return text
        text = _EMAIL.sub(EMAIL_LEFT_OUT, text)
        if self._pattern is None:
            return text
        text = self._pattern.sub(lambda match: self._labels[match.group(0).casefold()], text)
        if self._part_pattern is None:
            return text
        return self._part_pattern.sub(lambda match: self._parts[match.group(0)], text)

    def marks(self, authors: Iterable[str]) -> dict[str, str]:
        """A short mark per note author: initials, or the full name/label when initials clash."""
        shown = {author: self.name(author) for author in authors}
        if not self.shows_names:
            # «Fasilitator 1» → «F1», «Referent 2» → «R2».
            return {
                a: "".join(w[0] if w.isalpha() else w for w in s.split()) for a, s in shown.items()
            }
        short = {author: initials(name) for author, name in shown.items()}
        clashing = {mark for mark in short.values() if list(short.values()).count(mark) > 1}
        return {a: (shown[a] if mark in clashing else mark) for a, mark in short.items()}


def people_filter_for(records: MeetingRecords, mode: Participants) -> PeopleFilter:
    people = [person for group in records.people.values() for person in group]
    authors = [note.author for notes in records.notes.values() for note in notes]
    authors += [answer.author for answers in records.answers.values() for answer in answers]
    others = [person.name for person in records.persons]
    return PeopleFilter(mode, people, authors, others)
