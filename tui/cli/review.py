"""What a merge leaves for a person to decide: `innsikt conflicts [resolve]`, `duplicates [join]`.

Both groups have one shape (`review_group`): bare, they list the open items as a table or JSON;
their subcommand settles one through models/sync/. The conflicts are read with plain sqlite3
(models/read_conflicts.py), the duplicates too (models/duplicate_names.py). A --db given to the
group reaches the subcommand (`resolve_db_path`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from tui.cli.common import (
    db_option,
    group,
    json_option,
    opened_db,
    print_json,
    print_table,
)
from tui.cli.text import t


@dataclass(frozen=True)
class Review:
    """One kind of open item: how it is read, what is said when there is none, its table."""

    name: str
    help_key: str
    read: Callable[[Path | None], Sequence[Any]]  # the --db given → the open items
    none_key: str
    title_key: str
    columns: tuple[str, ...]
    cells: Callable[[Any], list[Any]]


def review_group(review: Review) -> click.Group:
    """The group `innsikt <review.name>`: bare, it lists; its subcommands settle."""

    @group(review.name, help_key=review.help_key, invoke_without_command=True)
    @json_option()
    @db_option
    @click.pass_context
    def listing(ctx: click.Context, as_json: bool, db_path: Path | None) -> None:
        if ctx.invoked_subcommand is not None:
            return
        items = review.read(db_path)
        if as_json:
            print_json([item.as_dict() for item in items])
        elif not items:
            click.echo(t(review.none_key))
        else:
            print_table(
                t(review.title_key),
                [t(f"col_{column}") for column in review.columns],
                [review.cells(item) for item in items],
            )

    return listing


# --- conflicts ----------------------------------------------------------------------------------


def _open_conflicts(db_path: Path | None) -> Sequence[Any]:
    from models.read_conflicts import open_conflicts
    from tui.cli.read import reading_db

    with reading_db(db_path) as connection:
        return open_conflicts(connection)


def _conflict_cells(view: Any) -> list[Any]:
    return [
        view.id[:8],
        view.kind,
        view.label,
        view.field,
        view.mine.value,
        f"{view.mine.device} {view.mine.at}",
        view.theirs.value,
        f"{view.theirs.device} {view.theirs.at}",
    ]


conflicts = review_group(
    Review(
        name="conflicts",
        help_key="help_conflicts",
        read=_open_conflicts,
        none_key="conflict_none",
        title_key="table_conflicts",
        columns=("id", "what", "record", "field", "mine", "by_when", "theirs", "by_when"),
        cells=_conflict_cells,
    )
)


@conflicts.command("resolve", help=t("help_conflicts_resolve"))
@click.argument("ref")
@click.option("--keep", required=True, help=t("help_conflicts_keep"))
@db_option
def conflicts_resolve(ref: str, keep: str, db_path: Path | None) -> None:
    """Settle a conflict: keep mine, theirs, or a new text."""
    from models.sync.conflicts import resolve_conflict

    with opened_db(db_path, create=False) as db:
        result = resolve_conflict(db, ref, keep)
    view = result.view
    click.echo(
        t(
            "conflict_resolved",
            kind=view.kind.lower(),
            label=view.label,
            field=view.field,
            value=result.value,
        )
    )
    if result.also_closed:
        click.echo(t("conflict_resolved_more", count=result.also_closed))


# --- duplicates ---------------------------------------------------------------------------------


def _likely_duplicates(db_path: Path | None) -> Sequence[Any]:
    from models.duplicate_names import find_duplicates
    from tui.cli.read import reading_db

    with reading_db(db_path) as connection:
        return find_duplicates(connection)


def _duplicate_cells(pair: Any) -> list[Any]:
    return [
        t(f"duplicates_kind_{pair.kind}"),
        pair.first_id[:8],
        pair.first_name,
        pair.second_id[:8],
        pair.second_name,
        round(pair.score),
        ", ".join(pair.reasons),
    ]


duplicates = review_group(
    Review(
        name="duplicates",
        help_key="help_duplicates",
        read=_likely_duplicates,
        none_key="duplicates_none",
        title_key="table_duplicates",
        columns=("what", "id", "name", "id", "name", "score", "why"),
        cells=_duplicate_cells,
    )
)


@duplicates.command("join", help=t("help_duplicates_join"))
@click.argument("keep")
@click.argument("absorb")
@db_option
def duplicates_join(keep: str, absorb: str, db_path: Path | None) -> None:
    """Join ABSORB into KEEP: every link moves, ABSORB is deleted."""
    from models.sync.duplicates import join_records

    with opened_db(db_path, create=False) as db:
        result = join_records(db, keep, absorb)
    click.echo(
        t("duplicates_joined", absorbed=result.absorbed, kept=result.kept, moved=result.moved)
    )


def register(cli: click.Group) -> None:
    cli.add_command(conflicts)
    cli.add_command(duplicates)
