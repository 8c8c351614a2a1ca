"""The `innsikt` console script: parses arguments, calls models/ and exports/, prints, exits 0/1/2."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

from models.text import t
from tui.cli.common import (
    InnsiktGroup,
    db_option,
    opened_db,
    print_json,
    print_table,
    read_db,
    refuse_existing,
    resolve_db_path,
)


@click.group(
    cls=InnsiktGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@db_option
@click.option("--meeting", "meeting_ref", default=None, help="Åpne dette møtet (id eller prefiks).")
@click.option("--author", default=None, help="Skriv notater som denne personen.")
@click.pass_context
def cli(
    ctx: click.Context, db_path: Path | None, meeting_ref: str | None, author: str | None
) -> None:
    """innsikt – notater fra innsiktsreiser for nytt nødnett. Uten kommando åpnes appen."""
    ctx.ensure_object(dict)
    ctx.obj["db_path"] = db_path
    if ctx.invoked_subcommand is None:
        from tui.launch import run_app

        ctx.exit(run_app(resolve_db_path(db_path), meeting_ref=meeting_ref, author=author))


def db_of(ctx: click.Context, db_path: Path | None) -> Path | None:
    """The subcommand's --db, or the group's."""
    return db_path if db_path is not None else ctx.find_root().obj.get("db_path")


@cli.command()
@db_option
@click.pass_context
def demo(ctx: click.Context, db_path: Path | None) -> None:
    """Fyll databasen med en fiktiv eksempelreise."""
    from models.demo import load_demo

    with opened_db(db_of(ctx, db_path)) as db:
        summary = load_demo(db)
    click.echo(t("demo_done", path=db.path, meetings=summary.meetings, services=summary.services))


@cli.command("list")
@click.argument("what", type=click.Choice(["meetings", "services", "journeys"]))
@click.option("--json", "as_json", is_flag=True, help="Skriv JSON i stedet for tabell.")
@db_option
@click.pass_context
def list_command(ctx: click.Context, what: str, as_json: bool, db_path: Path | None) -> None:
    """Vis møter, tjenester eller reiser."""
    from models import read
    from tui.cli.read import reading_db

    with reading_db(db_of(ctx, db_path)) as connection:
        if what == "meetings":
            rows = read.meeting_rows(connection)
            columns = ["Id", "Dato", "Møte", "Virksomheter", "Reise", "Notater", "Åpne oppf."]
            cells = [
                [
                    r.id[:8],
                    r.date,
                    r.title,
                    r.organisations,
                    r.journey,
                    r.notes,
                    r.open_followups,
                ]
                for r in rows
            ]
            title = "Møter"
        elif what == "services":
            rows = read.service_rows(connection)
            columns = ["Id", "Tjeneste", "Eier", "Status", "Kritikalitet", "Nødnett", "Møter"]
            cells = [
                [
                    r.id[:8],
                    r.name,
                    r.owner,
                    r.status,
                    r.criticality,
                    r.nodnett_dependency,
                    r.meetings,
                ]
                for r in rows
            ]
            title = "Tjenester"
        else:
            rows = read.journey_rows(connection)
            columns = ["Id", "Reise", "Møter"]
            cells = [[r.id[:8], r.name, r.meetings] for r in rows]
            title = "Innsiktsreiser"
    if as_json:
        print_json([row.as_dict() for row in rows])
    else:
        print_table(title, columns, cells)


@cli.command()
@click.option("--repair", is_flag=True, help="Bygg søkeindeksen på nytt.")
@db_option
@click.pass_context
def check(ctx: click.Context, repair: bool, db_path: Path | None) -> None:
    """Kontroller databasen (integritet, skjemaversjon, fremmednøkler, søkeindeks)."""
    from models.check import check_database
    from models.dbfile import SCHEMA_VERSION
    from models.read import meta_value, reading

    path = resolve_db_path(db_of(ctx, db_path))
    from tui.cli.privacy import unlock

    unlock(path)
    problems = check_database(path)
    if repair:
        from tui.cli.search import repair_index

        problems = repair_index(path, problems)
    if problems:
        for line in problems:
            click.echo(line, err=True)
        ctx.exit(1)
    with reading(path) as connection:
        device = meta_value(connection, "device_id") or ""
    click.echo(t("check_ok", path=path, version=SCHEMA_VERSION, device=device[:8]))


@cli.group(cls=InnsiktGroup)
def guide() -> None:
    """Intervjuguider: vis, valider og importer."""


@guide.command("list")
@click.option("--json", "as_json", is_flag=True)
@db_option
def guide_list(as_json: bool, db_path: Path | None) -> None:
    """Vis guidene som følger med og dine egne."""
    from models.guides import all_guides, user_guide_warnings

    for warning in user_guide_warnings():
        click.echo(warning, err=True)
    guides = all_guides()
    if as_json:
        print_json(
            [
                {
                    "key": g.key,
                    "version": g.version,
                    "title": g.title,
                    "questions": len(g.questions()),
                    "shipped": g.shipped,
                    "file": str(g.source),
                }
                for g in guides
            ]
        )
        return
    print_table(
        "Intervjuguider",
        ["Nøkkel", "Versjon", "Tittel", "Spørsmål", "Kilde"],
        [
            [
                g.key,
                g.version,
                g.title,
                len(g.questions()),
                "medfølger" if g.shipped else str(g.source),
            ]
            for g in guides
        ],
    )


@guide.command("validate")
@click.argument("file", type=click.Path(path_type=Path))
@db_option
def guide_validate(file: Path, db_path: Path | None) -> None:
    """Kontroller en guidefil."""
    from models.guides import load_guide_file

    loaded = load_guide_file(file)
    click.echo(
        t(
            "guide_valid",
            file=file,
            title=loaded.title,
            key=loaded.key,
            version=loaded.version,
            questions=len(loaded.questions()),
        )
    )


@guide.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@db_option
def guide_import(file: Path, db_path: Path | None) -> None:
    """Kontroller en guidefil og legg den til dine egne guider."""
    from models.guides import import_guide

    loaded, target = import_guide(file)
    click.echo(
        t("guide_imported", title=loaded.title, key=loaded.key, version=loaded.version, file=target)
    )


@cli.group(cls=InnsiktGroup)
def export() -> None:
    """Eksporter referat, rapport, tjenestekatalog, Markdown eller JSON-arkiv."""


@export.command("json")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True)
@click.option("--force", is_flag=True, help="Overskriv en eksisterende fil.")
@click.option("--encrypt", is_flag=True, help="Krypter arkivet med en passordfrase.")
@db_option
@click.pass_context
def export_json(
    ctx: click.Context, output: Path, force: bool, encrypt: bool, db_path: Path | None
) -> None:
    """Skriv hele databasen som JSON-arkiv (kan importeres igjen)."""
    from models.archive import write_archive

    refuse_existing(output, force)
    with read_db(db_of(ctx, db_path)) as db:
        if encrypt:
            from models.sealed import seal_written
            from tui.cli.privacy import new_passphrase

            seal_written(output, new_passphrase(), lambda plain: write_archive(db, plain))
        else:
            write_archive(db, output)
    click.echo(t("exported", path=output))


@cli.group("import", cls=InnsiktGroup)
def import_group() -> None:
    """Importer et JSON-arkiv, en deltakerliste eller en transkripsjon fra Teams."""


@import_group.command("json")
@click.argument("file", type=click.Path(path_type=Path))
@db_option
@click.pass_context
def import_json(ctx: click.Context, file: Path, db_path: Path | None) -> None:
    """Les inn et JSON-arkiv; et ugyldig arkiv endrer ingenting."""
    from models.archive import import_archive, read_sealed_or_plain
    from models.storage import undone_if_new
    from tui.cli.privacy import passphrase_for

    # A bad archive is refused before a database is made.
    archive = read_sealed_or_plain(file, passphrase_for)
    target = resolve_db_path(db_of(ctx, db_path))
    with undone_if_new(target), opened_db(target) as db:
        summary = import_archive(db, file, archive=archive)
    for future in summary.future:
        click.echo(
            t("future_stamps", file=future.file, records=future.records, latest=future.latest),
            err=True,
        )
    click.echo(
        t(
            "imported",
            path=file,
            added=summary.added,
            updated=summary.updated,
            unchanged=summary.unchanged,
        )
    )


from tui.cli import export as cli_export  # noqa: E402  (they add commands)
from tui.cli import merge as cli_merge  # noqa: E402
from tui.cli import minutes as cli_minutes  # noqa: E402
from tui.cli import privacy as cli_privacy  # noqa: E402
from tui.cli import search as cli_search  # noqa: E402
from tui.cli import teams as cli_teams  # noqa: E402

cli_export.register(export)
cli_merge.register(cli)
cli_teams.register(export, import_group)
cli_privacy.register(cli)
cli_minutes.register(cli)
cli_search.register(cli)


def tolerate_console_encoding() -> None:
    """Never die of UnicodeEncodeError on a console that is not UTF-8 (cp850, cp1252 on Windows).

    A character the console cannot show («–», an emoji in a note) is printed as «?» instead.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        # A closed or detached stream has nothing to print to anyway.
        with contextlib.suppress(ValueError, OSError):
            reconfigure(errors="replace")


def main(argv: list[str] | None = None) -> None:
    """Entry point: usage errors exit 2, user errors 1, success 0."""
    tolerate_console_encoding()
    cli.main(args=argv, prog_name="innsikt")
