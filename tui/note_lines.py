"""Plain-text conventions inside a note: «Navn (Virksomhet): », «Avklart: », a leading «10:42 ».

They are ordinary text so that they survive merges and exports, and search and the minutes can
recognise them later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CLARIFIED = "Avklart: "
_TIME = re.compile(r"^(?P<time>\d{1,2}:\d{2} )")
_SPEAKER = re.compile(r"^(?P<name>[^:(),.;!?\n]{1,60}?)(?: \((?P<org>[^()\n]*)\))?: (?P<rest>.*)$")


def speaker_prefix(name: str, organisation: str = "") -> str:
    """«Kari Nordmann (HEMIT HF): », or «Kari Nordmann: » without an organisation."""
    return f"{name} ({organisation}): " if organisation else f"{name}: "


@dataclass(frozen=True)
class NoteLine:
    """A line split into its optional time stamp, speaker and what was said."""

    time: str
    speaker: str
    text: str


def split_line(line: str) -> NoteLine:
    time = ""
    rest = line.strip()
    match = _TIME.match(rest)
    if match:
        time, rest = match["time"].strip(), rest[match.end() :]
    if rest.startswith(CLARIFIED):
        rest = rest[len(CLARIFIED) :]
    speaker = _SPEAKER.match(rest)
    if speaker and speaker["rest"].strip():
        return NoteLine(time, speaker["name"].strip(), speaker["rest"].strip())
    return NoteLine(time, "", rest.strip())


def toggle_clarified(line: str) -> str:
    """Put «Avklart: » at the start of the line (after a time stamp), or take it away again."""
    match = _TIME.match(line)
    head, rest = (match["time"], line[match.end() :]) if match else ("", line)
    if rest.startswith(CLARIFIED):
        return head + rest[len(CLARIFIED) :]
    return head + CLARIFIED + rest
