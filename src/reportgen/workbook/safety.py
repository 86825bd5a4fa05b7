"""Checks a file is a workbook we may open, before openpyxl expands anything in memory.

The checks every Office file gets (zip limits, DOCTYPE refusal, encrypted and legacy files
named) are `ooxml.opening`'s; a workbook also has its cells counted here, because openpyxl
builds an object for every cell and for every cell of a merged or hyperlinked range.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..core.errors import ReportgenError
from ..ooxml.formats import WORKBOOK
from ..ooxml.opening import check_office_bytes, read_office_file

# A 1,000-commitment edition has about 9,000 cells. openpyxl builds an object for every cell,
# and for every cell of a merged or hyperlinked range, so both are counted before it starts.
MAX_CELLS = 200_000
MAX_RANGE_CELLS = 100_000


def read_workbook_bytes(path: Path) -> tuple[bytes, bool]:
    """The file's bytes once they pass every check, and whether the workbook is macro-enabled."""
    data, macro_enabled = read_office_file(path, WORKBOOK, _inspect_workbook)
    return data, macro_enabled or path.suffix.lower() == ".xlsm"


def check_workbook_bytes(name: str, data: bytes) -> bool:
    """Raise ReportgenError unless `data` is a workbook safe to parse; return True if it holds macros."""
    return check_office_bytes(name, data, WORKBOOK, _inspect_workbook)


def _inspect_workbook(name: str, archive: zipfile.ZipFile, members, names: set[str]) -> bool:
    _check_sheet_extents(name, archive, members)
    content_types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    return b"macroEnabled" in content_types or "xl/vbaProject.bin" in names


def _check_sheet_extents(name: str, archive: zipfile.ZipFile, members) -> None:
    cells = range_cells = 0
    for info in members:
        if _SHEET_PART.match(info.filename):
            part_cells, part_range_cells = _sheet_extent(archive, info)
            cells += part_cells
            range_cells += part_range_cells
            if cells > MAX_CELLS:
                raise ReportgenError(
                    f"{name}: the workbook has more than {MAX_CELLS:,} filled cells, far more than an "
                    "edition needs; refused as unsafe (delete unused rows and columns and save it "
                    "again)"
                )
            if range_cells > MAX_RANGE_CELLS:
                raise ReportgenError(
                    f"{name}: part {info.filename} merges or links ranges covering more than "
                    f"{MAX_RANGE_CELLS:,} cells; refused as unsafe (unmerge the cells or remove the "
                    "hyperlink from whole rows and columns)"
                )


_SHEET_PART = re.compile(r"xl/worksheets/[^/]+\.xml$", re.IGNORECASE)
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_RANGE_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:mergeCell|hyperlink)\s[^>]*?\bref\s*=\s*[\"']([^\"']*)[\"']")
_REFERENCE = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})")
_OVERLAP = 64 * 1024  # longer than any element these patterns look at


def _sheet_extent(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[int, int]:
    """Cells in a sheet part, and cells covered by its merged and hyperlinked ranges, streamed in chunks."""
    cells = range_cells = 0
    pending = b""
    with archive.open(info) as handle:
        while True:
            chunk = handle.read(1024 * 1024)
            data = pending + chunk
            # Count only matches that start before the overlap; the overlap is read again next time.
            safe = len(data) if not chunk else max(len(data) - _OVERLAP, 0)
            cells += sum(1 for match in _CELL_TAG.finditer(data, 0, safe + 8) if match.start() < safe)
            for match in _RANGE_TAG.finditer(data):
                if match.start() < safe:
                    range_cells += _area(match.group(1).decode("ascii", "replace"))
            if not chunk:
                return cells, range_cells
            pending = data[safe:]


def _area(reference: str) -> int:
    total = 0
    for part in reference.split():  # a ref may list several ranges
        corners = [_REFERENCE.fullmatch(corner) for corner in part.split(":")]
        if not corners or any(corner is None for corner in corners):
            continue
        columns = [_column_number(corner[1]) for corner in corners]
        rows = [int(corner[2]) for corner in corners]
        total += (max(columns) - min(columns) + 1) * (max(rows) - min(rows) + 1) - 1
    return total


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number
