"""The `innsikt snapshot` and `merge` commands (what a merge leaves to review: review.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from tui.cli.common import (
    command,
    db_option,
    force_option,
    json_option,
    opened_db,
    print_json,
    read_db,
    resolve_db_path,
)
from tui.cli.text import t


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{max(size // 1024, 1)} kB"


@command("snapshot", help_key="help_snapshot")
@click.argument("output", type=click.Path(path_type=Path))
@force_option
@click.option("--encrypt", is_flag=True, help=t("help_snapshot_encrypt"))
@db_option
def snapshot(output: Path, force: bool, encrypt: bool, db_path: Path | None) -> None:
    """Write a consistent copy of the database for hand-over (also while the app is open)."""
    from models.sync.snapshot import write_snapshot

    with read_db(db_path) as db:
        from models import atrest

        # A snapshot of an encrypted database is always encrypted, by default with its passphrase.
        at_rest = atrest.passphrase_of(db.path) if atrest.is_encrypted(db.path) else None
        if encrypt or at_rest:
            from models.sealed import seal_written
            from tui.cli.privacy import new_passphrase

            # The checks of a plain snapshot, on the real target, before asking anything.
            write_snapshot_checks(db, output, force)
            passphrase = new_passphrase() if encrypt or not at_rest else at_rest
            written = seal_written(
                output.expanduser(),
                passphrase,
                lambda plain: write_snapshot(db, plain, plain_of_encrypted=True),
            )
        else:
            written = write_snapshot(db, output, force=force)
    click.echo(t("snapshot_done", path=written, size=_size(written)))


def write_snapshot_checks(db: Any, output: Path, force: bool) -> None:
    from models.sync.snapshot import check_target

    check_target(db, output.expanduser(), force=force)


@command("merge", help_key="help_merge")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@json_option("help_merge_json")
@db_option
def merge(files: tuple[Path, ...], as_json: bool, db_path: Path | None) -> None:
    """Merge copies (snapshot files or JSON archives) from other machines."""
    from models.storage import undone_if_new
    from models.sync.duplicates import likely_duplicates
    from models.sync.merge import merge_files
    from models.sync.source import refuse_unreadable
    from tui.cli.privacy import passphrase_for
    from tui.cli.progress import progress_bar

    for file in files:  # a missing file or a FIFO is refused before a database is made
        refuse_unreadable(file)
    target = resolve_db_path(db_path)
    with undone_if_new(target), opened_db(target) as db:
        with progress_bar("progress_merge", quiet=as_json) as progress:
            summary = merge_files(db, list(files), passphrase=passphrase_for, progress=progress)
        with db.session() as session:
            # Two laptops often register the same service under two spellings: say so at once.
            duplicates = len(likely_duplicates(session, among=summary.touched))
    names = ", ".join(str(path) for path in files)
    for future in summary.future:
        click.echo(
            t("future_stamps", file=future.file, records=future.records, latest=future.latest),
            err=True,
        )
    if as_json:
        print_json(
            {
                "files": [str(path) for path in files],
                "tables": {name: vars(counts) for name, counts in summary.counts.items()},
                "open_conflicts": summary.open_conflicts,
                "text_merged": summary.text_merged,
                "likely_duplicates": duplicates,
                "future_stamps": [vars(future) for future in summary.future],
            }
        )
        return
    if not summary.changed():
        click.echo(t("merge_nothing", files=names))
    else:
        click.echo(t("merge_header", files=names))
        for name, counts in summary.counts.items():
            if counts.any():
                click.echo(
                    "  "
                    + t(
                        "merge_line",
                        kind=t(f"kind_{name}"),
                        added=counts.added,
                        updated=counts.updated,
                        conflicts=counts.conflicts,
                    )
                )
    if summary.text_merged:
        click.echo(t("merge_text_merged", count=summary.text_merged))
    if summary.open_conflicts:
        click.echo(t("merge_open_conflicts", count=summary.open_conflicts))
    if duplicates:
        click.echo(t("merge_duplicates", count=duplicates))


def register(cli: click.Group) -> None:
    """Add the laptop-merging commands to the top-level group."""
    cli.add_command(snapshot)
    cli.add_command(merge)
