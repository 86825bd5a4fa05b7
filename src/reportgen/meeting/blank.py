"""The blank meeting workbook that `reportgen new --meeting` writes."""

from __future__ import annotations

from pathlib import Path

from ..workbook.writer import write_workbook
from .schema import MEETING_BOOK


def write_blank_meeting(path: Path, overwrite: bool = False) -> None:
    """Write a blank meeting workbook to `path`; raise ReportgenError if `path` already exists, unless
    `overwrite`."""
    write_workbook(Path(path), None, overwrite=overwrite, book=MEETING_BOOK)
