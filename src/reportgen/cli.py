"""The command line: parse options, call the library, print, set the exit status.

All behaviour lives in the library. Errors that stop a command become one line on
standard error and exit status 2 (`exits`, `_run`); findings with errors give exit status 1.
"""

from __future__ import annotations

import functools
import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path

import click

from . import __version__
from .core.errors import EXIT_CANNOT_RUN, EXIT_OK, ReportgenError
from .runtime.console import print_findings, print_written
from .runtime.lifetime import Stopped

FORMAT_TEXT_JSON = click.Choice(["text", "json"], case_sensitive=False)


def _run(action: Callable[[], int]) -> int:
    """Run a command body, turning every failure into one line and an exit status."""
    try:
        return action()
    except (ReportgenError, Stopped) as exc:  # Stopped: a signal, once everything above has cleaned up
        click.echo(f"reportgen: {exc.message}", err=True)
        return exc.exit_status
    except KeyboardInterrupt:
        click.echo("reportgen: interrupted; nothing was written", err=True)
        return 130
    except OSError as exc:
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        click.echo(f"reportgen: {where}{exc.strerror or exc}", err=True)
        return EXIT_CANNOT_RUN
    except Exception as exc:  # a bug: still one line, with the traceback only on request
        if os.environ.get("REPORTGEN_DEBUG"):
            raise
        click.echo(
            f"reportgen: internal error ({type(exc).__name__}: {exc}); "
            "set REPORTGEN_DEBUG=1 to see the details and please report it",
            err=True,
        )
        return EXIT_CANNOT_RUN


def exits(command: Callable[..., int]) -> Callable[..., None]:
    """A command whose body returns its exit status; whatever it raises becomes one line and a status (`_run`)."""

    @functools.wraps(command)
    def run(*args, **kwargs) -> None:
        sys.exit(_run(lambda: command(*args, **kwargs)))

    return run


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportgen")
def cli() -> None:
    """Quarterly progress updates from one Excel workbook: validate it, then build DOCX, PDF/UA-1 and HTML."""


def _force_option(function):
    return click.option(
        "--force",
        is_flag=True,
        help="Replace the file if it already exists (never an input file). Without it an existing file is refused.",
    )(function)


def _format_option(help: str):
    """--format text|json: how a command prints its findings (help says of what)."""
    return click.option(
        "--format", "output_format", type=FORMAT_TEXT_JSON, default="text", show_default=True, help=help
    )


def _new_workbook_option(help: str):
    """-o FILE.xlsx, required: the workbook a command writes."""
    return click.option(
        "-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path), required=True, help=help
    )


@cli.command("new")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--meeting",
    is_flag=True,
    help="Write a blank board meeting workbook (notes and action tracker) instead of an edition workbook.",
)
@_force_option
@exits
def new_command(file: Path, meeting: bool, force: bool) -> int:
    """Write a blank edition workbook (or, with --meeting, a meeting workbook) to FILE.xlsx, ready to fill in."""
    from .meeting.blank import write_blank_meeting
    from .workbook.blank import write_blank_workbook

    if file.suffix.lower() != ".xlsx":
        raise ReportgenError(f"{file}: the new workbook's name must end in .xlsx")
    (write_blank_meeting if meeting else write_blank_workbook)(file, overwrite=force)
    click.echo(f"Wrote {file}")
    return EXIT_OK


def _previous_option(function):
    return click.option(
        "--previous",
        "previous",
        type=click.Path(path_type=Path),
        default=None,
        help="The previous edition's workbook: also report boilerplate changed and updates carried over unchanged.",
    )(function)


def _fail_on_option(function):
    return click.option(
        "--fail-on",
        "fail_on",
        multiple=True,
        type=click.Choice(["boilerplate", "carried-over"]),
        help="With --previous: treat this kind of change as an error (may be repeated).",
    )(function)


def _plan_option(function):
    return click.option(
        "--plan",
        "plan",
        type=click.Path(path_type=Path),
        default=None,
        metavar="EDITION.xlsx",
        help="For a meeting workbook: the plan's edition workbook, to check that every commitment "
        "ID an action names exists.",
    )(function)


def validation_options(
    workbook: Path, previous: Path | None, fail_on, readability: bool = False, plan: Path | None = None
):
    from .validation import Options
    from .workbook.reader import load

    loaded_previous = load(previous) if previous is not None else None
    loaded_plan = load(plan) if plan is not None else None
    return Options(
        previous=loaded_previous, fail_on=frozenset(fail_on or ()), readability=readability, plan=loaded_plan
    )


@cli.command("validate")
@click.argument("workbook", type=click.Path(path_type=Path))
@_previous_option
@_fail_on_option
@_format_option("text: one line a finding; json: one JSON document.")
@click.option(
    "--readability",
    is_flag=True,
    help="Also report reading ease and the longest sentences of each update (information only).",
)
@_plan_option
@exits
def validate_command(
    workbook: Path, previous: Path | None, fail_on, output_format: str, readability: bool, plan: Path | None
) -> int:
    """Check WORKBOOK (an edition or a meeting workbook) and report every problem, with the cell and how to fix it."""
    from .meeting.kind import load_and_validate

    options = validation_options(workbook, previous, fail_on, readability, plan)
    _loaded, findings = load_and_validate(workbook, options)
    return print_findings(findings, output_format.lower(), str(workbook))


@cli.command("build")
@click.argument("workbook", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("dist"),
    show_default=True,
    help="Folder to write the documents to.",
)
@click.option(
    "--only",
    "only",
    default=None,
    metavar="FORMATS",
    help="Comma-separated formats to build: docx, pdf, html (default: all three).",
)
@_previous_option
@_fail_on_option
@click.option(
    "--reference-doc",
    "reference_doc",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="FILE.docx",
    help="Build the DOCX on this restyled copy of the house reference document (see 'reportgen reference-doc').",
)
@_format_option("How to print findings: text or json.")
@_plan_option
@exits
def build_command(
    workbook: Path,
    out_dir: Path,
    only: str | None,
    previous: Path | None,
    fail_on,
    reference_doc: Path | None,
    output_format: str,
    plan: Path | None,
) -> int:
    """Validate WORKBOOK (an edition or a meeting workbook), then write DIR/<name>.docx, .pdf (PDF/UA-1) and .html."""
    from .pipeline.build import build, parse_formats
    from .runtime.progress import BuildProgress

    formats = parse_formats(only)
    options = validation_options(workbook, previous, fail_on, plan=plan)
    with BuildProgress(formats, enabled=output_format == "text") as progress:
        result = build(workbook, out_dir, formats, options, progress=progress.update, reference_doc=reference_doc)
    status = print_written(result.findings, output_format, str(workbook), result.written, result.failed)
    if output_format.lower() == "text":
        for path in result.written:
            click.echo(f"Wrote {path}")
    return status


@cli.command("reference-doc")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@_force_option
@exits
def reference_doc_command(file: Path, force: bool) -> int:
    """Write the house Word reference document to FILE.docx, to restyle in Word and pass to
    'reportgen build --reference-doc'."""
    from .runtime.output import atomic_write
    from .writers.docx.reference import reference_bytes

    if file.suffix.lower() != ".docx":
        raise ReportgenError(f"{file}: the reference document's name must end in .docx")
    atomic_write(file, reference_bytes(), overwrite=force)
    click.echo(f"Wrote {file}")
    return EXIT_OK


@cli.command("compare")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "report",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the report to this file (needed for docx). Without it, text, json and html go to standard output.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "html", "docx"], case_sensitive=False),
    default=None,
    help="Report format; by default taken from the -o file's extension, else text.",
)
@click.option(
    "--match-by",
    "match_by",
    type=click.Choice(["id", "text"]),
    default="id",
    show_default=True,
    help="id: pair items by ID, then by text where IDs do not line up; text: ignore IDs and pair "
    "items by the similarity of their text (for an edition imported from Word).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Count differences only in spaces, line breaks, quotation marks, dashes or bullets as changes.",
)
@_force_option
@exits
def compare_command(
    old: Path, new: Path, report: Path | None, output_format: str | None, match_by: str, strict: bool, force: bool
) -> int:
    """Compare two editions (OLD.xlsx, then NEW.xlsx) for a reviewer: reworded commitments, updates carried over
    unchanged, redlines of edited updates, renumbering, moves, metrics and more. Given two meeting workbooks, it
    lists the actions closed, new, overdue and open with the same update as at the last meeting."""
    from .compare.cli import run_compare
    from .meeting.kind import is_meeting

    if is_meeting(old) or is_meeting(new):
        from .meeting.cli import compare_meetings_command

        return compare_meetings_command(old, new, report, output_format, force)
    return run_compare(old, new, report, output_format, match_by, strict, force)


@cli.command("next")
@click.argument("workbook", type=click.Path(path_type=Path))
@_new_workbook_option("The new edition's workbook (.xlsx); an existing file is replaced only with --force.")
@_force_option
@click.option(
    "--period",
    "period",
    metavar="START:END",
    default=None,
    help="The new monitoring period, such as 2025-10-01:2025-12-31 (default: the next quarter).",
)
@click.option(
    "--edition",
    "edition_label",
    metavar="LABEL",
    default=None,
    help="The new edition's label (default: the old label moved on, such as Quarter 2 to Quarter 3).",
)
@_format_option("How to print what needs checking: text or json.")
@exits
def next_command(
    workbook: Path, output: Path, force: bool, period: str | None, edition_label: str | None, output_format: str
) -> int:
    """Start the next edition: copy WORKBOOK to NEW.xlsx with the period moved on a quarter, a Draft status,
    every Approved reset to No and each update kept beside its copy in Previous update."""
    from .core.wording import numeric_date
    from .meeting.kind import is_meeting
    from .rollover.edition import parse_period, roll_forward

    if is_meeting(workbook):
        from .meeting.cli import next_meeting

        return next_meeting(workbook, output, output_format, period, edition_label, force)
    plan = roll_forward(
        workbook,
        output,
        period=parse_period(period) if period else None,
        edition_label=edition_label,
        overwrite=force,
    )
    text = output_format.lower() == "text"
    if text and not plan.failed:
        start, end = plan.period
        dates = f", {numeric_date(start)} to {numeric_date(end)}" if start and end else ""
        click.echo(
            f"Wrote {output}: {plan.edition_label or 'edition'}{dates}; {plan.commitments} commitments "
            f"carried over, {plan.complete} marked Complete last time. Run reportgen validate on it to "
            "see every update still to write."
        )
    return print_written(
        plan.findings,
        output_format,
        str(output if not plan.failed else workbook),
        [] if plan.failed else [output],
        plan.failed,
    )


@cli.command("import")
@click.argument("edition", type=click.Path(path_type=Path))
@_new_workbook_option("The workbook to write (.xlsx); an existing file is replaced only with --force.")
@_force_option
@_format_option("How to print what could not be placed: text or json.")
@click.option(
    "--meeting/--edition",
    "meeting",
    default=None,
    help="Read the document as board meeting notes, or as an edition (default: told from the document: "
    "a 'Meeting notes of' line or an 'Actions noted' heading means meeting notes).",
)
@exits
def import_command(edition: Path, output: Path, force: bool, output_format: str, meeting: bool | None) -> int:
    """Make a workbook from EDITION.docx, an edition published from Word: its cover, narrative, chapters and
    every commitment with its update; or, from board meeting notes, a meeting workbook. Whatever cannot be placed
    is reported, never dropped."""
    from .importer import import_edition
    from .meeting.importer import looks_like_meeting_notes

    if meeting or (meeting is None and looks_like_meeting_notes(edition)):
        from .meeting.cli import import_meeting_command

        return import_meeting_command(edition, output, output_format, force)
    result = import_edition(edition, output, overwrite=force)
    text = output_format.lower() == "text"
    if text and not result.failed:
        ids = (
            f"{result.ids_assigned} IDs assigned in document order (keep them from now on)"
            if result.ids_assigned
            else "IDs kept from the document"
        )
        click.echo(
            f"Wrote {output}: {result.count('Chapters')} chapters, {result.count('Commitments')} "
            f"commitments, {result.count('Narrative')} narrative sections, {result.count('Glossary')} "
            f"glossary terms; {ids}."
        )
    return print_written(result.findings, output_format, str(edition), [] if result.failed else [output], result.failed)


@cli.command("check")
@click.argument("file", type=click.Path(path_type=Path))
@_format_option("text: one line a finding; json: one JSON document.")
@click.option(
    "--readability/--no-readability",
    default=True,
    show_default=True,
    help="Also report the reading ease and longest sentences of each update (information only).",
)
@exits
def check_command(file: Path, output_format: str, readability: bool) -> int:
    """Check a finished FILE.pdf, FILE.docx or FILE.html for accessibility: what fails and where."""
    from .accessibility import check_file

    findings = check_file(file, readability=readability)
    return print_findings(findings, output_format.lower(), str(file))


@cli.command("serve")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Any address but this machine's own needs an access token "
    "(REPORTGEN_TOKEN, or one made and printed at start).",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option(
    "--data",
    "data",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("reportgen-data"),
    show_default=True,
    help="Folder for the workspace's database and files (made if missing).",
)
@click.option(
    "--builds", default=1, show_default=True, type=int, help="Builds run at once; the others wait in the queue."
)
@click.option(
    "--upload-limit",
    "upload_limit",
    default=20,
    show_default=True,
    type=int,
    metavar="MB",
    help="Largest file that can be uploaded, in MB.",
)
@exits
def serve_command(host: str, port: int, data: Path, builds: int, upload_limit: int) -> int:
    """Start the web workspace: upload workbooks, see findings, preview, build, compare and check in a browser."""
    from .workspace.server import serve

    return serve(host, port, data, builds, upload_limit, echo=click.echo)


def main() -> None:
    """The `reportgen` program."""
    from .runtime.lifetime import run_folder, signals_stop_cleanly

    try:
        # Whatever stops the program, its workers and temporary files go with it.
        with signals_stop_cleanly(), run_folder():
            cli(prog_name="reportgen")
    except Stopped as exc:  # stopped outside a command's body, before click started
        click.echo(f"reportgen: {exc.message}", err=True)
        sys.exit(exc.exit_status)
    except SystemExit as done:
        # Stopped while click parsed the options: click said "Aborted!" and chose status 1; the
        # status says which signal, as everywhere else.
        from .runtime import lifetime

        if done.code != 1 or lifetime.last_stop is None:
            raise
        click.echo(f"reportgen: {lifetime.last_stop.message}", err=True)
        sys.exit(lifetime.last_stop.exit_status)
    finally:
        # As the program ends Python runs one more full collection over every object the
        # command built: 0.4 s after building the example, 0.9 s after 1,000 commitments,
        # for memory the system takes back anyway. Frozen objects are left out of it.
        # Here rather than in the commands, so a program calling them keeps its collector.
        gc.freeze()


if __name__ == "__main__":
    main()
