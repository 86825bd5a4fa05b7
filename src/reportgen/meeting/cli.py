"""The commands' meeting halves: what `next`, `compare` and `import` print for a meeting workbook.

Each command imports its own half of the meeting package when it runs (the importer reads Word
documents, the comparison renders HTML), so one command loads nothing another needs.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..compare.cli import check_report_target, choose_format
from ..core.errors import EXIT_OK, ReportgenError
from ..runtime.console import print_written
from ..runtime.output import atomic_write


def next_meeting(
    workbook: Path, output: Path, output_format: str, period: str | None, edition_label: str | None, force: bool = False
) -> int:
    from .rollover import roll_meeting_forward

    if period or edition_label:
        raise ReportgenError(
            f"{workbook}: --period and --edition are for edition workbooks; a meeting workbook "
            "moves on to the first date on its Next meetings sheet"
        )
    plan = roll_meeting_forward(workbook, output, overwrite=force)
    text = output_format.lower() == "text"
    if text and not plan.failed:
        when = f" for {plan.edition_label}" if plan.edition_label else ""
        click.echo(
            f"Wrote {output}{when}: {plan.commitments} open actions carried forward, {plan.complete} Done or "
            "Dropped left behind, attendance cleared and the agenda empty."
        )
    return print_written(
        plan.findings,
        output_format,
        str(output if not plan.failed else workbook),
        [] if plan.failed else [output],
        plan.failed,
    )


def compare_meetings_command(
    old: Path, new: Path, report: Path | None, output_format: str | None, force: bool = False
) -> int:
    """Compare two meeting workbooks; text or JSON, printed or written with -o."""
    from .compare import compare_meetings, to_html, to_json, to_text
    from .kind import is_meeting
    from .reader import load_meeting

    chosen = choose_format(output_format, report)
    if chosen not in ("text", "json", "html"):
        raise ReportgenError(f"--format {chosen}: two meeting workbooks are compared as text, json or html")
    for path in (old, new):
        if not is_meeting(path):
            raise ReportgenError(f"{path}: is an edition workbook; compare two meeting workbooks, or two editions")
    if report is not None:
        check_report_target(report, (old, new), force)
    result = compare_meetings(load_meeting(old), load_meeting(new))
    body = {"json": to_json, "html": to_html}.get(chosen, to_text)(result)
    if report is None:
        click.echo(body, nl=False)
        return EXIT_OK
    atomic_write(report, body.encode("utf-8"), overwrite=force)
    counts = result.counts()
    click.echo(
        f"Wrote {report}: {counts['closed']} closed, {counts['new']} new, {counts['overdue']} overdue, "
        f"{counts['unchanged']} with the same update as last time",
        err=True,
    )
    return EXIT_OK


def import_meeting_command(document: Path, output: Path, output_format: str, force: bool = False) -> int:
    from .importer import import_meeting

    result = import_meeting(document, output, overwrite=force)
    text = output_format.lower() == "text"
    if text and not result.failed:
        ids = f"; {result.ids_assigned} action IDs assigned (keep them from now on)" if result.ids_assigned else ""
        click.echo(
            f"Wrote {output}: meeting notes with {result.count('People')} people, {result.count('Agenda')} "
            f"agenda items and {result.count('Actions')} actions{ids}."
        )
    return print_written(
        result.findings, output_format, str(document), [] if result.failed else [output], result.failed
    )
