"""The blank edition workbook that `reportgen new` writes."""

from __future__ import annotations

from pathlib import Path

from .writer import write_workbook


def write_blank_workbook(path: Path, overwrite: bool = False) -> None:
    """Write a blank workbook to `path`: Instructions, every sheet with its header row and drop-down lists,
    the Edition fields listed; raise ReportgenError if `path` already exists, unless `overwrite`."""
    write_workbook(Path(path), None, overwrite=overwrite)
