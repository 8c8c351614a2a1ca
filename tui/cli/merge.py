"""The `innsikt snapshot`, `merge`, `conflicts` and `duplicates` commands."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from models.text import t
from tui.cli.common import (
    InnsiktGroup,
    db_option,
    opened_db,
    print_json,
    print_table,
    read_db,
    resolve_db_path,
)


def _db_path(ctx: click.Context, db_path: Path | None) -> Path | None:
    """The subcommand's --db, or the top-level one."""
    if db_path is not None:
        return db_path
    root = ctx.find_root().obj or {}
    return root.get("db_path")


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{max(size // 1024, 1)} kB"


@click.command()
@click.argument("output", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Overskriv en eksisterende fil.")
@click.option("--encrypt", is_flag=True, help="Krypter kopien med en passordfrase.")
@db_option
@click.pass_context
def snapshot(
    ctx: click.Context, output: Path, force: bool, encrypt: bool, db_path: Path | None
) -> None:
    """Skriv en konsistent kopi av databasen for overlevering (også mens appen er åpen)."""
    from models.sync.snapshot import write_snapshot

    with read_db(_db_path(ctx, db_path)) as db:
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


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Skriv oppsummeringen som JSON.")
@db_option
@click.pass_context
def merge(ctx: click.Context, files: tuple[Path, ...], as_json: bool, db_path: Path | None) -> None:
    """Slå sammen kopier (snapshot-filer eller JSON-arkiv) fra andre maskiner."""
    from models.storage import undone_if_new
    from models.sync.duplicates import likely_duplicates
    from models.sync.merge import merge_files
    from models.sync.source import refuse_unreadable
    from tui.cli.privacy import passphrase_for

    for file in files:  # a missing file or a FIFO is refused before a database is made
        refuse_unreadable(file)
    target = resolve_db_path(_db_path(ctx, db_path))
    with undone_if_new(target), opened_db(target) as db:
        summary = merge_files(db, list(files), passphrase=passphrase_for)
        with db.session() as session:
            # Two laptops often register the same service under two spellings: say so at once.
            duplicates = len(likely_duplicates(session)) if summary.changed() else 0
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
    if summary.open_conflicts:
        click.echo(t("merge_open_conflicts", count=summary.open_conflicts))
    if duplicates:
        click.echo(t("merge_duplicates", count=duplicates))


@click.group(cls=InnsiktGroup, invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Skriv JSON i stedet for tabell.")
@db_option
@click.pass_context
def conflicts(ctx: click.Context, as_json: bool, db_path: Path | None) -> None:
    """Vis åpne konflikter fra sammenslåing (og løs dem med «resolve»)."""
    ctx.ensure_object(dict)
    ctx.obj["merge_db"] = db_path
    if ctx.invoked_subcommand is not None:
        return
    from models.sync.conflicts import list_conflicts

    with read_db(_db_path(ctx, db_path)) as db, db.session() as session:
        views = list_conflicts(session)
    if as_json:
        print_json([view.as_dict() for view in views])
        return
    if not views:
        click.echo(t("conflict_none"))
        return
    print_table(
        "Konflikter",
        ["Id", "Hva", "Post", "Felt", "Min verdi", "Av / når", "Deres verdi", "Av / når"],
        [_conflict_cells(view) for view in views],
    )


def _conflict_cells(view: Any) -> list[str]:
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


@conflicts.command("resolve")
@click.argument("ref")
@click.option(
    "--keep", required=True, help="«mine» (gjeldende verdi), «theirs» (den andre) eller en tekst."
)
@db_option
@click.pass_context
def conflicts_resolve(ctx: click.Context, ref: str, keep: str, db_path: Path | None) -> None:
    """Løs en konflikt: behold min verdi, deres, eller skriv en ny tekst."""
    from models.sync.conflicts import resolve_conflict

    chosen = db_path if db_path is not None else (ctx.parent.obj or {}).get("merge_db")
    with opened_db(_db_path(ctx, chosen), create=False) as db:
        result = resolve_conflict(db, ref, keep)
    click.echo(
        t(
            "conflict_resolved",
            kind=result.view.kind.lower(),
            label=result.view.label,
            field=result.view.field,
            value=result.value,
        )
    )
    if result.also_closed:
        click.echo(t("conflict_resolved_more", count=result.also_closed))


@click.group(cls=InnsiktGroup, invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Skriv JSON i stedet for tabell.")
@db_option
@click.pass_context
def duplicates(ctx: click.Context, as_json: bool, db_path: Path | None) -> None:
    """Vis sannsynlige dubletter: tjenester, virksomheter og personer (slå sammen med «join»)."""
    ctx.ensure_object(dict)
    ctx.obj["merge_db"] = db_path
    if ctx.invoked_subcommand is not None:
        return
    from models.sync.duplicates import likely_duplicates

    with read_db(_db_path(ctx, db_path)) as db, db.session() as session:
        pairs = likely_duplicates(session)
    if as_json:
        print_json([pair.as_dict() for pair in pairs])
        return
    if not pairs:
        click.echo(t("duplicates_none"))
        return
    print_table(
        "Sannsynlige dubletter",
        ["Hva", "Id", "Navn", "Id", "Navn", "Poeng", "Hvorfor"],
        [
            [
                t(f"duplicates_kind_{pair.kind}"),
                pair.first_id[:8],
                pair.first_name,
                pair.second_id[:8],
                pair.second_name,
                round(pair.score),
                ", ".join(pair.reasons),
            ]
            for pair in pairs
        ],
    )


@duplicates.command("join")
@click.argument("keep")
@click.argument("absorb")
@db_option
@click.pass_context
def duplicates_join(ctx: click.Context, keep: str, absorb: str, db_path: Path | None) -> None:
    """Slå sammen ABSORB inn i KEEP: alle koblinger flyttes, ABSORB slettes."""
    from models.sync.duplicates import join_records

    chosen = db_path if db_path is not None else (ctx.parent.obj or {}).get("merge_db")
    with opened_db(_db_path(ctx, chosen), create=False) as db:
        result = join_records(db, keep, absorb)
    click.echo(
        t("duplicates_joined", absorbed=result.absorbed, kept=result.kept, moved=result.moved)
    )


def register(cli: click.Group) -> None:
    """Add the laptop-merging commands to the top-level group."""
    cli.add_command(snapshot)
    cli.add_command(merge)
    cli.add_command(conflicts)
    cli.add_command(duplicates)
