"""The `innsikt search` command, and the index rebuild of `innsikt check --repair`.

A read: it opens the file read-only with plain sqlite3 (no SQLAlchemy to import), never creates
a missing database, and migrates only a file from an older version (after a backup, as always).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from models.search import MAX_LIMIT
from models.search_index import KINDS
from tui.cli.common import command, db_option, json_option, print_json
from tui.cli.text import t

if TYPE_CHECKING:
    from models.search import Hit


def _printable(text: str) -> str:
    """`text` without control characters (an imported record may hold escape sequences)."""
    return "".join(" " if ch < " " or "\x7f" <= ch < "\xa0" else ch for ch in text)


def _hit_lines(hit: Hit, styled: bool) -> tuple[str, str]:
    facts = [t(f"search_kind_{hit.kind}"), hit.meeting_title, hit.meeting_date, hit.organisation]
    if hit.question_key:
        facts.append(t("search_question", key=hit.question_key))
    facts.extend([hit.author, hit.id[:8]])
    head = _printable(" · ".join(fact for fact in facts if fact))
    start, end = ("\x1b[1;33m", "\x1b[0m") if styled else ("**", "**")
    body = "".join(
        f"{start}{_printable(segment.text)}{end}" if segment.matched else _printable(segment.text)
        for segment in hit.segments
    )
    return head, body


@command("search", help_key="help_search")
@click.argument("query")
@json_option("help_search_json")
@click.option(
    "--limit",
    type=click.IntRange(1, MAX_LIMIT),
    default=20,
    help=t("help_search_limit", default=20),
)
@click.option("--journey", "journey_ref", default=None, help=t("help_search_journey"))
@click.option("--meeting", "meeting_ref", default=None, help=t("help_search_meeting"))
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(KINDS),
    help=t("help_search_kind"),
)
@db_option
def search(
    query: str,
    as_json: bool,
    limit: int,
    journey_ref: str | None,
    meeting_ref: str | None,
    kinds: tuple[str, ...],
    db_path: Path | None,
) -> None:
    """Search notes, answers, services, follow-ups, meetings and participants."""
    from models import search as index
    from tui.cli.read import reading_db

    # Read-only, encryption honoured; a missing file refused, an older one migrated first.
    with reading_db(db_path) as connection:
        journey_id = meeting_id = None
        if journey_ref is not None:
            journey_id = index.resolve(connection, "journey", journey_ref, t("kind_journey"))
        if meeting_ref is not None:
            meeting_id = index.resolve(connection, "meeting", meeting_ref, t("kind_meeting"))
        hits = index.search(
            connection,
            query,
            limit=limit,
            kinds=kinds,
            journey_id=journey_id,
            meeting_id=meeting_id,
        )
    if as_json:
        print_json([hit.as_dict() for hit in hits])
        return
    if not hits:
        words = " ".join(term.text for term in index.terms_of(query))
        shown = words if len(words) <= 60 else words[:59] + "…"
        click.echo(t("search_none", query=shown) if words else t("search_no_words"))
        return
    styled = sys.stdout.isatty()
    for hit in hits:
        head, body = _hit_lines(hit, styled)
        click.echo(click.style(head, dim=True) if styled else head)
        click.echo(f"  {body}")


def repair_index(path: Path, problems: list[str]) -> list[str]:
    """Rebuild the search index unless the file has faults of another kind; what is still wrong."""
    from models.check import check_database
    from models.search_check import rebuild, verify
    from tui.cli.progress import progress_bar

    if problems and problems != verify(path):
        click.echo(t("check_repair_refused"), err=True)
        return problems
    with progress_bar("progress_search_rebuild") as progress:
        count = rebuild(path, progress)
    click.echo(t("search_repaired", count=count))
    return check_database(path)


def register(cli: click.Group) -> None:
    cli.add_command(search)
