"""The `innsikt hub init` and `innsikt sync` commands: the central PostgreSQL hub."""

from __future__ import annotations

from pathlib import Path

import click

from tui.cli.common import (
    command,
    db_option,
    group,
    json_option,
    opened_db,
    print_json,
    resolve_db_path,
)
from tui.cli.text import t


@group("hub", help_key="help_hub")
def hub() -> None:
    """The team's central PostgreSQL hub."""


@hub.command("init", help=t("help_hub_init"))
@click.argument("url", required=False)
def hub_init(url: str | None) -> None:
    """Create or upgrade the hub schema."""
    from models.dbfile import SCHEMA_VERSION
    from models.hub.connection import chosen, connect, shown
    from models.hub.schema import init_hub

    address = chosen(url)
    connection = connect(address)
    try:
        outcome, old = init_hub(connection, shown(address))
    finally:
        connection.close()
    click.echo(t(f"hub_{outcome}", address=shown(address), version=SCHEMA_VERSION, old=old))


def _remembered(db_path: Path) -> str | None:
    """The address (without password) this laptop last synced with, if it has synced."""
    if not db_path.exists():
        return None
    from models.hub.sync import last_sync

    try:
        return last_sync(db_path).address or None
    except Exception:  # an unreadable file is the open's to report, in its own words
        return None


@command("sync", help_key="help_sync")
@click.argument("url", required=False)
@json_option("help_sync_json")
@db_option
def sync(url: str | None, as_json: bool, db_path: Path | None) -> None:
    """Sync with the hub."""
    from models.hub.connection import chosen
    from models.hub.sync import sync_hub
    from models.storage import undone_if_new
    from tui.cli.progress import progress_bar

    target = resolve_db_path(db_path)
    address = chosen(url, _remembered(target))
    with (
        undone_if_new(target),
        opened_db(target) as db,
        progress_bar("progress_sync", quiet=as_json) as progress,
    ):
        summary = sync_hub(db, address, progress)
    merged = summary.merge
    for future in merged.future if merged else []:
        click.echo(
            t("future_stamps", file=future.file, records=future.records, latest=future.latest),
            err=True,
        )
    if as_json:
        print_json(
            {
                "hub": summary.address,
                "pulled": summary.pulled,
                "pushed": summary.pushed,
                "retired": summary.retired,
                "version": summary.version,
                "synced_at": summary.synced_at,
                "tables": {name: vars(counts) for name, counts in merged.counts.items()}
                if merged
                else {},
                "open_conflicts": summary.open_conflicts,
                "text_merged": merged.text_merged if merged else 0,
                "future_stamps": [vars(future) for future in merged.future] if merged else [],
            }
        )
        return
    if not (merged and merged.changed()) and not summary.pushed and not summary.retired:
        click.echo(t("sync_nothing", address=summary.address))
        return
    click.echo(t("sync_header", address=summary.address))
    if merged and merged.changed():
        click.echo("  " + t("sync_pulled", count=summary.pulled))
        for name, counts in merged.counts.items():
            if counts.any():
                click.echo(
                    "    "
                    + t(
                        "merge_line",
                        kind=t(f"kind_{name}"),
                        added=counts.added,
                        updated=counts.updated,
                        conflicts=counts.conflicts,
                    )
                )
    click.echo("  " + t("sync_pushed", count=summary.pushed))
    if summary.retired:
        click.echo("  " + t("sync_retired", count=summary.retired))
    if merged and merged.text_merged:
        click.echo(t("merge_text_merged", count=merged.text_merged))
    if summary.open_conflicts:
        click.echo(t("merge_open_conflicts", count=summary.open_conflicts))


def register(cli: click.Group) -> None:
    """Add the hub commands to the top-level group."""
    cli.add_command(hub)
    cli.add_command(sync)
