"""The `innsikt export` group: json, minutes, report, services, markdown (agenda: teams.py).

`--uten-deltakere` leaves the names of participants, facilitators and note-takers out (the
minutes say how many there were); `--pseudonymiser` replaces every name with a role label
(«Deltaker 1», «Fasilitator 1», «Referent 1»), also where it appears in notes. Both keep roles
and organisations.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from models.errors import InnsiktError
from tui.cli.common import (
    CliError,
    command,
    db_option,
    force_option,
    group,
    read_db,
    refuse_existing,
)
from tui.cli.text import t

if TYPE_CHECKING:
    from exports.people import Participants

F = TypeVar("F", bound=Callable[..., Any])


@group("export", help_key="help_export")
def export() -> None:
    """Export minutes, a report, the service catalogue, Markdown or a JSON archive."""


def _output(function: F, help_key: str = "help_output") -> F:
    output = click.option(
        "-o", "--output", type=click.Path(path_type=Path), required=True, help=t(help_key)
    )
    return output(force_option(function))


def _output_folder(function: F) -> F:
    return _output(function, "help_markdown_output")


def _template(function: F) -> F:
    return click.option(
        "--template",
        type=click.Path(path_type=Path),
        default=None,
        help=t("help_template"),
    )(function)


def _participants(function: F) -> F:
    function = click.option(
        "--pseudonymiser",
        "pseudonymise",
        is_flag=True,
        help=t("help_pseudonymise"),
    )(function)
    return click.option("--uten-deltakere", "leave_out", is_flag=True, help=t("help_leave_out"))(
        function
    )


def _mode(leave_out: bool, pseudonymise: bool) -> Participants:
    if leave_out and pseudonymise:
        raise click.UsageError(t("participants_one_mode"))
    return "ingen" if leave_out else "pseudonym" if pseudonymise else "alle"


def _docx_output(output: Path, force: bool) -> None:
    if output.suffix.lower() != ".docx":
        raise CliError("docx_suffix", path=output)
    refuse_existing(output, force)


def _write_word(
    write: Callable[..., object],
    ref: str | None,
    output: Path,
    force: bool,
    template: Path | None,
    leave_out: bool,
    pseudonymise: bool,
    db_path: Path | None,
    progress_key: str | None = None,
    opened: Callable[[Path | None], Any] = read_db,
    **options: object,
) -> None:
    """Minutes and report alike: check the options and the file, then write and say so.

    With `progress_key`, a bar on a terminal's stderr says how far the writing has come.
    `opened` opens the database for `write` (the ORM's by default).
    """
    from tui.cli.progress import progress_bar

    mode = _mode(leave_out, pseudonymise)
    _docx_output(output, force)
    with opened(db_path) as db:
        if progress_key is None:
            write(db, ref, output, template=template, participants=mode, **options)
        else:
            with progress_bar(progress_key) as progress:
                write(db, ref, output, template=template, participants=mode, progress=progress)
    click.echo(t("exported", path=output))


@command("minutes", help_key="help_minutes_export")
@click.argument("meeting")
@_output
@_template
@_participants
@click.option(
    "--med-hoppet-over",
    "with_skipped",
    is_flag=True,
    help=t("help_with_skipped"),
)
@db_option
def minutes_command(
    meeting: str,
    output: Path,
    force: bool,
    template: Path | None,
    leave_out: bool,
    pseudonymise: bool,
    with_skipped: bool,
    db_path: Path | None,
) -> None:
    """Write a meeting's minutes (Word)."""
    from exports.minutes import write_minutes
    from tui.cli.read import reading_db  # plain sqlite3: the minutes import no ORM

    _write_word(
        write_minutes,
        meeting,
        output,
        force,
        template,
        leave_out,
        pseudonymise,
        db_path,
        opened=reading_db,
        with_skipped=with_skipped,
    )


@command("report", help_key="help_report")
@click.option("--journey", default=None, help=t("help_report_journey"))
@_output
@_template
@_participants
@db_option
def report_command(
    journey: str | None,
    output: Path,
    force: bool,
    template: Path | None,
    leave_out: bool,
    pseudonymise: bool,
    db_path: Path | None,
) -> None:
    """Write the summary of a journey (Word)."""
    from exports.report import write_report
    from tui.cli.read import reading_db  # plain sqlite3: the report imports no ORM

    _write_word(
        write_report,
        journey,
        output,
        force,
        template,
        leave_out,
        pseudonymise,
        db_path,
        progress_key="progress_report",
        opened=reading_db,
    )


@command("services", help_key="help_services")
@_output
@_participants
@click.option(
    "--skilletegn",
    "separator",
    default=None,
    help=t("help_services_separator"),
)
@db_option
def services_command(
    output: Path,
    force: bool,
    leave_out: bool,
    pseudonymise: bool,
    separator: str | None,
    db_path: Path | None,
) -> None:
    """Write the service catalogue (Excel or CSV, by the file's extension)."""
    from exports.services import SEPARATORS, write_services

    mode = _mode(leave_out, pseudonymise)
    if output.suffix.lower() not in (".xlsx", ".csv"):
        raise InnsiktError("services_format", path=output)
    if separator is not None and separator not in SEPARATORS:
        raise InnsiktError("csv_separator", value=separator)
    refuse_existing(output, force)
    with read_db(db_path) as db:
        write_services(db, output, participants=mode, separator=separator)
    click.echo(t("exported", path=output))


@command("markdown", help_key="help_markdown")
@_output_folder
@click.option("--meeting", default=None, help=t("help_markdown_meeting"))
@click.option("--journey", default=None, help=t("help_only_journey"))
@_participants
@db_option
def markdown_command(
    output: Path,
    force: bool,
    meeting: str | None,
    journey: str | None,
    leave_out: bool,
    pseudonymise: bool,
    db_path: Path | None,
) -> None:
    """Write minutes and the summary as Markdown: one .md file, or a folder of them."""
    from exports.markdown import write_markdown
    from tui.cli.read import reading_db  # plain sqlite3, as the minutes and the report

    mode = _mode(leave_out, pseudonymise)
    with reading_db(db_path) as db:
        written = write_markdown(
            db,
            output,
            meeting,
            journey_id=journey,
            participants=mode,
            force=force,
        )
    if len(written) == 1:
        click.echo(t("exported", path=written[0]))
    else:
        click.echo(t("exported_many", count=len(written), path=output))


@command("json", help_key="help_export_json")
@_output
@click.option("--encrypt", is_flag=True, help=t("help_export_json_encrypt"))
@db_option
def export_json(output: Path, force: bool, encrypt: bool, db_path: Path | None) -> None:
    """Write the whole database as a JSON archive (it can be imported again)."""
    from models.archive import write_archive

    refuse_existing(output, force)
    with read_db(db_path) as db:
        if encrypt:
            from models.sealed import seal_written
            from tui.cli.privacy import new_passphrase

            seal_written(output, new_passphrase(), lambda plain: write_archive(db, plain))
        else:
            write_archive(db, output)
    click.echo(t("exported", path=output))


def register(cli: click.Group) -> None:
    """Add the `export` group with the archive and the document exports."""
    for export_command in (
        export_json,
        minutes_command,
        report_command,
        services_command,
        markdown_command,
    ):
        export.add_command(export_command)
    cli.add_command(export)
