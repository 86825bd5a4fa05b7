"""What every command prints about findings: the list as text or JSON, and the line a refused write ends with.

Shared by the command line and the commands' meeting halves (meeting/cli.py), so both print alike.
"""

from __future__ import annotations

import click

from ..core.errors import EXIT_FINDINGS, EXIT_OK
from ..core.findings import Finding, count, summary_line, to_json, to_text


def print_findings(findings: list[Finding], output_format: str, subject: str, **extra) -> int:
    """Print findings as text or JSON; return the contract's exit status for them."""
    findings = list(findings)
    if output_format == "json":
        click.echo(to_json(findings, **extra))
    else:
        if findings:
            click.echo(to_text(findings))
        click.echo(summary_line(findings, subject))
    errors, _ = count(findings)
    return EXIT_FINDINGS if errors else EXIT_OK


def say_nothing_written() -> None:
    """The one line every writing command ends with when errors stopped it."""
    click.echo("Nothing was written: fix the errors above and run the command again.", err=True)


def print_written(findings: list[Finding], output_format: str, subject: str, written: list, failed: bool) -> int:
    """print_findings for a command that writes files: JSON lists the files `written`; text ends with
    say_nothing_written when errors stopped the command."""
    status = print_findings(findings, output_format.lower(), subject, written=[str(path) for path in written])
    if output_format.lower() == "text" and failed:
        say_nothing_written()
    return status
