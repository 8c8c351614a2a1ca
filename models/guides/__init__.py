"""Interview guides as data: TOML files loaded and validated into typed objects."""

from __future__ import annotations

import re
import shutil
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from models import guide_heads
from models.errors import GuideError, InnsiktError
from models.locations import user_guides_dir
from models.paths import stat_regular
from models.text import t

KINDS = ("text", "choice", "multi", "services", "followups", "people")
CHOICE_KINDS = ("choice", "multi")
KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]+")  # matched with fullmatch: «$» lets "\n" through
MAX_VERSION = 1_000_000  # stored in the meeting; far past any real guide, far below SQLite's limit

GUIDE_FIELDS = {"key": str, "version": int, "title": str, "description": str, "sections": list}
SECTION_FIELDS = {"key": str, "title": str, "questions": list}
QUESTION_FIELDS = {
    "key": str,
    "kind": str,
    "text": str,
    "help": str,
    "choices": list,
    "choice_regions": dict,
}
GUIDE_REQUIRED = ("key", "version", "title", "sections")
SECTION_REQUIRED = ("key", "title", "questions")
QUESTION_REQUIRED = ("key", "kind", "text")
TYPE_NAMES = {str: "tekst", int: "et heltall", list: "en liste", dict: "en tabell"}


@dataclass(frozen=True)
class Question:
    key: str
    kind: str
    text: str
    help: str = ""
    choices: tuple[str, ...] = ()
    choice_regions: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Guide:
    key: str
    version: int
    title: str
    sections: tuple[Section, ...]
    description: str = ""
    source: Path | None = None
    shipped: bool = False

    def questions(self) -> list[Question]:
        return [question for section in self.sections for question in section.questions]

    def question(self, key: str) -> Question | None:
        return next((question for question in self.questions() if question.key == key), None)

    def section_of(self, question_key: str) -> Section | None:
        return next(
            (s for s in self.sections if any(q.key == question_key for q in s.questions)), None
        )


def _check_fields(
    file: str, table: Any, where: str, allowed: dict[str, type], required: tuple[str, ...]
) -> None:
    if not isinstance(table, dict):
        raise GuideError("guide_type", file=file, field=where, where=file, expected="en tabell")
    for name in required:
        if name not in table:
            raise GuideError("guide_missing", file=file, field=name, where=where)
    for name, value in table.items():
        if name not in allowed:
            raise GuideError("guide_unknown_field", file=file, field=name, where=where)
        expected = allowed[name]
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise GuideError(
                "guide_type", file=file, field=name, where=where, expected=TYPE_NAMES[expected]
            )


def _check_key(file: str, key: str, where: str) -> None:
    if not KEY_PATTERN.fullmatch(key):
        # A newline or control character is shown escaped: the message stays one line.
        shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in key)
        raise GuideError("guide_bad_key", file=file, key=shown, where=where)


def _question(file: str, raw: Any, where: str) -> Question:
    _check_fields(file, raw, where, QUESTION_FIELDS, QUESTION_REQUIRED)
    key = raw["key"]
    where = f"«{key}»"
    _check_key(file, key, where)
    kind = raw["kind"]
    if kind not in KINDS:
        raise GuideError("guide_kind", file=file, kind=kind, where=where, allowed=", ".join(KINDS))
    choices = raw.get("choices", [])
    regions = raw.get("choice_regions", {})
    if kind in CHOICE_KINDS:
        if not choices:
            raise GuideError("guide_choices_required", file=file, where=where, kind=kind)
    elif choices or regions:
        raise GuideError("guide_choices_not_allowed", file=file, where=where, kind=kind)
    seen: set[str] = set()
    for choice in choices:
        if not isinstance(choice, str) or not choice.strip():
            raise GuideError(
                "guide_type", file=file, field="choices", where=where, expected="tekst"
            )
        if choice in seen:
            raise GuideError("guide_dup_choice", file=file, choice=choice, where=where)
        seen.add(choice)
    for choice, region in regions.items():
        if choice not in seen or not isinstance(region, str):
            raise GuideError("guide_unknown_field", file=file, field=choice, where=where)
    text = raw["text"].strip()
    if not text:
        raise GuideError("guide_empty", file=file, where=f"teksten i {where}")
    return Question(
        key=key,
        kind=kind,
        text=text,
        help=raw.get("help", "").strip(),
        choices=tuple(choices),
        choice_regions=dict(regions),
    )


def parse_guide(raw: dict[str, Any], file: str) -> Guide:
    """Validate the TOML table `raw` from `file` into a Guide; raises GuideError."""
    _check_fields(file, raw, "veiledningen", GUIDE_FIELDS, GUIDE_REQUIRED)
    _check_key(file, raw["key"], "veiledningen")
    if not 1 <= raw["version"] <= MAX_VERSION:
        raise GuideError(
            "guide_type",
            file=file,
            field="version",
            where="veiledningen",
            expected=t("guide_expect_version", limit=MAX_VERSION),
        )
    if not raw["sections"]:
        raise GuideError("guide_empty", file=file, where="sections")
    sections: list[Section] = []
    section_keys: set[str] = set()
    question_keys: set[str] = set()
    for index, raw_section in enumerate(raw["sections"], start=1):
        where = f"seksjon nr. {index}"
        _check_fields(file, raw_section, where, SECTION_FIELDS, SECTION_REQUIRED)
        key = raw_section["key"]
        _check_key(file, key, where)
        if key in section_keys:
            raise GuideError("guide_dup_section", file=file, key=key)
        section_keys.add(key)
        if not raw_section["questions"]:
            raise GuideError("guide_empty", file=file, where=f"seksjon «{key}»")
        questions = []
        for number, raw_question in enumerate(raw_section["questions"], start=1):
            question = _question(file, raw_question, f"nr. {number} i seksjon «{key}»")
            if question.key in question_keys:
                raise GuideError("guide_dup_question", file=file, key=question.key)
            question_keys.add(question.key)
            questions.append(question)
        sections.append(Section(key=key, title=raw_section["title"], questions=tuple(questions)))
    return Guide(
        key=raw["key"],
        version=raw["version"],
        title=raw["title"],
        description=" ".join(raw.get("description", "").split()),
        sections=tuple(sections),
    )


def load_guide_text(text: str, file: str) -> Guide:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise GuideError("guide_toml", file=file, detail=str(error)) from error
    except RecursionError as error:  # e.g. 100 000 nested arrays
        raise GuideError("guide_too_deep", file=file) from error
    return parse_guide(raw, file)


def load_guide_file(path: Path) -> Guide:
    """Read and validate the guide at `path` (a regular file: never a FIFO or a device)."""
    try:
        if stat_regular(path, directory_key="guide_not_found") is None:
            raise GuideError("guide_not_found", file=path)
    except GuideError:
        raise
    except InnsiktError as error:
        raise GuideError(error.message_key, **error.params) from error
    try:
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise GuideError("guide_not_found", file=path) from error
    except OSError as error:
        raise GuideError("guide_not_found", file=path) from error
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise GuideError("guide_not_utf8", file=path.name) from error
    guide = load_guide_text(text, path.name)
    return Guide(**{**guide.__dict__, "source": path})


def shipped_guides() -> list[Guide]:
    return list(_shipped_guides())


@cache
def _shipped_guides() -> tuple[Guide, ...]:
    """Parsed once a process: they are the package's own files, and every meeting's question
    count on home and every meeting opened looks its guide up (the TOML parse was a tenth
    of the time to home's first frame)."""
    return tuple(_shipped_guide(name) for _key, _version, name, _count in _shipped_heads())


@cache
def _shipped_heads() -> tuple[tuple[str, int, str, int], ...]:
    """(key, version, file name, questions) of each shipped guide, read from its text without
    parsing it (`models.guide_heads`, which home's counts use without this module). A meeting
    opened parses its own guide's TOML; a file whose head says less is parsed to tell."""
    heads = []
    for name, head in guide_heads.shipped_heads():
        if head is None:
            guide = _shipped_guide(name)
            head = (guide.key, guide.version, name, len(guide.questions()))
        heads.append(head)
    return tuple(heads)


@cache
def _shipped_guide(name: str) -> Guide:
    entry = resources.files("models.guides") / name
    guide = load_guide_text(entry.read_text("utf-8"), name)
    return Guide(**{**guide.__dict__, "source": Path(str(entry)), "shipped": True})


def load_user_guides() -> tuple[list[Guide], list[str]]:
    """The user's valid guides, and one warning line per file that is skipped as invalid.

    One broken file must not make every meeting unopenable: the others keep working.
    """
    folder = user_guides_dir()
    if not folder.is_dir():
        return [], []
    guides, warnings = [], []
    for path in sorted(folder.glob("*.toml")):
        try:
            guides.append(load_guide_file(path))
        except GuideError as error:
            warnings.append(t("guide_skipped", folder=folder, detail=str(error)))
    return guides, warnings


def user_guides() -> list[Guide]:
    return load_user_guides()[0]


def user_guide_warnings() -> list[str]:
    """What is wrong with the user's guide files that are skipped."""
    return load_user_guides()[1]


def all_guides() -> list[Guide]:
    """Shipped guides first, then the user's own (invalid ones skipped), each (key, version) once."""
    seen: set[tuple[str, int]] = set()
    guides = []
    for guide in shipped_guides() + user_guides():
        if (guide.key, guide.version) not in seen:
            seen.add((guide.key, guide.version))
            guides.append(guide)
    return guides


def find_guide(key: str, version: int | None = None) -> Guide:
    """The guide `key` at `version`, or its newest version when `version` is None (a shipped
    guide before the user's own of the same key and version, as in `all_guides`)."""
    found = _found(key, version)
    return _shipped_guide(found[2]) if isinstance(found, tuple) else found


def question_count(key: str, version: int | None = None) -> int:
    """How many questions `find_guide(key, version)` has; a shipped guide's without parsing it."""
    found = _found(key, version)
    return found[3] if isinstance(found, tuple) else len(found.questions())


def _found(key: str, version: int | None) -> tuple[str, int, str, int] | Guide:
    """The shipped guide's head, or the user's own guide, that `find_guide` gives."""
    shipped = {head[1]: head for head in _shipped_heads() if head[0] == key}
    shipped = {v: head for v, head in shipped.items() if version in (None, v)}
    own = [
        g
        for g in user_guides()
        if g.key == key and version in (None, g.version) and g.version not in shipped
    ]
    newest = max([*shipped, *(g.version for g in own)], default=None)
    if newest is None:
        raise GuideError("guide_unknown", key=f"{key} v{version}" if version else key)
    if newest in shipped:
        return shipped[newest]
    return next(g for g in own if g.version == newest)


def import_guide(path: Path) -> tuple[Guide, Path]:
    """Validate `path` and copy it into the user's guide folder; refuses to replace a guide."""
    guide = load_guide_file(path)
    existing = next(
        (g for g in all_guides() if (g.key, g.version) == (guide.key, guide.version)), None
    )
    if existing is not None:
        raise GuideError("guide_exists", key=guide.key, version=guide.version, file=existing.source)
    folder = user_guides_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = folder / f"{guide.key}-v{guide.version}.toml"
    shutil.copyfile(path, target)
    return guide, target
