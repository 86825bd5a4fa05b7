"""Build progress for people: a live display on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

_LABELS = {"validated": "Validated", "rendered": "Rendered", "checked": "Checked", "written": "Wrote"}


class BuildProgress:
    """Receives the build's (step, detail) events; all output goes to standard error."""

    def __init__(self, formats: Sequence[str], enabled: bool = True):
        self.enabled = enabled
        self.total = 1 + 3 * len(formats)  # validate, then render, check and write each format
        self.console = Console(stderr=True)
        self.live = enabled and sys.stderr.isatty()
        self.progress: Progress | None = None
        self.task = None

    def __enter__(self) -> BuildProgress:
        if self.live:
            # auto_refresh off: no background thread, so the PDF's worker process forks cleanly.
            self.progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                TimeElapsedColumn(),
                console=self.console,
                auto_refresh=False,
                transient=True,
            )
            self.progress.start()
            self.task = self.progress.add_task("Validating", total=self.total)
            self.progress.refresh()
        return self

    def update(self, step: str, detail: str) -> None:
        if not self.enabled:
            return
        line = f"{_LABELS.get(step, step)} {detail}"
        quiet = step == "written"  # the command prints the paths written itself
        if self.progress is not None:
            if not quiet:
                self.progress.console.print(line, highlight=False)
            self.progress.update(self.task, advance=1, description=line)
            self.progress.refresh()
        elif not quiet:
            click.echo(line, err=True)

    def __exit__(self, *exc) -> None:
        if self.progress is not None:
            self.progress.stop()
