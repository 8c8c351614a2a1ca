"""The `innsikt export minutes|report|services|markdown` commands.

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
from models.text import t
from tui.cli.common import db_option, read_db, refuse_existing

if TYPE_CHECKING:
    from exports.people import Participants

F = TypeVar("F", bound=Callable[..., Any])


def _db_path(db_path: Path | None) -> Path | None:
    """The command's --db, or the one given to `innsikt` itself."""
    if db_path is not None:
        return db_path
    root = click.get_current_context().find_root()
    return (root.obj or {}).get("db_path")


def _output(function: F, help_text: str = "Filen som skrives.") -> F:
    force = click.option("--force", is_flag=True, help="Overskriv en eksisterende fil.")
    output = click.option(
        "-o", "--output", type=click.Path(path_type=Path), required=True, help=help_text
    )
    return output(force(function))


def _output_folder(function: F) -> F:
    return _output(function, "Markdown-fil (.md) eller mappe.")


def _template(function: F) -> F:
    return click.option(
        "--template",
        type=click.Path(path_type=Path),
        default=None,
        help="Word-mal (.docx/.dotx) med virksomhetens stiler, topp- og bunntekst.",
    )(function)


def _participants(function: F) -> F:
    function = click.option(
        "--pseudonymiser",
        "pseudonymise",
        is_flag=True,
        help="Erstatt navn med «Deltaker 1», «Referent 1» osv.",
    )(function)
    return click.option(
        "--uten-deltakere", "leave_out", is_flag=True, help="Utelat navn på personer."
    )(function)


def _mode(leave_out: bool, pseudonymise: bool) -> Participants:
    if leave_out and pseudonymise:
        raise click.UsageError(t("participants_one_mode"))
    return "ingen" if leave_out else "pseudonym" if pseudonymise else "alle"


def _docx_output(output: Path, force: bool) -> None:
    if output.suffix.lower() != ".docx":
        raise InnsiktError("docx_suffix", path=output)
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
    **options: object,
) -> None:
    """Minutes and report alike: check the options and the file, then write and say so."""
    mode = _mode(leave_out, pseudonymise)
    _docx_output(output, force)
    with read_db(_db_path(db_path)) as db:
        write(db, ref, output, template=template, participants=mode, **options)
    click.echo(t("exported", path=output))


@click.command("minutes")
@click.argument("meeting")
@_output
@_template
@_participants
@click.option(
    "--med-hoppet-over",
    "with_skipped",
    is_flag=True,
    help="Ta med spørsmål som ble hoppet over eller ikke var relevante, der de står.",
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
    """Skriv møtereferat (Word). MEETING er id eller et entydig prefiks."""
    from exports.minutes import write_minutes

    _write_word(
        write_minutes,
        meeting,
        output,
        force,
        template,
        leave_out,
        pseudonymise,
        db_path,
        with_skipped=with_skipped,
    )


@click.command("report")
@click.option("--journey", default=None, help="Reisen (id eller prefiks); standard: alle.")
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
    """Skriv sammenstilling for en innsiktsreise (Word)."""
    from exports.report import write_report

    _write_word(write_report, journey, output, force, template, leave_out, pseudonymise, db_path)


@click.command("services")
@_output
@_participants
@click.option(
    "--skilletegn",
    "separator",
    default=None,
    help="Skilletegn i CSV: «;» (standard på norsk, som norsk Excel venter) eller «,».",
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
    """Skriv tjenestekatalogen (Excel eller CSV).

    Excel-filen har ark for tjenester, møter, oppfølgingspunkter og matrisen tjenester × regioner;
    CSV-filen én rad per tjeneste med alle felt. Filendelsen (.xlsx eller .csv) velger format.
    """
    from exports.services import SEPARATORS, write_services

    mode = _mode(leave_out, pseudonymise)
    if output.suffix.lower() not in (".xlsx", ".csv"):
        raise InnsiktError("services_format", path=output)
    if separator is not None and separator not in SEPARATORS:
        raise InnsiktError("csv_separator", value=separator)
    refuse_existing(output, force)
    with read_db(_db_path(db_path)) as db:
        write_services(db, output, participants=mode, separator=separator)
    click.echo(t("exported", path=output))


@click.command("markdown")
@_output_folder
@click.option("--meeting", default=None, help="Bare referatet fra dette møtet.")
@click.option("--journey", default=None, help="Bare denne reisen (id eller prefiks).")
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
    """Skriv referat og sammenstilling som Markdown.

    -o FIL.md skriver én fil (referatet med --meeting, ellers sammenstillingen); ellers er -o en
    mappe som får sammenstilling.md og ett referat per møte.
    """
    from exports.markdown import write_markdown

    mode = _mode(leave_out, pseudonymise)
    with read_db(_db_path(db_path)) as db:
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


def register(export: click.Group) -> None:
    """Add the document exports to the `export` group."""
    for command in (minutes_command, report_command, services_command, markdown_command):
        export.add_command(command)
