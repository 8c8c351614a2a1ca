"""The Teams commands: `import attendance`, `import transcript` and `export agenda`."""

from __future__ import annotations

from pathlib import Path

import click

from models.errors import InnsiktError
from models.text import t
from tui.cli.common import db_option, opened_db, refuse_existing


def _db_path(db_path: Path | None) -> Path | None:
    """The command's --db, or the one given to `innsikt` itself."""
    if db_path is not None:
        return db_path
    root = click.get_current_context().find_root()
    return (root.obj or {}).get("db_path")


@click.command("attendance")
@click.argument("meeting")
@click.argument("file", type=click.Path(path_type=Path))
@db_option
def attendance_command(meeting: str, file: Path, db_path: Path | None) -> None:
    """Les inn deltakerlisten fra Teams (.csv) i et møte. MEETING er id eller prefiks."""
    from models.attendance import read_report
    from models.attendance_import import import_report

    report = read_report(file)  # a file that is no report is refused before the database opens
    with opened_db(_db_path(db_path)) as db:
        summary = import_report(db, meeting, report)
    if not summary.changed():
        click.echo(t("attendance_nothing", attendees=summary.attendees, file=file.name,
                     meeting=summary.meeting_title))  # fmt: skip
    else:
        click.echo(
            t(
                "attendance_done",
                attendees=summary.attendees,
                file=file.name,
                meeting=summary.meeting_title,
                added=summary.people_added,
                matched=summary.people_matched,
                joined=summary.participations_added,
                updated=summary.participations_updated + summary.people_updated,
            )
        )
    if summary.other_day is not None:
        click.echo(t("attendance_other_day", day=summary.other_day.strftime("%d.%m.%Y")), err=True)
    if summary.domains_learned:
        click.echo(t("attendance_domains", domains=", ".join(summary.domains_learned)))
    for pair in summary.duplicates:
        click.echo(
            t(
                "attendance_duplicate",
                first=pair.first_name,
                second=pair.second_name,
                score=round(pair.score),
            )
        )


@click.command("transcript")
@click.argument("meeting")
@click.argument("file", type=click.Path(path_type=Path))
@db_option
def transcript_command(meeting: str, file: Path, db_path: Path | None) -> None:
    """Les inn transkripsjonen fra Teams (.vtt eller .docx) i et møte.

    Replikkene lagres skrivebeskyttet og vises ved siden av notatene (F4); de kommer ikke i
    referatet med mindre de siteres i et notat.
    """
    from models.transcript import read_transcript
    from models.transcripts import store_cues

    cues = read_transcript(file)
    with opened_db(_db_path(db_path)) as db:
        summary = store_cues(db, meeting, cues)
    click.echo(
        t(
            "transcript_done",
            count=summary.cues,
            file=file.name,
            meeting=summary.meeting_title,
            added=summary.added,
            unchanged=summary.unchanged,
        )
    )


@click.command("agenda")
@click.argument("meeting")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True, help="FIL.docx eller FIL.ics."
)
@click.option("--force", is_flag=True, help="Overskriv en eksisterende fil.")
@click.option(
    "--template",
    type=click.Path(path_type=Path),
    default=None,
    help="Word-mal (.docx/.dotx) med virksomhetens stiler, topp- og bunntekst (bare .docx).",
)
@db_option
def agenda_command(
    meeting: str, output: Path, force: bool, template: Path | None, db_path: Path | None
) -> None:
    """Skriv innkalling til et møte: Word (.docx) eller kalenderfil (.ics).

    Kalenderfilen har samme UID hver gang, så en innkalling sendt på nytt oppdaterer avtalen.
    """
    suffix = output.suffix.lower()
    if suffix not in (".docx", ".ics"):
        raise InnsiktError("agenda_format", path=output)
    if template is not None and suffix != ".docx":
        raise click.UsageError(t("agenda_template_docx"))
    refuse_existing(output, force)
    with opened_db(_db_path(db_path)) as db:
        if suffix == ".docx":
            from exports.agenda import write_agenda

            write_agenda(db, meeting, output, template=template)
        else:
            from exports.ics import write_ics

            write_ics(db, meeting, output)
    click.echo(t("exported", path=output))


def register(export: click.Group, import_group: click.Group) -> None:
    """Add the Teams commands to the `export` and `import` groups."""
    import_group.add_command(attendance_command)
    import_group.add_command(transcript_command)
    export.add_command(agenda_command)
