"""The Teams commands: `import attendance`, `import transcript` and `export agenda`."""

from __future__ import annotations

from pathlib import Path

import click

from tui.cli.common import CliError, command, db_option, force_option, opened_db, refuse_existing
from tui.cli.text import t


@command("attendance", help_key="help_attendance")
@click.argument("meeting")
@click.argument("file", type=click.Path(path_type=Path))
@db_option
def attendance_command(meeting: str, file: Path, db_path: Path | None) -> None:
    """Read a Teams attendance list (.csv) into a meeting."""
    from models.attendance import read_report
    from models.attendance_import import import_report

    report = read_report(file)  # a file that is no report is refused before the database opens
    with opened_db(db_path) as db:
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


@command("transcript", help_key="help_transcript")
@click.argument("meeting")
@click.argument("file", type=click.Path(path_type=Path))
@db_option
def transcript_command(meeting: str, file: Path, db_path: Path | None) -> None:
    """Read a Teams transcript (.vtt or .docx) into a meeting, read-only beside the notes."""
    from models.transcript import read_transcript
    from models.transcripts import store_cues

    cues = read_transcript(file)
    with opened_db(db_path) as db:
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


@command("agenda", help_key="help_agenda")
@click.argument("meeting")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help=t("help_agenda_output"),
)
@force_option
@click.option(
    "--template",
    type=click.Path(path_type=Path),
    default=None,
    help=t("help_agenda_template"),
)
@db_option
def agenda_command(
    meeting: str, output: Path, force: bool, template: Path | None, db_path: Path | None
) -> None:
    """Write a meeting's invitation: Word (.docx) or a calendar file (.ics) with a stable UID."""
    suffix = output.suffix.lower()
    if suffix not in (".docx", ".ics"):
        raise CliError("agenda_format", path=output)
    if template is not None and suffix != ".docx":
        raise click.UsageError(t("agenda_template_docx"))
    refuse_existing(output, force)
    with opened_db(db_path) as db:
        if suffix == ".docx":
            from exports.agenda import write_agenda

            write_agenda(db, meeting, output, template=template)
        else:
            from exports.ics import write_ics

            write_ics(db, meeting, output)
    click.echo(t("exported", path=output))


def register(cli: click.Group) -> None:
    """Add the Teams commands to the `export` and `import` groups."""
    import_group, export = cli.commands["import"], cli.commands["export"]
    assert isinstance(import_group, click.Group) and isinstance(export, click.Group)
    import_group.add_command(attendance_command)
    import_group.add_command(transcript_command)
    export.add_command(agenda_command)
