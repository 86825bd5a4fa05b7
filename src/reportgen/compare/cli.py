"""What `reportgen compare` does once its options are parsed: choose the format, compare, write or print."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..core.errors import EXIT_OK, ReportgenError
from ..runtime.output import atomic_write, refusal
from . import compare, load_edition, render_report, report_format

_BY_SUFFIX = {".txt": "text", ".json": "json", ".html": "html", ".htm": "html", ".docx": "docx"}


def choose_format(output_format: str | None, report: Path | None) -> str:
    if output_format:
        return output_format.lower()
    if report is not None:
        return _BY_SUFFIX.get(report.suffix.lower(), "text")
    return "text"


def run_compare(
    old: Path,
    new: Path,
    report: Path | None,
    output_format: str | None,
    match_by: str,
    strict: bool,
    force: bool = False,
) -> int:
    chosen = choose_format(output_format, report)
    if report_format(chosen).binary and report is None:
        raise ReportgenError(
            f"--format {chosen} writes a Word document: give the file to write with "
            f"-o REPORT{report_format(chosen).suffix}"
        )
    if report is not None:
        check_report_target(report, (old, new), force)
    comparison = compare(load_edition(old).edition, load_edition(new).edition, match_by=match_by, strict=strict)
    if report is None:
        colour = chosen == "text" and _colour_wanted()
        click.echo(render_report(comparison, chosen, colour=colour).decode("utf-8"), nl=False, color=colour)
        return EXIT_OK
    atomic_write(report, render_report(comparison, chosen), overwrite=force)
    click.echo(
        f"Wrote {report}: {comparison.total_changes} change{'s' if comparison.total_changes != 1 else ''}, "
        f"{comparison.counts()['carried-over']} carried over to confirm",
        err=True,
    )
    return EXIT_OK


def _colour_wanted() -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    stream = sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def check_report_target(report: Path, inputs, force: bool) -> None:
    """Refuse to write the report over a workbook being compared (even with --force), into a folder, or over an
    existing file without --force; editions and meetings alike."""
    for path in inputs:
        try:
            same = report.exists() and path.exists() and os.path.samefile(report, path)
        except OSError:
            same = False
        if same or report.resolve() == path.resolve():
            raise ReportgenError(f"{report}: is one of the workbooks being compared; write the report to another file")
    if report.is_dir():
        raise ReportgenError(f"{report}: is a folder; give the report's file name with -o")
    if report.exists() and not force:
        raise ReportgenError(refusal(report))
