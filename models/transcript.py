"""Reading a Teams transcript (WebVTT or Word) into cues: start, end, speaker, text.

Pure functions, no database. WebVTT as Teams writes it: a «WEBVTT» first line, cue ids (a UUID
with «/12-0», or a number), «<v Speaker Name>text</v>» voice tags, cue text over several lines
(joined with a space), NOTE, STYLE and REGION blocks (skipped). Also accepted: a voice tag with a
class («<v.loud Kari>»), a missing «</v>», several voices in one cue (one cue each), hours left
out («00:03.120») or a comma before the milliseconds, cue settings after the times, other tags
(«<i>», «<c.yellow>», timestamps) removed and «&amp;» and the like decoded. A cue whose times
cannot be read, or that holds no text, is skipped.

A Word transcript as Teams downloads it: paragraphs «Speaker Name   0:03» (name, then a tab,
two or more blanks or a line break, then m:ss or h:mm:ss) each followed by the text said, or
«0:0:3.120 --> 0:0:7.450» followed by the speaker's name and the text. What comes before the
first cue (title, date, length) and «… started transcription» lines are skipped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from models.errors import InnsiktError

MAX_BYTES = 50_000_000


class TranscriptError(InnsiktError):
    """The file is not a transcript that can be read; nothing was imported."""


@dataclass(frozen=True)
class Cue:
    start_ms: int
    end_ms: int
    speaker: str
    text: str


_TIME = r"(?:\d+:)?\d{1,2}:\d{1,2}(?:[.,]\d{1,3})?"
_TIMING = re.compile(rf"^\s*({_TIME})\s*-->\s*({_TIME})(?:\s.*)?$")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?(?:\s+([^>]*))?>", re.IGNORECASE)
_TAG = re.compile(r"</?[^>]*>")
_SKIPPED_LINE = re.compile(
    r"\b(started|stopped) transcription\b|\b(startet|stoppet|avsluttet) transkripsjon(en)?\b",
    re.IGNORECASE,
)


def parse_time(text: str) -> int | None:
    """«01:02:03.450», «02:03.450», «0:03», «1:02:03» or «0:0:3.120» as milliseconds."""
    value = text.strip().replace(",", ".")
    main, _, fraction = value.partition(".")
    parts = main.split(":")
    if not 2 <= len(parts) <= 3 or not all(part.isdigit() for part in parts):
        return None
    if fraction and not fraction.isdigit():
        return None
    numbers = [int(part) for part in parts]
    hours, minutes, seconds = ([0, *numbers] if len(numbers) == 2 else numbers)[-3:]
    if minutes > 59 or seconds > 59:
        return None
    milliseconds = int((fraction + "000")[:3]) if fraction else 0
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + milliseconds


def _plain(text: str) -> str:
    return " ".join(html.unescape(_TAG.sub("", text)).split())


def _voices(payload: str) -> list[tuple[str, str]]:
    """(speaker, text) for each voice span of a cue's text; ("", text) without voice tags."""
    marks = list(_VOICE.finditer(payload))
    if not marks:
        text = _plain(payload)
        return [("", text)] if text else []
    spans = []
    before = _plain(payload[: marks[0].start()])
    if before:
        spans.append(("", before))
    for index, mark in enumerate(marks):
        end = marks[index + 1].start() if index + 1 < len(marks) else len(payload)
        text = _plain(payload[mark.end() : end])
        if text:
            spans.append((" ".join((mark.group(1) or "").split()), text))
    return spans


def parse_vtt(text: str, file: str = "") -> list[Cue]:
    """The cues of a WebVTT document; TranscriptError when it is not one or holds none."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not re.match(r"WEBVTT(?:[ \t].*)?(?:\n|$)", text):
        raise TranscriptError("transcript_not_vtt", file=file)
    cues: list[Cue] = []
    for block in re.split(r"\n[ \t]*\n", text)[1:]:
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines or re.match(r"(NOTE|STYLE|REGION)(\s|$)", lines[0]):
            continue
        timing_at = next((i for i, line in enumerate(lines[:2]) if "-->" in line), None)
        if timing_at is None:
            continue
        match = _TIMING.match(lines[timing_at])
        start = parse_time(match.group(1)) if match else None
        end = parse_time(match.group(2)) if match else None
        if start is None or end is None:
            continue
        payload = " ".join(lines[timing_at + 1 :])
        cues.extend(Cue(start, max(end, start), who, said) for who, said in _voices(payload))
    if not cues:
        raise TranscriptError("transcript_no_cues", file=file)
    return cues


# --- Word ---------------------------------------------------------------------------------------

_HEADER = re.compile(rf"^(?P<speaker>\S.{{0,80}}?)(?:\t|\s{{2,}}|\n)\s*(?P<time>{_TIME})$")


def _header(line: str) -> tuple[str, int] | None:
    match = _HEADER.match(line.strip(" "))
    if not match or len(match.group("speaker").split()) > 8:
        return None
    time = parse_time(match.group("time"))
    return None if time is None else (" ".join(match.group("speaker").split()), time)


@dataclass
class _Pending:
    speaker: str
    start: int
    end: int | None
    words: list[str]
    arrow: bool = False  # «a --> b» form: the first line after it names the speaker


def cues_from_paragraphs(paragraphs: list[str], file: str = "") -> list[Cue]:
    """The cues of a Word transcript's paragraphs (each may hold line breaks)."""
    pending: list[_Pending] = []
    for paragraph in paragraphs:
        header = _header(paragraph)
        if header is not None:
            pending.append(_Pending(header[0], header[1], None, []))
            continue
        for raw in paragraph.split("\n"):
            line = raw.strip()
            if not line or _SKIPPED_LINE.search(line):
                continue
            timing = _TIMING.match(line)
            start = parse_time(timing.group(1)) if timing else None
            if timing and start is not None:
                end = parse_time(timing.group(2))
                pending.append(_Pending("", start, end, [], arrow=True))
            elif pending:
                pending[-1].words.append(line)
    cues = []
    for index, cue in enumerate(pending):
        words, speaker = cue.words, cue.speaker
        if cue.arrow and len(words) > 1:
            speaker, words = words[0], words[1:]
        text = _plain(" ".join(words))
        if not text:
            continue
        following = pending[index + 1].start if index + 1 < len(pending) else cue.start
        stop = cue.end if cue.end is not None else max(following, cue.start)
        cues.append(Cue(cue.start, max(stop, cue.start), speaker, text))
    if not cues:
        raise TranscriptError("transcript_no_cues", file=file)
    return cues


def _docx_paragraphs(path: Path) -> list[str]:
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(str(path))
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        XMLSyntaxError,
    ) as error:
        raise TranscriptError("transcript_not_docx", file=path.name) from error
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:  # some exports lay the cues out in a table
        for row in table.rows:
            paragraphs.extend(cell.text for cell in row.cells)
    return paragraphs


def read_transcript(path: Path) -> list[Cue]:
    """The cues of the .vtt or .docx transcript at `path`; every problem is a TranscriptError."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".vtt", ".docx"):
        raise TranscriptError("transcript_format", file=path.name)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise TranscriptError("transcript_no_cues", file=path.name)
        if suffix == ".docx":
            return cues_from_paragraphs(_docx_paragraphs(path), path.name)
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise TranscriptError("transcript_missing", file=path) from error
    except IsADirectoryError as error:
        raise TranscriptError("transcript_missing", file=path) from error
    except OSError as error:
        raise TranscriptError("transcript_unreadable", file=path, detail=error.strerror) from error
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TranscriptError("transcript_not_vtt", file=path.name) from error
    return parse_vtt(text, path.name)
